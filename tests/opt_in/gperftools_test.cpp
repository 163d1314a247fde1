// vigil/profile/gperftools.hpp: sections leave CPU and heap profiles google-pprof reads,
// labelled with the trace they ran in; short sections leave nothing; one profiler per
// process, so nested and concurrent sections are counted, not profiled twice.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "capture.hpp"
#include "files.hpp"
#include "vigil/profile/gperftools.hpp"
#include "vigil/runtime.hpp"

namespace fs = std::filesystem;

namespace {

// noipa: GCC may not clone this into a copy without the result, which let -O2 delete the
// arithmetic and left every sample in the clock's vDSO (pprof then hides spin_for as the
// common caller of all samples). The asm keeps x live through every iteration.
[[gnu::noipa]] double spin_for(std::chrono::milliseconds how_long) {
  const auto end = std::chrono::steady_clock::now() + how_long;
  double x = 1.0;
  while (std::chrono::steady_clock::now() < end) {
    // Long stretches between clock reads, so the samples land here and not in the vDSO.
    for (int i = 0; i < 2'000'000; ++i) {
      x = x * 1.0000001 + 1e-9;
      asm volatile("" : "+x"(x));
    }
  }
  return x;
}

[[gnu::noinline]] void hold_memory(std::vector<std::unique_ptr<char[]>>& held, int megabytes) {
  for (int i = 0; i < megabytes; ++i) {
    held.emplace_back(new char[1 << 20]);
    held.back()[0] = static_cast<char>(i);
  }
}

vigil::ProfileConfig config_in(const fs::path& dir, bool cpu, bool memory, double min_ms) {
  vigil::ProfileConfig config;
  config.enabled = true;
  config.cpu = cpu;
  config.memory = memory;
  config.output_dir = dir.string();
  config.min_duration_ms = min_ms;
  return config;
}

std::vector<fs::path> files_in(const fs::path& dir, const std::string& extension) {
  std::vector<fs::path> out;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() == extension) out.push_back(entry.path());
  }
  return out;
}

std::string pprof_text(const fs::path& profile, const std::string& options = "") {
  const std::string command = "google-pprof --text " + options + " /proc/" +
                              std::to_string(::getpid()) + "/exe " + profile.string() +
                              " 2>/dev/null";
  std::string out;
  if (std::FILE* pipe = ::popen(command.c_str(), "r")) {
    char buffer[4096];
    while (const std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
    ::pclose(pipe);
  }
  return out;
}

}  // namespace

TEST_CASE("a long section leaves a CPU profile google-pprof reads, labelled with its trace",
          "[profile]") {
  const fs::path dir = vigil_test::fresh_directory("vigil_profile_cpu");
  vigil::configure_profiling(config_in(dir / "nested/out", true, false, 50));
  vigil_test::Capture capture;
  vigil::set_global_attribute("service.name", "acm-test");
  vigil::RunContextScope run({{"acm.equipment", "FD_FAN"}, {"acm.run_id", "run-7"}});
  std::string trace_id, span_id, stem;
  {
    VIGIL_SPAN("fit.gmm");
    trace_id = vigil::current_context().trace_id.hex();
    span_id = vigil::current_context().span_id.hex();
    vigil::ProfileSection section("fit gmm/1");
    REQUIRE(section.cpu_profiling());
    stem = section.stem();
    spin_for(std::chrono::milliseconds(400));
  }
  const auto profiles = files_in(dir / "nested/out", ".prof");
  REQUIRE(profiles.size() == 1);
  CHECK(profiles[0].string() == stem + ".prof");
  CHECK(profiles[0].filename().string().rfind("fit_gmm_1_", 0) == 0);
  CHECK(profiles[0].stem().string().substr(profiles[0].stem().string().size() - 32) == trace_id);
  CHECK(pprof_text(profiles[0]).find("spin_for") != std::string::npos);

  const std::string labels = vigil_test::read_file(stem + ".json");
  for (const std::string& want : std::vector<std::string>{
           "\"section\":\"fit gmm/1\"", "\"service_name\":\"acm-test\"", "\"equipment\":\"FD_FAN\"",
           "\"run_id\":\"run-7\"", "\"trace_id\":\"" + trace_id + "\"",
           "\"span_id\":\"" + span_id + "\"", "\"files\":[\"" + profiles[0].filename().string()}) {
    CHECK_THAT(labels, Catch::Contains(want));
  }
}

TEST_CASE("a section shorter than the minimum leaves no files", "[profile]") {
  const fs::path dir = vigil_test::fresh_directory("vigil_profile_short");
  vigil::configure_profiling(config_in(dir, true, true, 300));
  const auto before = vigil::profile_stats();
  {
    VIGIL_PROFILE_SECTION("quick");
    spin_for(std::chrono::milliseconds(5));
  }
  CHECK(fs::is_empty(dir));
  CHECK(vigil::profile_stats().dropped_short == before.dropped_short + 1);
  CHECK(vigil::profile_stats().kept == before.kept);
}

