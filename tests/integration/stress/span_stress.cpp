// tests/integration/stress/span_stress.cpp — THREADS threads each record SPANS parent/child
// pairs into rings of BUFFER records while the collector drains them into an exporter that
// checks every span: a known name, its (thread, index) attributes in range, never seen
// before. At the end: exported + dropped == created == 2 * THREADS * SPANS, no duplicate
// or corrupt span, and every exported child whose parent was not exported is covered by a
// dropped span. A span whose name or attribute records found the ring full arrives
// without them (counted in records_dropped; a lost name reads "unnamed"): it is partial. Prints one
// JSON line; exits 1 on any violation.
//
// usage: vigil_span_stress THREADS SPANS BUFFER
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "vigil/runtime.hpp"

namespace {

class CheckingExporter : public vigil::SpanExporter {
 public:
  CheckingExporter(std::int64_t threads, std::int64_t spans)
      : threads_(threads), spans_(spans), seen_(static_cast<std::size_t>(threads * spans * 2)) {}

  void export_spans(const std::vector<vigil::SpanData>& batch, const vigil::Resource&) override {
    std::lock_guard<std::mutex> lock(mutex_);
    for (const vigil::SpanData& span : batch) check(span);
  }

  // Children whose parent never arrived: each must be explained by a dropped parent.
  std::size_t orphans() const {
    std::size_t count = 0;
    for (const auto& parent : child_parents_) count += parents_.count(parent) == 0;
    return count;
  }

  std::uint64_t exported = 0, corrupt = 0, duplicates = 0, partial = 0;

 private:
  void check(const vigil::SpanData& span) {
    ++exported;
    const bool child = span.name == "stress.child";
    if (span.name == "unnamed" && vigil::find(span.attributes, "vigil.name_missing")) {
      ++partial;  // its name record was dropped, and counted
      return;
    }
    if (!child && span.name != "stress.parent") {
      ++corrupt;
      return;
    }
    const auto* t = vigil::find(span.attributes, "t");
    const auto* i = vigil::find(span.attributes, "i");
    if (t == nullptr || i == nullptr) {  // its attribute records were dropped, and counted
      ++partial;
      return;
    }
    const auto* tv = t ? std::get_if<std::int64_t>(t) : nullptr;
    const auto* iv = i ? std::get_if<std::int64_t>(i) : nullptr;
    if (!tv || !iv || *tv < 0 || *tv >= threads_ || *iv < 0 || *iv >= spans_ ||
        !span.span_id.valid()) {
      ++corrupt;
      return;
    }
    const auto slot = static_cast<std::size_t>((*tv * spans_ + *iv) * 2 + child);
    if (seen_[slot]) ++duplicates;
    seen_[slot] = true;
    if (child) {
      child_parents_.push_back(span.parent_span_id.hex());
    } else {
      parents_.insert(span.span_id.hex());
    }
  }

  std::int64_t threads_, spans_;
  std::mutex mutex_;
  std::vector<bool> seen_;
  std::set<std::string> parents_;
  std::vector<std::string> child_parents_;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: %s THREADS SPANS BUFFER\n", argv[0]);
    return 2;
  }
  const std::int64_t threads = std::atoll(argv[1]), spans = std::atoll(argv[2]);
  vigil::TraceOptions options;
  options.buffer_items = static_cast<std::size_t>(std::atoll(argv[3]));
  options.flush_interval = std::chrono::milliseconds(5);
  vigil::configure(options);
  const auto exporter = std::make_shared<CheckingExporter>(threads, spans);
  vigil::add_exporter(exporter);
  std::vector<std::thread> workers;
  for (std::int64_t t = 0; t < threads; ++t) {
    workers.emplace_back([t, spans] {
      for (std::int64_t i = 0; i < spans; ++i) {
        vigil::Span parent("stress.parent", {{"t", t}, {"i", i}});
        vigil::Span child("stress.child", {{"t", t}, {"i", i}});
      }
    });
  }
  for (auto& worker : workers) worker.join();
  vigil::flush();
  const vigil::TraceStats stats = vigil::stats();
  vigil::remove_exporter(exporter);
  const auto expected = static_cast<std::uint64_t>(2 * threads * spans);
  const std::size_t orphans = exporter->orphans();
  const bool ok = stats.spans_created == expected &&
                  stats.spans_exported + stats.spans_dropped == stats.spans_created &&
                  exporter->exported == stats.spans_exported && exporter->corrupt == 0 &&
                  exporter->duplicates == 0 && orphans <= stats.spans_dropped &&
                  exporter->partial <= stats.records_dropped;
  std::printf(
      "{\"threads\":%lld,\"spans\":%llu,\"created\":%llu,\"exported\":%llu,\"dropped\":%llu,"
      "\"records_dropped\":%llu,\"partial\":%llu,\"corrupt\":%llu,\"duplicates\":%llu,"
      "\"orphans\":%zu,\"ok\":%s}\n",
      static_cast<long long>(threads), static_cast<unsigned long long>(expected),
      static_cast<unsigned long long>(stats.spans_created),
      static_cast<unsigned long long>(stats.spans_exported),
      static_cast<unsigned long long>(stats.spans_dropped),
      static_cast<unsigned long long>(stats.records_dropped),
      static_cast<unsigned long long>(exporter->partial),
      static_cast<unsigned long long>(exporter->corrupt),
      static_cast<unsigned long long>(exporter->duplicates), orphans, ok ? "true" : "false");
  return ok ? 0 : 1;
}
