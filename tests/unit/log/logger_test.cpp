// Records as sinks receive them: message, fields, trace correlation, run and request
// context, decorations, sink set changes, and sinks that misbehave.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "capture.hpp"
#include "vigil/runtime.hpp"

using vigil_test::attribute;
using vigil_test::LogCapture;

TEST_CASE("a record carries its level, component, message and fields", "[log]") {
  LogCapture capture;
  const std::string name = "FD_FAN";
  VIGIL_LOG_WARN("GMM", "fitted k={} for {}", 3, name, {"bic", -1234.5}, {"converged", true});
  const auto record = capture.only();
  CHECK(record.level == vigil::Level::warn);
  CHECK(record.component == "GMM");
  CHECK(record.message == "fitted k=3 for FD_FAN");
  REQUIRE(record.fields.size() == 2);
  CHECK(std::get<double>(attribute(record.fields, "bic")) == -1234.5);
  CHECK(std::get<bool>(attribute(record.fields, "converged")));
  CHECK(record.time_unix_ns > 1700000000LL * 1000000000LL);
  CHECK(record.thread_id != 0);
  CHECK_FALSE(record.trace_id.valid());
}

TEST_CASE("a record inside a span has that span's trace and span id", "[log][trace]") {
  vigil_test::Capture spans;
  LogCapture logs;
  {
    VIGIL_SPAN("fit.gmm");
    VIGIL_LOG_INFO("GMM", "inside");
  }
  VIGIL_LOG_INFO("GMM", "outside");
  const auto span = spans.only("fit.gmm");
  const auto records = logs.records();
  REQUIRE(records.size() == 2);
  CHECK(records[0].trace_id.hex() == span.trace_id.hex());
  CHECK(records[0].span_id.hex() == span.span_id.hex());
  CHECK_FALSE(records[1].trace_id.valid());
}

TEST_CASE("records carry the run context in force, like spans", "[log]") {
  LogCapture capture;
  {
    vigil::RunContextScope run({{"acm.equipment", "FD_FAN"}, {"acm.run_id", "r42"}});
    VIGIL_LOG_INFO("RUN", "scoped");
  }
  VIGIL_LOG_INFO("RUN", "after");
  const auto records = capture.records();
  REQUIRE(records.size() == 2);
  CHECK(std::get<std::string>(attribute(records[0].run_context, "acm.equipment")) == "FD_FAN");
  CHECK(std::get<std::string>(attribute(records[0].run_context, "acm.run_id")) == "r42");
  CHECK(vigil::find(records[1].run_context, "acm.equipment") == nullptr);
}

TEST_CASE("the request context reaches records on this thread and, bound, on others", "[log]") {
  LogCapture capture;
  std::thread worker;
  {
    vigil::RequestScope request({{"session_id", "s1"}, {"request_id", "q7"}});
    vigil::RequestScope user({{"user_id", "u3"}, {"request_id", "q8"}});
    VIGIL_LOG_INFO("TTS", "here");
    worker = std::thread(vigil::bind_context([] { VIGIL_LOG_INFO("TTS", "there"); }));
  }
  worker.join();
  VIGIL_LOG_INFO("TTS", "outside");
  const auto records = capture.records();
  REQUIRE(records.size() == 3);
  for (int i = 0; i < 2; ++i) {
    CHECK(std::get<std::string>(attribute(records[i].request, "session_id")) == "s1");
    CHECK(std::get<std::string>(attribute(records[i].request, "request_id")) == "q8");
    CHECK(std::get<std::string>(attribute(records[i].request, "user_id")) == "u3");
  }
  CHECK(records[0].thread_id != records[1].thread_id);
  CHECK(records[2].request.empty());
}

TEST_CASE("console-only decorations reach consoles only, ok reaches every sink", "[log]") {
  LogCapture plain;
  auto console = std::make_shared<vigil::MemoryLogSink>(true);
  vigil::add_log_sink(console);
  VIGIL_LOG_HEADER("RUN", "Scoring");
  VIGIL_LOG_SECTION("RUN", "features");
  VIGIL_LOG_STATUS("RUN", "working");
  VIGIL_LOG_OK("RUN", "saved");
  const auto shipped = plain.records();
  REQUIRE(shipped.size() == 1);
  CHECK(shipped[0].decoration == vigil::Decoration::ok);
  CHECK(shipped[0].level == vigil::Level::info);
  const auto shown = console->records();
  REQUIRE(shown.size() == 4);
  CHECK(shown[0].decoration == vigil::Decoration::header);
  CHECK(shown[1].decoration == vigil::Decoration::section);
  CHECK(shown[2].decoration == vigil::Decoration::status);
}

TEST_CASE("filtered records evaluate none of their arguments", "[log]") {
  LogCapture capture(vigil::Level::info);
  int evaluated = 0;
  const auto count = [&evaluated] { return ++evaluated; };
  VIGIL_LOG_DEBUG("GMM", "x={}", count(), {"y", count()});
  CHECK(evaluated == 0);
  VIGIL_LOG_INFO("GMM", "x={}", count());
  CHECK(evaluated == 1);
  CHECK(capture.only().message == "x=1");
}

