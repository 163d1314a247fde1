// The file of a program that sets telemetry up: it includes the runtime and pays for it here,
// once, instead of in every instrumenting file. The build-cost tool times it beside
// instrument_only.cpp.
#include <memory>
#include <vigil/runtime.hpp>

int fit(int rows, double share);

int main() {
  vigil::add_exporter(std::make_shared<vigil::OtlpFileExporter>("spans.jsonl"));
  vigil::set_log_sinks({std::make_shared<vigil::JsonSink>("logs.jsonl")});
  const int rows = fit(5000, 0.5);
  vigil::write_prometheus_textfile("metrics.prom");
  vigil::shutdown();
  return rows == 5000 ? 0 : 1;
}
