// vigil/log/sinks/console_sink.hpp — human-readable lines for a terminal:
//
//   15:45:37.123 INFO  GMM       fitted k=3 in 12 iterations  bic=-1234.5 n_samples=5000
//   15:45:37.124 OK    RUN       model saved
//   ==== Scoring FD_FAN ==========================================================
//
// Local time, level, component padded to align the messages, then the fields as
// key=value (strings with spaces quoted). Colours when the stream is a terminal and
// NO_COLOR is unset (Color::automatic), or always/never. A console receives the status,
// header and section decorations, which no other sink gets.
// Thread-safety: each line is one fwrite, which stdio keeps whole.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <string_view>

#include <unistd.h>

#include "vigil/config.hpp"
#include "vigil/detail/civil_time.hpp"
#include "vigil/detail/json.hpp"
#include "vigil/log/format.hpp"
#include "vigil/log/sinks/sink.hpp"

VIGIL_NAMESPACE_BEGIN

enum class Color : std::uint8_t { automatic, always, never };

namespace detail {

inline bool wants_color(std::FILE* stream, Color color) {
  if (color != Color::automatic) return color == Color::always;
  const char* term = std::getenv("TERM");
  return std::getenv("NO_COLOR") == nullptr && ::isatty(::fileno(stream)) != 0 &&
         (term == nullptr || std::string_view(term) != "dumb");
}

// "HH:MM:SS" in local time for the second holding `unix_ns`, remembered between calls.
class LocalSecondCache {
 public:
  void append_time(std::string& out, std::int64_t unix_ns) {
    const std::int64_t second = unix_ns / 1000000000;
    if (second != second_) {
      second_ = second;
      const std::time_t t = static_cast<std::time_t>(second);
      std::tm local{};
      ::localtime_r(&t, &local);
      put_digits(text_, static_cast<std::uint64_t>(local.tm_hour), 2);
      text_[2] = ':';
      put_digits(text_ + 3, static_cast<std::uint64_t>(local.tm_min), 2);
      text_[5] = ':';
      put_digits(text_ + 6, static_cast<std::uint64_t>(local.tm_sec), 2);
      text_[8] = '.';
    }
    out.append(text_, sizeof text_);
    char millis[3];
    put_digits(millis, static_cast<std::uint64_t>(unix_ns / 1000000 % 1000), 3);
    out.append(millis, sizeof millis);
  }

 private:
  std::int64_t second_ = INT64_MIN;
  char text_[9] = {};
};

inline bool needs_quotes(std::string_view text) {
  if (text.empty()) return true;
  for (const char c : text) {
    if (c == ' ' || c == '=' || c == '"' || static_cast<unsigned char>(c) < 0x20) return true;
  }
  return false;
}

}  // namespace detail

class ConsoleSink : public LineSink {
 public:
  explicit ConsoleSink(std::FILE* stream = stderr, Color color = Color::automatic)
      : stream_(stream), color_(detail::wants_color(stream, color)) {}

  bool console() const override { return true; }

  void format(const LogRecord& record, std::string& out) override {
    thread_local detail::LocalSecondCache clock;
    if (record.decoration == Decoration::header || record.decoration == Decoration::section) {
      rule(record, out);
      return;
    }
    paint(out, "\x1b[2m");
    clock.append_time(out, record.time_unix_ns);
    paint(out, "\x1b[0m");
    out += ' ';
    if (record.decoration == Decoration::status) {
      out += "      ";
    } else {
      const bool ok = record.decoration == Decoration::ok;
      paint(out, ok ? "\x1b[1;32m" : level_color(record.level));
      pad(out, ok ? std::string_view("OK") : level_label(record.level), 6);
      paint(out, "\x1b[0m");
    }
    paint(out, "\x1b[36m");
    pad(out, record.component, 10);
    paint(out, "\x1b[0m");
    out += record.message;
    bool first = true;
    record.for_each_field([&](std::string_view key, AttributeValue value) {
      out += first ? "  " : " ";
      first = false;
      paint(out, "\x1b[2m");
      out += key;
      out += '=';
      paint(out, "\x1b[0m");
      if (value.type() == ValueType::string && detail::needs_quotes(value.as_string())) {
        detail::append_json_string(out, value.as_string());
      } else {
        detail::append_plain(out, value);
      }
    });
    out += '\n';
  }

  void write_lines(std::string_view lines) override {
    std::fwrite(lines.data(), 1, lines.size(), stream_);
  }

  void flush() override { std::fflush(stream_); }

 private:
  static constexpr std::size_t kRuleWidth = 80;

  static std::string_view level_label(Level level) {
    constexpr std::string_view labels[] = {"TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF"};
    return labels[static_cast<int>(level)];
  }

  static const char* level_color(Level level) {
    constexpr const char* colors[] = {"\x1b[90m", "\x1b[34m",   "\x1b[32m",
                                      "\x1b[33m", "\x1b[1;31m", ""};
    return colors[static_cast<int>(level)];
  }

  static void pad(std::string& out, std::string_view text, std::size_t width) {
    out += text;
    out.append(text.size() < width ? width - text.size() : 1, ' ');
  }

  // header: "==== title ====...", section: "---- title ----...", both kRuleWidth wide.
  void rule(const LogRecord& record, std::string& out) {
    const char fill = record.decoration == Decoration::header ? '=' : '-';
    if (record.decoration == Decoration::header) out += '\n';
    paint(out, record.decoration == Decoration::header ? "\x1b[1;35m" : "\x1b[35m");
    out.append(4, fill);
    out += ' ';
    out += record.message;
    out += ' ';
    const std::size_t used = record.message.size() + 6;
    out.append(used < kRuleWidth ? kRuleWidth - used : 4, fill);
    paint(out, "\x1b[0m");
    out += '\n';
  }

  void paint(std::string& out, const char* code) const {
    if (color_) out += code;
  }

  std::FILE* stream_;
  bool color_;
};

VIGIL_NAMESPACE_END
