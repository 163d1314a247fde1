// vigil/trace/failed_traces.hpp — keeps every failed trace, whatever the head sampler said.
//
// Unsampled spans (recorded only because failed traces are kept) are held per trace. When
// one of them ends in ERROR, the trace is kept: what is held is released for export, and so
// is every later span of it. When the trace's local root ends without an error, the trace is
// dropped. A late span of a decided trace follows the decision (an ERROR still keeps it).
// Memory is bounded: past kMaxHeldSpans the oldest undecided trace is dropped.
// Thread-safety: used under the collector lock only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <list>
#include <unordered_map>
#include <utility>
#include <vector>

#include "vigil/config.hpp"
#include "vigil/trace/span_data.hpp"

VIGIL_NAMESPACE_BEGIN
namespace detail {

class FailedTraceKeeper {
 public:
  static constexpr std::size_t kMaxHeldSpans = 100000;
  static constexpr std::size_t kMaxDecisions = 4096;

  /// Takes an unsampled span; whatever may now be exported is appended to `out`.
  void add(SpanData&& span, std::vector<SpanData>& out) {
    const Key key{span.trace_id.high, span.trace_id.low};
    const bool failed = span.status == StatusCode::error;
    if (auto decided = decisions_.find(key); decided != decisions_.end()) {
      if (decided->second || failed) {
        decided->second = true;
        out.push_back(std::move(span));
      } else {
        ++sampled_out_;
      }
      return;
    }
    auto it = held_.find(key);
    if (it == held_.end()) {
      it = held_.emplace(key, Held{{}, order_.insert(order_.end(), key)}).first;
    }
    const bool local_root = !span.parent_span_id.valid() || span.parent_remote;
    if (failed) {
      for (auto& earlier : it->second.spans) out.push_back(std::move(earlier));
      out.push_back(std::move(span));
      release(it, true);
    } else if (local_root) {
      ++sampled_out_;
      release(it, false);
    } else {
      it->second.spans.push_back(std::move(span));
      ++held_spans_;
      while (held_spans_ > kMaxHeldSpans) release(held_.find(order_.front()), false);
    }
  }

  /// At shutdown: nothing held can fail any more.
  void drop_all() {
    while (!held_.empty()) release(held_.find(order_.front()), false);
  }

  std::uint64_t sampled_out() const { return sampled_out_; }
  std::uint64_t held() const { return held_spans_; }

 private:
  struct Key {
    std::uint64_t high, low;
    bool operator==(const Key& other) const { return high == other.high && low == other.low; }
  };
  struct KeyHash {
    std::size_t operator()(const Key& key) const {
      return static_cast<std::size_t>(key.low ^ key.high);
    }
  };
  struct Held {
    std::vector<SpanData> spans;
    std::list<Key>::iterator order;
  };
  using HeldMap = std::unordered_map<Key, Held, KeyHash>;

  // Ends holding a trace: its spans were exported (keep) or are dropped, and the decision
  // is remembered for its late spans.
  void release(HeldMap::iterator it, bool keep) {
    const Key key = it->first;
    held_spans_ -= it->second.spans.size();
    if (!keep) sampled_out_ += it->second.spans.size();
    order_.erase(it->second.order);
    held_.erase(it);
    decisions_[key] = keep;
    decision_order_.push_back(key);
    if (decision_order_.size() > kMaxDecisions) {
      decisions_.erase(decision_order_.front());
      decision_order_.pop_front();
    }
  }

  HeldMap held_;
  std::list<Key> order_;  // oldest held trace first
  std::unordered_map<Key, bool, KeyHash> decisions_;
  std::deque<Key> decision_order_;
  std::uint64_t held_spans_ = 0;
  std::uint64_t sampled_out_ = 0;
};

}  // namespace detail
VIGIL_NAMESPACE_END
