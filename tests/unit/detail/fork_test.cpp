// The process-wide fork guard: participants are locked in ascending order and released in
// reverse, and a thread may join a participant while another thread's fork() is waiting in
// a participant's prepare step (the log worker creates the resource while delivering); that
// participant is then locked across the same fork and reset in its child.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>

#include "vigil/detail/fork.hpp"

namespace {

using vigil::detail::ForkParticipant;

std::string g_calls;
std::atomic<bool> g_joined_during_fork{false};

// Joins `late` from another thread, while this thread is inside fork(); false if that join
// did not return within a second (a joiner blocked by the fork).
extern const ForkParticipant kLate;
bool join_from_another_thread() {
  std::thread joiner([] {
    vigil::detail::join_fork_guard(kLate);
    g_joined_during_fork = true;
  });
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(1);
  while (!g_joined_during_fork && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  const bool joined = g_joined_during_fork;
  if (joined) {
    joiner.join();
  } else {
    joiner.detach();
  }
  return joined;
}

const ForkParticipant kOuter{1, [] { g_calls += "outer+ "; }, [] { g_calls += "outer- "; },
                             [] { g_calls += "outer-child "; }};
const ForkParticipant kInner{2,
                             [] {
                               g_calls += "inner+ ";
                               if (!g_joined_during_fork && !join_from_another_thread())
                                 g_calls += "blocked ";
                             },
                             [] { g_calls += "inner- "; }, [] { g_calls += "inner-child "; }};
const ForkParticipant kLate{3, [] { g_calls += "late+ "; }, [] { g_calls += "late- "; },
                            [] { g_calls += "late-child "; }};

}  // namespace

TEST_CASE("participants lock in order and may join while a fork waits", "[fork]") {
  vigil::detail::join_fork_guard(kInner);
  vigil::detail::join_fork_guard(kOuter);
  vigil::detail::join_fork_guard(kInner);  // joining twice joins once
  g_calls.clear();
  const pid_t pid = ::fork();
  // The child inherits the late joiner's state, so its child handler must run there.
  if (pid == 0)
    ::_exit(g_calls.find("late-child inner-child outer-child") != std::string::npos ? 0 : 1);
  int status = 0;
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  CHECK(WEXITSTATUS(status) == 0);
  CHECK(g_calls.find("blocked") == std::string::npos);
  CHECK(g_joined_during_fork);
  // The locks were given back and taken again with the late joiner's.
  CHECK(g_calls == "outer+ inner+ inner- outer- outer+ inner+ late+ late- inner- outer- ");
  g_calls.clear();
  const pid_t second = ::fork();
  if (second == 0) ::_exit(0);
  REQUIRE(::waitpid(second, &status, 0) == second);
  CHECK(g_calls.find("outer+ inner+ late+ late- inner- outer- ") == 0);
}
