// Exporters and sinks writing to a full disk (/dev/full): each tells its error once, the
// program goes on, and the spans still reach the other exporters.
#include <sys/stat.h>

#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

#include "capture.hpp"
#include "vigil/runtime.hpp"

TEST_CASE("file exporters on a full disk tell one clear error each and lose nothing else",
          "[export][faults]") {
  std::vector<std::string> told;
  vigil::set_report_handler([&](const std::string& message) { told.push_back(message); });
  vigil_test::Capture capture;
  const auto otlp = std::make_shared<vigil::OtlpFileExporter>("/dev/full");
  const auto chrome = std::make_shared<vigil::ChromeTraceExporter>("/dev/full");
  vigil::add_exporter(otlp);
  vigil::add_exporter(chrome);
  const auto previous_sinks = vigil::log_sinks();
  vigil::set_log_sinks({std::make_shared<vigil::JsonSink>("/dev/full")});
  for (int i = 0; i < 200; ++i) {
    VIGIL_SPAN("disk.full", {"i", i});
    VIGIL_LOG_INFO("DISK", "line {}", i);
    if (i % 50 == 0) {
      vigil::flush();
      vigil::flush_logs();
    }
  }
  vigil::flush();
  vigil::flush_logs();
  // A device is written in place, never renamed over; a series makes the text non-empty.
  vigil::counter("disk_full_writes_total").inc();
  const bool textfile_written = vigil::write_prometheus_textfile("/dev/full");
  vigil::remove_exporter(otlp);
  vigil::remove_exporter(chrome);
  vigil::set_log_sinks(previous_sinks);
  vigil::set_report_handler(nullptr);

  CHECK_FALSE(textfile_written);
  struct stat device {};
  REQUIRE(::stat("/dev/full", &device) == 0);
  CHECK(S_ISCHR(device.st_mode));
  std::size_t about_full = 0;
  for (const auto& message : told) {
    UNSCOPED_INFO(message);
    CHECK_THAT(message, Catch::Contains("/dev/full"));
    about_full += message.find("No space left on device") != std::string::npos;
  }
  CHECK(told.size() == 4);  // OTLP file, Chrome trace, JSON log sink, textfile: once each
  CHECK(about_full == told.size());
  CHECK(capture.spans().size() == 200);
}