TEST_CASE("a call site follows a component that changes between calls", "[log]") {
  LogCapture capture;
  vigil::set_log_level("SQL", vigil::Level::error);
  for (const char* component : {"RUN", "SQL", "RUN"}) {
    std::string name = component;  // same stack address, different text
    VIGIL_LOG_INFO(name, "from {}", name);
  }
  const auto records = capture.records();
  REQUIRE(records.size() == 2);
  CHECK(records[0].component == "RUN");
  CHECK(records[1].component == "RUN");
}

TEST_CASE("the resource's service reaches the JSON line", "[log]") {
  vigil::set_global_attribute("service.namespace", "acm");
  LogCapture capture;
  struct Lines : vigil::LineSink {
    std::vector<std::string> lines;
    void format(const vigil::LogRecord& r, std::string& out) override {
      vigil::append_json_line(out, r);
    }
    void write_lines(std::string_view text) override { lines.emplace_back(text); }
  };
  auto lines = std::make_shared<Lines>();
  vigil::set_log_sinks({lines});
  VIGIL_LOG_INFO("RUN", "hello");
  vigil::flush_logs();  // the resource is read when the record is delivered
  REQUIRE(lines->lines.size() == 1);
  CHECK(lines->lines[0].find(R"("app":"acm")") != std::string::npos);
  vigil::set_global_attribute("service.namespace", "acm2");
  VIGIL_LOG_INFO("RUN", "hello");
  vigil::flush_logs();
  REQUIRE(lines->lines.size() == 2);
  CHECK(lines->lines[1].find(R"("app":"acm2")") != std::string::npos);
}

namespace {
struct ThrowingSink : vigil::LogSink {
  void write(const vigil::LogRecord&) override { throw std::runtime_error("disk on fire"); }
};
struct LoggingSink : vigil::LogSink {
  void write(const vigil::LogRecord&) override { VIGIL_LOG_ERROR("SINK", "recursion"); }
};
}  // namespace

TEST_CASE("a throwing or logging sink is reported once, the other sinks keep records", "[log]") {
  std::vector<std::string> told;
  vigil::set_report_handler([&told](const std::string& m) { told.push_back(m); });
  LogCapture capture;
  auto memory = vigil::log_sinks().front();
  vigil::set_log_sinks({memory, std::make_shared<LoggingSink>(), std::make_shared<ThrowingSink>()});
  VIGIL_LOG_INFO("RUN", "one");
  VIGIL_LOG_INFO("RUN", "two");
  CHECK(capture.records().size() == 2);
  vigil::set_report_handler(nullptr);
  REQUIRE(told.size() == 2);
  CHECK(told[0].find("sinks must not log") != std::string::npos);
  CHECK(told[1].find("disk on fire") != std::string::npos);
}

TEST_CASE("many threads log at once and every record arrives whole", "[log]") {
  LogCapture capture;
  constexpr int kThreads = 8, kEach = 2000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([t] {
      for (int i = 0; i < kEach; ++i) VIGIL_LOG_INFO("LOAD", "t{} i{}", t, i, {"i", i});
    });
  }
  for (auto& thread : threads) thread.join();
  const auto records = capture.records();
  REQUIRE(records.size() == kThreads * kEach);
  for (const auto& record : records) {
    const auto i = std::get<std::int64_t>(attribute(record.fields, "i"));
    CHECK(record.message.substr(record.message.find(" i")) == " i" + std::to_string(i));
  }
}

TEST_CASE("VIGIL_LOG_FORMAT picks the default sink, and a bad value is told once", "[log]") {
  std::vector<std::string> told;
  vigil::set_report_handler([&told](const std::string& m) { told.push_back(m); });
  ::setenv("VIGIL_LOG_FORMAT", "json", 1);
  const auto json = vigil::detail::default_log_sinks();
  ::setenv("VIGIL_LOG_FORMAT", "xml", 1);
  const auto fallback = vigil::detail::default_log_sinks();
  vigil::detail::default_log_sinks();
  ::unsetenv("VIGIL_LOG_FORMAT");
  const auto plain = vigil::detail::default_log_sinks();
  vigil::set_report_handler(nullptr);
  REQUIRE(json.size() == 1);
  CHECK(std::dynamic_pointer_cast<vigil::JsonSink>(json[0]) != nullptr);
  CHECK(std::dynamic_pointer_cast<vigil::ConsoleSink>(fallback[0]) != nullptr);
  CHECK(std::dynamic_pointer_cast<vigil::ConsoleSink>(plain[0]) != nullptr);
  REQUIRE(told.size() == 1);
  CHECK(told[0].find("VIGIL_LOG_FORMAT='xml'") != std::string::npos);
}
