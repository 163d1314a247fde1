// tests/integration/signals/signal_flush.cpp — records N spans and N log lines with exports
// that would not flush on their own for a minute, says "ready", and waits to be killed.
// check_signal_flush.py sends SIGTERM and counts what reached the files.
//
// usage: vigil_signal_flush OUT_DIR N
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "vigil/runtime.hpp"
#include "vigil/signals.hpp"

int main(int argc, char** argv) {
  if (argc != 3) return 2;
  const std::string out = argv[1];
  const int n = std::atoi(argv[2]);
  vigil::TraceOptions options;
  options.flush_interval = std::chrono::minutes(1);
  vigil::configure(options);
  vigil::add_exporter(std::make_shared<vigil::OtlpFileExporter>(out + "/otlp.jsonl"));
  vigil::set_log_sinks(
      {std::make_shared<vigil::AsyncSink>(std::make_shared<vigil::JsonSink>(out + "/logs.jsonl"))});
  if (!vigil::flush_on_signals()) return 3;
  for (int i = 0; i < n; ++i) {
    VIGIL_SPAN("signal.work", {"i", i});
    VIGIL_LOG_INFO("SIG", "work {}", i);
  }
  std::printf("ready\n");
  std::fflush(stdout);
  for (;;) ::pause();
}
