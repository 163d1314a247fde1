// vigil/export/spans/console_tree.hpp — prints each finished trace as an indented span tree:
//
//   pipeline.run  182.4 ms  [SERVER]  acm.equipment=FD_FAN
//   ├─ load.data  12.1 ms  [CLIENT]  rows=5000
//   └─ fit.gmm  40.3 ms  [INTERNAL]  n_samples=5000 n_features=105
//
// A tree is printed with the batch in which its root span arrives; spans whose parent never arrives
// (a remote parent, or one dropped) are printed as their own roots at flush() and shutdown().
// Thread-safety: called by the collector only (see exporter.hpp).
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <ostream>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

#include "vigil/config.hpp"
#include "vigil/trace/tracer.hpp"

VIGIL_NAMESPACE_BEGIN

namespace detail {

inline std::string format_duration(std::int64_t ns) {
  char text[32];
  const double v = static_cast<double>(ns);
  if (ns < 1000) {
    std::snprintf(text, sizeof text, "%lld ns", static_cast<long long>(ns));
  } else if (ns < 1000000) {
    std::snprintf(text, sizeof text, "%.1f us", v / 1e3);
  } else if (ns < 1000000000) {
    std::snprintf(text, sizeof text, "%.1f ms", v / 1e6);
  } else {
    std::snprintf(text, sizeof text, "%.2f s", v / 1e9);
  }
  return text;
}

inline std::string format_value(const OwnedValue& value) {
  if (const auto* i = std::get_if<std::int64_t>(&value)) return std::to_string(*i);
  if (const auto* d = std::get_if<double>(&value)) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", *d);
    return text;
  }
  if (const auto* b = std::get_if<bool>(&value)) return *b ? "true" : "false";
  return std::get<std::string>(value);
}

}  // namespace detail

class ConsoleTreeExporter : public SpanExporter {
 public:
  explicit ConsoleTreeExporter(std::ostream& out) : out_(out) {}

  void export_spans(const std::vector<SpanData>& spans, const Resource&) override {
    // Children recorded on other threads may come later in the same batch than their root.
    std::vector<std::uint64_t> roots;
    for (const auto& span : spans) {
      const std::uint64_t id = span.span_id.value;
      if (span.parent_span_id.valid()) {
        children_[span.parent_span_id.value].push_back(id);
      } else {
        roots.push_back(id);
      }
      spans_.emplace(id, span);
    }
    for (std::uint64_t id : roots) print_tree(id);
  }

  /// Prints what is left: spans whose parent has not arrived, as roots of their own.
  void flush() override {
    std::vector<std::uint64_t> roots;
    for (const auto& [id, span] : spans_) {
      if (spans_.count(span.parent_span_id.value) == 0) roots.push_back(id);
    }
    std::sort(roots.begin(), roots.end(), [this](std::uint64_t a, std::uint64_t b) {
      return spans_.at(a).start_unix_ns < spans_.at(b).start_unix_ns;
    });
    for (std::uint64_t id : roots) print_tree(id);
    children_.clear();
    out_.flush();
  }

 private:
  void print_tree(std::uint64_t root) {
    print(root, "", "");
    out_.flush();
  }

  void print(std::uint64_t id, const std::string& lead, const std::string& indent) {
    const SpanData span = std::move(spans_.at(id));
    spans_.erase(id);
    out_ << lead << span.name << "  " << detail::format_duration(span.duration_ns()) << "  ["
         << to_string(span.kind) << "]";
    if (span.status == StatusCode::error) out_ << "  ERROR: " << span.status_message;
    const char* separator = "  ";
    for (const auto& attribute : span.attributes) {
      out_ << separator << attribute.key << '=' << detail::format_value(attribute.value);
      separator = " ";
    }
    out_ << '\n';
    auto found = children_.find(span.span_id.value);
    if (found == children_.end()) return;
    std::vector<std::uint64_t> kids = std::move(found->second);
    children_.erase(found);
    kids.erase(std::remove_if(kids.begin(), kids.end(),
                              [this](std::uint64_t k) { return spans_.count(k) == 0; }),
               kids.end());
    std::sort(kids.begin(), kids.end(), [this](std::uint64_t a, std::uint64_t b) {
      return spans_.at(a).start_unix_ns < spans_.at(b).start_unix_ns;
    });
    for (std::size_t i = 0; i < kids.size(); ++i) {
      const bool last = i + 1 == kids.size();
      print(kids[i], indent + (last ? "└─ " : "├─ "), indent + (last ? "   " : "│  "));
    }
  }

  std::ostream& out_;
  std::unordered_map<std::uint64_t, SpanData> spans_;
  std::unordered_map<std::uint64_t, std::vector<std::uint64_t>> children_;
};

VIGIL_NAMESPACE_END
