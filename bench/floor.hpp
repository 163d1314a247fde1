// bench/floor.hpp — the floors every overhead benchmark is quoted against, in each binary:
// BM_tsc_pair (two rdtsc reads, the least a timed span can cost on x86) and BM_clock_pair
// (two steady_clock::now()).
#pragma once

#include <benchmark/benchmark.h>

#include <x86intrin.h>
#include <chrono>

inline void BM_tsc_pair(benchmark::State& state) {
  for (auto _ : state) {
    benchmark::DoNotOptimize(__rdtsc());
    benchmark::DoNotOptimize(__rdtsc());
  }
}
BENCHMARK(BM_tsc_pair)->Repetitions(9)->DisplayAggregatesOnly(true);

inline void BM_clock_pair(benchmark::State& state) {
  for (auto _ : state) {
    benchmark::DoNotOptimize(std::chrono::steady_clock::now());
    benchmark::DoNotOptimize(std::chrono::steady_clock::now());
  }
}
BENCHMARK(BM_clock_pair)->Repetitions(9)->DisplayAggregatesOnly(true);
