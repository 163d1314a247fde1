// A program that logs and returns from main without flushing: every record must still be
// written (the log worker's rings are delivered at exit). Run by CTest with
// VIGIL_LOG_FORMAT=json; the test counts the lines on stdout.
#include <thread>

#include "vigil/runtime.hpp"

int main() {
  std::thread other([] {
    for (int i = 0; i < 500; ++i) VIGIL_LOG_INFO("EXIT", "from a thread", {"i", i});
  });
  for (int i = 0; i < 500; ++i) VIGIL_LOG_INFO("EXIT", "from main", {"i", i});
  other.join();
  return 0;
}
