// vigil/signals.hpp — deliver what was recorded when the process is told to stop.
//
//   vigil::flush_on_signals();  // SIGTERM and SIGINT, e.g. from a container runtime or ^C
//
// On the first of the signals, a watcher thread shuts tracing down (every exporter drained
// and flushed) and flushes the log sinks, then restores the signal's default action and
// raises it again, so the process ends the way it would have — just without losing what it
// recorded. The handler itself only writes the signal number to a pipe (async-signal-safe);
// the flushing happens on the watcher, never inside the handler. Installing replaces
// handlers the program had for those signals. Returns false (told once) when the pipe,
// thread or handler cannot be set up. Call it once, early; later calls do nothing.
#pragma once

#include <fcntl.h>
#include <unistd.h>

#include <csignal>
#include <initializer_list>
#include <string>
#include <system_error>
#include <thread>

#include "vigil/config.hpp"
#include "vigil/detail/report.hpp"
#include "vigil/log/logger.hpp"
#include "vigil/trace/tracer.hpp"

VIGIL_NAMESPACE_BEGIN
namespace detail {

inline int& signal_pipe_writer() {
  static int fd = -1;
  return fd;
}

extern "C" inline void vigil_signal_handler(int signal_number) {
  const int saved = errno;
  const int fd = signal_pipe_writer();
  if (fd >= 0) (void)!::write(fd, &signal_number, sizeof signal_number);
  errno = saved;
}

}  // namespace detail

inline bool flush_on_signals(std::initializer_list<int> signals = {SIGTERM, SIGINT}) {
  static bool installed = false;
  if (installed) return true;
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    detail::report_once("signals",
                        "flush_on_signals: no pipe (" + detail::system_error_text(errno) + ")");
    return false;
  }
  detail::signal_pipe_writer() = fds[1];
  try {
    std::thread([reader = fds[0]] {
      int signal_number = 0;
      while (::read(reader, &signal_number, sizeof signal_number) < 0 && errno == EINTR) {
      }
      shutdown();
      flush_logs();
      std::signal(signal_number, SIG_DFL);
      std::raise(signal_number);
    }).detach();
  } catch (const std::system_error& e) {
    detail::report_once("signals",
                        std::string("flush_on_signals: no watcher thread (") + e.what() + ")");
    return false;
  }
  struct sigaction action {};
  action.sa_handler = detail::vigil_signal_handler;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  for (int signal_number : signals) {
    if (::sigaction(signal_number, &action, nullptr) != 0) {
      detail::report_once(
          "signals", "flush_on_signals: cannot handle signal " + std::to_string(signal_number));
      return false;
    }
  }
  installed = true;
  return true;
}

VIGIL_NAMESPACE_END