TEST_CASE("nested and concurrent sections do not get a second profiler", "[profile]") {
  const fs::path dir = vigil_test::fresh_directory("vigil_profile_overlap");
  vigil::configure_profiling(config_in(dir, true, false, 0));
  const auto before = vigil::profile_stats();
  {
    vigil::ProfileSection outer("outer");
    REQUIRE(outer.cpu_profiling());
    {
      vigil::ProfileSection inner("inner");
      CHECK_FALSE(inner.cpu_profiling());
    }
    bool other_thread_profiled = true;
    std::thread([&] {
      vigil::ProfileSection concurrent("concurrent");
      other_thread_profiled = concurrent.cpu_profiling();
    }).join();
    CHECK_FALSE(other_thread_profiled);
    spin_for(std::chrono::milliseconds(50));
  }
  CHECK(vigil::profile_stats().overlapped == before.overlapped + 2);
  CHECK(files_in(dir, ".prof").size() == 1);
  vigil::ProfileSection after("after");
  CHECK(after.cpu_profiling());
}

TEST_CASE("a heap profile shows what the section left allocated", "[profile]") {
  const fs::path dir = vigil_test::fresh_directory("vigil_profile_heap");
  vigil::configure_profiling(config_in(dir, false, true, 0));
  std::vector<std::unique_ptr<char[]>> held;
  {
    vigil::ProfileSection section("features.compute");
    REQUIRE(section.heap_profiling());
    hold_memory(held, 32);
  }
  const auto heaps = files_in(dir, ".heap");
  REQUIRE(heaps.size() == 1);
  CHECK(files_in(dir, ".json").size() == 1);
  const std::string text = pprof_text(heaps[0], "--inuse_space");
  CHECK(text.find("hold_memory") != std::string::npos);
}

TEST_CASE("profiling off leaves nothing and costs no profiler", "[profile]") {
  const fs::path dir = vigil_test::fresh_directory("vigil_profile_off");
  auto config = config_in(dir, true, true, 0);
  config.enabled = false;
  vigil::configure_profiling(config);
  {
    vigil::ProfileSection section("off");
    CHECK_FALSE(section.cpu_profiling());
    CHECK(section.stem().empty());
  }
  CHECK(fs::is_empty(dir));
}

TEST_CASE("an unwritable output directory is told once and the program goes on", "[profile]") {
  std::vector<std::string> told;
  vigil::set_report_handler([&](const std::string& message) { told.push_back(message); });
  vigil::configure_profiling(config_in("/proc/vigil-no-such-dir/out", true, false, 0));
  for (int i = 0; i < 3; ++i) {
    vigil::ProfileSection section("anywhere");
    CHECK_FALSE(section.cpu_profiling());
  }
  vigil::set_report_handler(nullptr);
  REQUIRE(told.size() == 1);
  CHECK_THAT(told[0], Catch::Contains("PROFILE_OUTPUT_DIR"));
}

TEST_CASE("the seeds' environment variables configure profiling", "[profile]") {
  std::vector<std::string> told;
  vigil::set_report_handler([&](const std::string& message) { told.push_back(message); });
  ::setenv("ENABLE_PROFILING", "true", 1);
  ::setenv("PROFILE_CPU", "0", 1);
  ::setenv("PROFILE_MEMORY", "maybe", 1);
  ::setenv("PROFILE_OUTPUT_DIR", "/tmp/vigil-env-profiles", 1);
  ::setenv("PROFILE_MIN_DURATION_MS", "250", 1);
  auto config = vigil::ProfileConfig::from_env();
  CHECK(config.enabled);
  CHECK_FALSE(config.cpu);
  CHECK_FALSE(config.memory);  // "maybe" is told and the default kept
  CHECK(config.output_dir == "/tmp/vigil-env-profiles");
  CHECK(config.min_duration_ms == 250);
  ::setenv("PROFILE_MIN_DURATION_MS", "-3", 1);
  config = vigil::ProfileConfig::from_env();
  CHECK(config.min_duration_ms == 100);
  for (const char* name : {"ENABLE_PROFILING", "PROFILE_CPU", "PROFILE_MEMORY",
                           "PROFILE_OUTPUT_DIR", "PROFILE_MIN_DURATION_MS"})
    ::unsetenv(name);
  vigil::set_report_handler(nullptr);
  REQUIRE(told.size() == 2);
  CHECK_THAT(told[0], Catch::Contains("PROFILE_MEMORY='maybe'"));
  CHECK_THAT(told[1], Catch::Contains("PROFILE_MIN_DURATION_MS='-3'"));
}
