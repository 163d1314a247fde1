#include "vigil/trace/tracer.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "capture.hpp"

using vigil_test::Capture;

namespace {

// Keeps only ids, so 800k spans fit in a few megabytes.
class IdExporter : public vigil::SpanExporter {
 public:
  void export_spans(const std::vector<vigil::SpanData>& spans, const vigil::Resource&) override {
    std::lock_guard<std::mutex> lock(mutex);
    for (const auto& span : spans)
      parents.emplace_back(span.span_id.value, span.parent_span_id.value);
  }
  std::mutex mutex;
  std::vector<std::pair<std::uint64_t, std::uint64_t>> parents;
};

struct StressResult {
  vigil::TraceStats before, after;
  std::vector<std::pair<std::uint64_t, std::uint64_t>> parents;
};

StressResult stress(std::size_t buffer_items, int threads, int spans_per_thread) {
  vigil::flush();
  auto exporter = std::make_shared<IdExporter>();
  vigil::configure({buffer_items, std::chrono::milliseconds(5)});
  StressResult result;
  result.before = vigil::stats();
  vigil::add_exporter(exporter);
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([spans_per_thread] {
      VIGIL_SPAN("stress.root");
      for (int i = 0; i < spans_per_thread - 1; i += 2) {
        VIGIL_SPAN("stress.outer", {"i", i});
        VIGIL_SPAN("stress.inner");
      }
    });
  }
  for (auto& thread : pool) thread.join();
  vigil::remove_exporter(exporter);
  vigil::configure({});
  result.after = vigil::stats();
  result.parents = std::move(exporter->parents);
  return result;
}

}  // namespace

TEST_CASE("8 threads x 100k spans: every span exported once, parents present", "[trace][stress]") {
  const int threads = 8, per_thread = 100001;
  const auto r = stress(std::size_t{1} << 18, threads, per_thread);
  const auto created = r.after.spans_created - r.before.spans_created;
  const auto dropped = r.after.spans_dropped - r.before.spans_dropped;
  CHECK(created == std::uint64_t(threads) * per_thread);
  CHECK(dropped == 0);
  CHECK(r.parents.size() == created);
  std::unordered_set<std::uint64_t> ids;
  for (const auto& [id, parent] : r.parents) CHECK(ids.insert(id).second);
  std::size_t roots = 0;
  for (const auto& [id, parent] : r.parents) {
    if (parent == 0) {
      ++roots;
    } else if (ids.count(parent) == 0) {
      FAIL("parent missing");
    }
  }
  CHECK(roots == std::size_t(threads));
}

TEST_CASE("a small buffer drops and counts: exported + dropped == created", "[trace][stress]") {
  const auto r = stress(1024, 8, 100001);
  const auto created = r.after.spans_created - r.before.spans_created;
  const auto dropped = r.after.spans_dropped - r.before.spans_dropped;
  const auto exported = r.after.spans_exported - r.before.spans_exported;
  CHECK(created == 8u * 100001u);
  CHECK(exported == r.parents.size());
  CHECK(exported + dropped == created);
  std::unordered_set<std::uint64_t> ids;
  for (const auto& [id, parent] : r.parents) CHECK(ids.insert(id).second);
}

TEST_CASE("spans of a thread that has exited are not lost", "[trace]") {
  Capture capture;
  std::thread([] {
    vigil::set_thread_name("short-lived");
    VIGIL_SPAN("load.in_thread");
  }).join();
  const auto span = capture.only("load.in_thread");
  CHECK(span.thread->name == "short-lived");
  CHECK(span.thread->os_thread_id != 0);
}

TEST_CASE("flush and shutdown may be called twice, a new exporter restarts tracing", "[trace]") {
  auto exporter = std::make_shared<vigil::MemoryExporter>();
  vigil::add_exporter(exporter);
  { VIGIL_SPAN("finalize.one"); }
  vigil::flush();
  vigil::flush();
  vigil::shutdown();
  vigil::shutdown();
  CHECK(exporter->spans().size() == 1);
  { VIGIL_SPAN("finalize.after_shutdown"); }  // nobody listens: not recorded
  vigil::flush();
  CHECK(exporter->spans().size() == 1);
  Capture capture;
  { VIGIL_SPAN("finalize.restarted"); }
  CHECK(capture.spans().size() == 1);
  const auto stats = vigil::stats();
  CHECK(stats.spans_exported + stats.spans_dropped + stats.spans_sampled_out + stats.spans_held ==
        stats.spans_created);
}
