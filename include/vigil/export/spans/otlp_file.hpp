// vigil/export/spans/otlp_file.hpp — OTLP/JSON to a file: one ExportTraceServiceRequest per line
// (JSON lines), one line per collector batch. The OpenTelemetry collector's otlpjsonfile
// receiver reads this format.
// Thread-safety: called by the collector only (see exporter.hpp).
#pragma once

#include <string>
#include <vector>

#include "vigil/config.hpp"
#include "vigil/detail/output_file.hpp"
#include "vigil/export/spans/otlp_json.hpp"
#include "vigil/trace/tracer.hpp"

VIGIL_NAMESPACE_BEGIN

class OtlpFileExporter : public SpanExporter {
 public:
  explicit OtlpFileExporter(std::string path) : file_(std::move(path), "otlp file") {}

  void export_spans(const std::vector<SpanData>& spans, const Resource& resource) override {
    line_.clear();
    append_otlp_trace_request(line_, spans, resource);
    line_ += '\n';
    file_.write(line_);
  }

  void flush() override { file_.flush(); }

 private:
  detail::OutputFile file_;
  std::string line_;
};

VIGIL_NAMESPACE_END
