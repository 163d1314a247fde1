// vigil/app/load_runner.hpp: sequential and concurrent phases after warm-up, their
// counts, errors and percentiles, and the JSON.
#include "vigil/app/load_runner.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>

TEST_CASE("warm-up, then sequential and concurrent phases of the same size", "[load_runner]") {
  std::atomic<int> calls{0}, at_once{0}, most_at_once{0};
  const vigil::LoadResult r = vigil::LoadRunner({3, 40, 4}).run("sleep2ms", [&] {
    ++calls;
    const int now = ++at_once;
    int seen = most_at_once.load();
    while (now > seen && !most_at_once.compare_exchange_weak(seen, now)) {
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    --at_once;
  });
  CHECK(calls == 3 + 40 + 40);
  CHECK(r.sequential.calls == 40);
  CHECK(r.concurrent.calls == 40);
  CHECK(r.concurrent.threads == 4);
  CHECK(most_at_once > 1);
  CHECK(r.sequential.p50_ms >= 2);
  CHECK(r.sequential.p99_ms >= r.sequential.p95_ms);
  CHECK(r.sequential.max_ms >= r.sequential.p99_ms);
  // Sleeping calls overlap: four threads get through them faster than one.
  CHECK(r.concurrent.calls_per_s > 1.5 * r.sequential.calls_per_s);
}

TEST_CASE("calls that throw are counted as errors, not timed", "[load_runner]") {
  int n = 0;
  const auto r = vigil::LoadRunner({0, 10, 1}).run("flaky", [&] {
    if (++n % 2 == 0) throw std::runtime_error("503");
  });
  CHECK(r.sequential.errors == 5);
  CHECK(r.concurrent.errors == 5);
  const std::string json = r.to_json();
  CHECK_THAT(json,
             Catch::StartsWith(
                 "{\"name\":\"flaky\",\"sequential\":{\"threads\":1,\"calls\":10,\"errors\":5,"));
  CHECK_THAT(json, Catch::Contains("\"concurrent\":{\"threads\":1,") && Catch::EndsWith("}}"));
}
