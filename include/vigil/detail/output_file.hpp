// vigil/detail/output_file.hpp — a file an exporter writes, with its I/O errors told once.
//
// Opening failure is reported at once; write/seek/flush failures (a full disk, /dev/full)
// are reported once per file, and the exporter goes on trying with later batches.
// Thread-safety: one exporter (hence one thread at a time) per file.
#pragma once

#include <cerrno>
#include <cstdio>
#include <string>
#include <string_view>

#include "vigil/config.hpp"
#include "vigil/detail/report.hpp"
#include "vigil/detail/self_counters.hpp"

VIGIL_NAMESPACE_BEGIN
namespace detail {

class OutputFile {
 public:
  // `what` names the exporter in messages ("chrome trace", "otlp file").
  OutputFile(std::string path, std::string what) : path_(std::move(path)), what_(std::move(what)) {
    file_ = std::fopen(path_.c_str(), "wb");
    if (file_ == nullptr) {
      report(what_ + ": cannot open '" + path_ + "' for writing; spans for it are discarded");
    }
  }
  ~OutputFile() {
    if (file_ != nullptr) std::fclose(file_);
  }
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  bool is_open() const { return file_ != nullptr; }

  bool write(std::string_view text) {
    if (file_ == nullptr) return false;
    if (std::fwrite(text.data(), 1, text.size(), file_) == text.size()) return true;
    return fail("write");
  }

  bool seek(long offset) {
    if (file_ == nullptr) return false;
    return std::fseek(file_, offset, SEEK_SET) == 0 || fail("seek");
  }

  void flush() {
    if (file_ != nullptr && std::fflush(file_) != 0) fail("flush");
  }

 private:
  bool fail(const char* operation) {
    const int error = errno;
    count_exporter_error();
    report_once(what_ + "-io:" + path_, what_ + ": " + operation + " failed on '" + path_ + "' (" +
                                            system_error_text(error) +
                                            "); the file may be incomplete");
    return false;
  }

  std::string path_;
  std::string what_;
  std::FILE* file_ = nullptr;
};

}  // namespace detail
VIGIL_NAMESPACE_END
