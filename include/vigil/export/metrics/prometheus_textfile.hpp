// vigil/export/metrics/prometheus_textfile.hpp — the metrics as a file for node_exporter's textfile
// collector (--collector.textfile.directory), for batch jobs that no Prometheus scrapes.
//
// The text goes to PATH.tmp first and is renamed over PATH, so node_exporter never reads a
// half-written file. A PATH that exists and is not a regular file (a device, a FIFO) is
// written in place instead, never replaced. A failure is reported once per path, with the
// system's reason, and returns false.
// Thread-safety: any thread; concurrent writers to one path should not overlap.
#pragma once

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <string>

#include "vigil/config.hpp"
#include "vigil/detail/report.hpp"
#include "vigil/export/metrics/prometheus_text.hpp"

VIGIL_NAMESPACE_BEGIN

inline bool write_prometheus_textfile(const std::string& path) {
  const std::string text = prometheus_text();
  struct stat existing {};
  const bool in_place = ::stat(path.c_str(), &existing) == 0 && !S_ISREG(existing.st_mode);
  const std::string target = in_place ? path : path + ".tmp";
  std::FILE* file = std::fopen(target.c_str(), "wb");
  bool ok = file != nullptr && std::fwrite(text.data(), 1, text.size(), file) == text.size();
  if (file != nullptr) ok = std::fclose(file) == 0 && ok;
  const int error = errno;
  if (!in_place) ok = ok && std::rename(target.c_str(), path.c_str()) == 0;
  if (!ok) {
    if (!in_place) std::remove(target.c_str());
    detail::report_once("textfile:" + path, "metrics textfile: cannot write '" + path + "' (" +
                                                detail::system_error_text(error) + ")");
  }
  return ok;
}

VIGIL_NAMESPACE_END
