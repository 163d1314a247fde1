// vigil/detail/rotating_file.hpp — an append-only file that rotates by size:
// path -> path.1 -> path.2 ... path.<keep>, the oldest deleted (spdlog's rotating sink
// naming). max_bytes 0 never rotates.
// Failures (cannot open, write, rename) are reported once per file and the lines are
// counted as lost; the file keeps trying on later writes.
// Thread-safety: one writer at a time (the caller locks).
#pragma once

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "vigil/config.hpp"
#include "vigil/detail/report.hpp"

VIGIL_NAMESPACE_BEGIN
namespace detail {

class RotatingFile {
 public:
  RotatingFile(std::string path, std::uint64_t max_bytes, unsigned keep)
      : path_(std::move(path)), max_bytes_(max_bytes), keep_(keep) {
    open("ab");
  }
  ~RotatingFile() {
    if (file_ != nullptr) std::fclose(file_);
  }
  RotatingFile(const RotatingFile&) = delete;
  RotatingFile& operator=(const RotatingFile&) = delete;

  /// Writes whole lines; rotates before a line that would push the file past max_bytes, so a
  /// file exceeds it only by a single line longer than max_bytes.
  bool write(std::string_view lines) {
    bool written = true;
    while (max_bytes_ != 0 && size_ + lines.size() > max_bytes_) {
      const std::size_t room = max_bytes_ - std::min(size_, max_bytes_);
      const std::size_t last_fitting = lines.substr(0, room).rfind('\n');
      if (last_fitting != std::string_view::npos) {  // the whole lines that still fit
        written = put(lines.substr(0, last_fitting + 1)) && written;
        lines.remove_prefix(last_fitting + 1);
      }
      if (size_ > 0) {
        rotate();
      } else {  // a single line longer than max_bytes gets a file of its own
        const std::size_t end = lines.find('\n');
        const std::size_t n = end == std::string_view::npos ? lines.size() : end + 1;
        written = put(lines.substr(0, n)) && written;
        lines.remove_prefix(n);
      }
    }
    return (lines.empty() || put(lines)) && written;
  }

  void flush() {
    if (file_ != nullptr && std::fflush(file_) != 0) fail("flush failed on '" + path_ + "'");
  }

  const std::string& path() const { return path_; }

 private:
  bool put(std::string_view text) {
    if (file_ == nullptr) return false;
    if (std::fwrite(text.data(), 1, text.size(), file_) != text.size()) {
      return fail("write failed on '" + path_ + "'");
    }
    size_ += text.size();
    return true;
  }

  void open(const char* mode) {
    file_ = std::fopen(path_.c_str(), mode);
    if (file_ == nullptr) {
      fail("cannot open '" + path_ + "' for writing");
      return;
    }
    std::fseek(file_, 0, SEEK_END);
    const long at = std::ftell(file_);
    size_ = at > 0 ? static_cast<std::uint64_t>(at) : 0;
  }

  std::string numbered(unsigned n) const { return path_ + "." + std::to_string(n); }

  void rotate() {
    if (file_ != nullptr) std::fclose(file_);
    file_ = nullptr;
    if (keep_ > 0) {
      std::remove(numbered(keep_).c_str());
      for (unsigned n = keep_; n > 1; --n)
        std::rename(numbered(n - 1).c_str(), numbered(n).c_str());
      if (std::rename(path_.c_str(), numbered(1).c_str()) != 0) {
        fail("cannot rotate '" + path_ + "'; truncating it instead");
      }
    }
    open("wb");
  }

  bool fail(const std::string& what) {
    const int error = errno;
    report_once("log-file:" + path_, "log file: " + what + " (" + system_error_text(error) +
                                         "; told once for this file)");
    return false;
  }

  std::string path_;
  std::uint64_t max_bytes_;
  unsigned keep_;
  std::FILE* file_ = nullptr;
  std::uint64_t size_ = 0;
};

}  // namespace detail
VIGIL_NAMESPACE_END
