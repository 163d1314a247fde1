// vigil/export/prometheus_textfile.hpp — the metrics as a file for node_exporter's textfile
// collector (--collector.textfile.directory), for batch jobs that no Prometheus scrapes.
//
// The text goes to PATH.tmp first and is renamed over PATH, so node_exporter never reads a
// half-written file. A failure is reported once per path and returns false.
// Thread-safety: any thread; concurrent writers to one path should not overlap.
#pragma once

#include <cstdio>
#include <string>

#include "vigil/config.hpp"
#include "vigil/detail/report.hpp"
#include "vigil/export/prometheus_text.hpp"

VIGIL_NAMESPACE_BEGIN

inline bool write_prometheus_textfile(const std::string& path) {
  const std::string text = prometheus_text();
  const std::string temporary = path + ".tmp";
  std::FILE* file = std::fopen(temporary.c_str(), "wb");
  bool ok = file != nullptr && std::fwrite(text.data(), 1, text.size(), file) == text.size();
  if (file != nullptr) ok = std::fclose(file) == 0 && ok;
  ok = ok && std::rename(temporary.c_str(), path.c_str()) == 0;
  if (!ok) {
    std::remove(temporary.c_str());
    detail::report_once("textfile:" + path, "metrics textfile: cannot write '" + path + "'");
  }
  return ok;
}

VIGIL_NAMESPACE_END
