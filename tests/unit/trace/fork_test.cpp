// fork() while other threads record: the child records and exports its own spans under
// ids of its own, the parent loses nothing (see detail/fork.hpp).
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <atomic>
#include <cstdio>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "vigil/runtime.hpp"

namespace {

constexpr int kChildThreads = 3;
constexpr int kSpansPerChildThread = 2000;

std::int64_t pid_of(const vigil::Resource& resource) {
  for (const auto& attribute : resource.attributes) {
    if (attribute.key == "process.pid") return std::get<std::int64_t>(attribute.value);
  }
  return -1;
}

// In the child: records on threads of its own.
void child_work() {
  { VIGIL_SPAN("fork.child_main"); }
  std::vector<std::thread> pool;
  for (int t = 0; t < kChildThreads; ++t) {
    pool.emplace_back([] {
      for (int i = 0; i < kSpansPerChildThread; ++i) {
        VIGIL_SPAN("fork.child_work");
      }
    });
  }
  for (auto& thread : pool) thread.join();
}

// In the child, once the forking span has ended there too: one line, "<verdict> <span ids>".
std::string child_verdict(const vigil::MemoryExporter& exporter, const std::string& forking_span_id,
                          const std::string& trace_id) {
  vigil::flush();
  const auto spans = exporter.spans();
  const auto stats = vigil::stats();
  std::ostringstream out;
  if (pid_of(exporter.resource()) != ::getpid()) {
    out << "process.pid-is-not-the-child's";
  } else if (spans.size() != 1 + kChildThreads * kSpansPerChildThread) {
    out << "child-exported-" << spans.size();
  } else if (stats.spans_inherited != 1) {
    out << "forking-span-ended-in-child-counted-" << stats.spans_inherited;
  } else if (stats.spans_created !=
             stats.spans_exported + stats.spans_dropped + stats.spans_inherited) {
    out << "child-stats-do-not-add-up";
  } else {
    out << "ok";
  }
  for (const auto& span : spans) {
    if (span.name == "fork.child_main" &&
        (span.parent_span_id.hex() != forking_span_id || span.trace_id.hex() != trace_id))
      out << "-child_main-is-not-under-the-forking-span";
  }
  for (const auto& span : spans) out << ' ' << span.span_id.hex();
  return out.str();
}

std::string read_all(int fd) {
  std::string text;
  char buffer[4096];
  ssize_t n;
  while ((n = ::read(fd, buffer, sizeof buffer)) > 0) text.append(buffer, static_cast<size_t>(n));
  return text;
}

}  // namespace

TEST_CASE("fork() while threads record: the child exports its own spans, the parent loses none",
          "[trace][fork]") {
#if defined(__SANITIZE_THREAD__)
  WARN("ThreadSanitizer cannot start threads in a child of a multi-threaded process; skipped");
  return;
#endif
  auto exporter = std::make_shared<vigil::MemoryExporter>();
  vigil::add_exporter(exporter);
  const auto before = vigil::stats();
  std::atomic<bool> stop{false};
  std::vector<std::thread> recorders;
  for (int t = 0; t < 3; ++t) {
    recorders.emplace_back([&stop] {
      while (!stop.load(std::memory_order_relaxed)) {
        {
          VIGIL_SPAN("fork.parent_work", {"n", 1});
          VIGIL_SPAN("fork.parent_inner");
        }
        std::this_thread::sleep_for(std::chrono::microseconds(20));
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  std::string forking_span_id, trace_id;
  int pipe_fds[2];
  REQUIRE(::pipe(pipe_fds) == 0);
  pid_t child;
  std::shared_ptr<vigil::MemoryExporter> child_exporter;
  {
    VIGIL_SPAN("fork.forking");  // open across fork(): ends in both processes
    forking_span_id = vigil::current_context().span_id.hex();
    trace_id = vigil::current_context().trace_id.hex();
    child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
      child_exporter = std::make_shared<vigil::MemoryExporter>();
      vigil::add_exporter(child_exporter);
      child_work();
    }
  }
  if (child == 0) {
    ::close(pipe_fds[0]);
    const std::string line = child_verdict(*child_exporter, forking_span_id, trace_id);
    const bool written =
        ::write(pipe_fds[1], line.data(), line.size()) == static_cast<ssize_t>(line.size());
    ::_exit(written ? 0 : 1);
  }
  ::close(pipe_fds[1]);
  const std::string reported = read_all(pipe_fds[0]);
  ::close(pipe_fds[0]);
  int status = -1;
  REQUIRE(::waitpid(child, &status, 0) == child);
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  stop = true;
  for (auto& thread : recorders) thread.join();
  vigil::remove_exporter(exporter);

  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  std::istringstream words(reported);
  std::string verdict;
  words >> verdict;
  CHECK(verdict == "ok");
  std::set<std::string> child_ids;
  for (std::string id; words >> id;) child_ids.insert(id);
  CHECK(child_ids.size() == 1 + kChildThreads * kSpansPerChildThread);

  const auto after = vigil::stats();
  const auto spans = exporter->spans();
  CHECK(after.spans_created - before.spans_created ==
        (after.spans_exported - before.spans_exported) +
            (after.spans_dropped - before.spans_dropped));
  CHECK(after.spans_inherited == 0);
  std::set<std::string> parent_ids;
  int forking = 0;
  for (const auto& span : spans) {
    parent_ids.insert(span.span_id.hex());
    if (span.name == "fork.forking") ++forking;
  }
  CHECK(forking == 1);
  CHECK(parent_ids.size() == spans.size());
  CHECK(pid_of(exporter->resource()) == ::getpid());
  std::size_t shared = 0;
  for (const auto& id : child_ids) shared += parent_ids.count(id);
  CHECK(shared == 0);
  CHECK(parent_ids.count(forking_span_id) == 1);
}
