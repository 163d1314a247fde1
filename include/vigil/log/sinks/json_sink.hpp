// vigil/log/sinks/json_sink.hpp — JSON lines (json_line.hpp) to a stream or to a file that
// rotates by size: VIGIL_LOG_FORMAT=json uses JsonSink(stdout).
//
//   vigil::add_log_sink(std::make_shared<vigil::JsonSink>("acm.log",
//                                                         vigil::Rotation{64 << 20, 5}));
//
// Writes happen on the emitting thread; wrap in AsyncSink to move them off it.
// Thread-safety: concurrent writes are serialised; each line is written whole.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "vigil/config.hpp"
#include "vigil/detail/rotating_file.hpp"
#include "vigil/log/json_line.hpp"
#include "vigil/log/sinks/sink.hpp"

VIGIL_NAMESPACE_BEGIN

struct Rotation {
  std::uint64_t max_bytes = 0;  // 0: never rotate
  unsigned keep = 5;            // rotated files kept: path.1 (newest) ... path.<keep>
};

class JsonSink : public LineSink {
 public:
  /// Lines to an open stream (stdout, stderr); the stream stays the caller's.
  explicit JsonSink(std::FILE* stream) : stream_(stream) {}
  /// Lines appended to `path`, rotated by size.
  explicit JsonSink(std::string path, Rotation rotation = {})
      : file_(std::make_unique<detail::RotatingFile>(std::move(path), rotation.max_bytes,
                                                     rotation.keep)) {}

  void format(const LogRecord& record, std::string& out) override { append_json_line(out, record); }

  void write_lines(std::string_view lines) override {
    std::lock_guard<std::mutex> lock(mutex_);
    if (file_ != nullptr) {
      file_->write(lines);
    } else {
      std::fwrite(lines.data(), 1, lines.size(), stream_);
    }
  }

  void flush() override {
    std::lock_guard<std::mutex> lock(mutex_);
    if (file_ != nullptr) {
      file_->flush();
    } else {
      std::fflush(stream_);
    }
  }

 private:
  std::mutex mutex_;
  std::FILE* stream_ = nullptr;
  std::unique_ptr<detail::RotatingFile> file_;
};

VIGIL_NAMESPACE_END
