// vigil/log/sinks/sink.hpp — where log records go.
//
// A LogSink receives every record that passed the level filter: on the log worker or a
// thread running flush_logs() (background delivery, log/delivery.hpp), or on the thread
// that emitted it (caller delivery), possibly from many threads at once. A LineSink turns
// each record into one line of text and writes lines; AsyncSink can then move the writing
// to a thread of its own.
// Thread-safety: write() and flush() must be safe to call concurrently.
#pragma once

#include <string>
#include <string_view>

#include "vigil/config.hpp"
#include "vigil/log/record.hpp"

VIGIL_NAMESPACE_BEGIN

class LogSink {
 public:
  virtual ~LogSink() = default;
  virtual void write(const LogRecord& record) = 0;
  /// Returns once every record written so far is where the sink puts it.
  virtual void flush() {}
  /// True for consoles: they also receive the status/header/section decorations.
  virtual bool console() const { return false; }
};

class LineSink : public LogSink {
 public:
  /// Appends `record` as one line, '\n' included, to `out`.
  virtual void format(const LogRecord& record, std::string& out) = 0;
  /// Writes whole lines, as format() made them.
  virtual void write_lines(std::string_view lines) = 0;

  void write(const LogRecord& record) override {
    thread_local std::string line;
    line.clear();
    format(record, line);
    write_lines(line);
  }
};

VIGIL_NAMESPACE_END
