// JSON lines to a rotating file: whole lines, from many threads, across rotations.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "capture.hpp"
#include "files.hpp"
#include "vigil/runtime.hpp"

namespace fs = std::filesystem;

TEST_CASE("lines from many threads land whole, across rotated files", "[log]") {
  const fs::path dir = vigil_test::fresh_directory("vigil_json_sink_test");
  const std::string path = (dir / "acm.log").string();
  vigil_test::LogCapture capture;
  vigil::set_log_sinks({std::make_shared<vigil::JsonSink>(path, vigil::Rotation{64 * 1024, 20})});
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([t] {
      for (int i = 0; i < 1000; ++i) VIGIL_LOG_INFO("LOAD", "n", {"t", t}, {"i", i});
    });
  }
  for (auto& thread : threads) thread.join();
  vigil::flush_logs();
  std::set<std::string> seen;
  int files = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    ++files;
    CHECK(fs::file_size(entry.path()) <= 64 * 1024);
    std::ifstream in(entry.path());
    for (std::string line; std::getline(in, line);) {
      REQUIRE(line.front() == '{');
      REQUIRE(line.back() == '}');
      const auto t = line.find(R"("t":)");
      seen.insert(line.substr(t, line.find('}', t) - t));
    }
  }
  CHECK(files > 2);
  CHECK(seen.size() == 4000);
}
