// reference_pipeline/batch.cpp — a bounded pool of child processes under one trace.
#include "batch.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <cstring>
#include <filesystem>
#include <map>

#include <vigil/runtime.hpp>

#include "table.hpp"

namespace acm {

namespace {

pid_t spawn_job(const BatchOptions& options, const BatchJob& job, const std::string& run_id) {
  std::filesystem::create_directories(job.out);
  std::vector<std::string> args = {options.self,
                                   "--equip",
                                   job.equipment,
                                   "--seed",
                                   std::to_string(options.seed + job.window),
                                   "--rows",
                                   std::to_string(options.rows),
                                   "--out",
                                   job.out,
                                   "--run-id",
                                   run_id};
  std::vector<char*> argv;
  for (auto& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  std::vector<std::string> environment = vigil::child_environment();  // TRACEPARENT
  std::vector<char*> envp;
  for (auto& variable : environment) envp.push_back(variable.data());
  envp.push_back(nullptr);
  // The child's console goes to a file of its own, not interleaved with the others.
  posix_spawn_file_actions_t files;
  posix_spawn_file_actions_init(&files);
  const std::string log = job.out + "/console.log";
  posix_spawn_file_actions_addopen(&files, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&files, 1, 2);
  pid_t pid = 0;
  const int failed =
      posix_spawn(&pid, options.self.c_str(), &files, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&files);
  if (failed != 0)
    throw InputError("cannot start '" + options.self + "': " + std::strerror(failed));
  return pid;
}

}  // namespace

std::vector<BatchJob> run_batch(const BatchOptions& options) {
  if (options.equipment.empty()) throw InputError("batch needs at least one equipment");
  std::vector<BatchJob> jobs;
  for (const std::string& equipment : options.equipment) {
    for (std::size_t w = 0; w < options.windows; ++w) {
      jobs.push_back({equipment, w, options.out + "/" + equipment + "/w" + std::to_string(w), -1});
    }
  }
  VIGIL_SPAN("batch.run", {"jobs", static_cast<std::int64_t>(jobs.size())},
             {"max_workers", static_cast<std::int64_t>(options.max_workers)});
  const std::string batch_id = "batch-" + vigil::current_context().trace_id.hex().substr(0, 12);
  VIGIL_LOG_INFO("RUN", "batch {}: {} jobs, {} workers", batch_id,
                 static_cast<std::int64_t>(jobs.size()),
                 static_cast<std::int64_t>(options.max_workers));
  std::map<pid_t, std::size_t> running;
  std::size_t next = 0;
  while (next < jobs.size() || !running.empty()) {
    while (next < jobs.size() && running.size() < std::max<std::size_t>(options.max_workers, 1)) {
      const BatchJob& job = jobs[next];
      running[spawn_job(options, job,
                        batch_id + "-" + job.equipment + "-w" + std::to_string(job.window))] = next;
      ++next;
    }
    int status = 0;
    const pid_t done = ::waitpid(-1, &status, 0);
    const auto found = running.find(done);
    if (found == running.end()) continue;
    BatchJob& job = jobs[found->second];
    job.exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : 3;
    running.erase(found);
    VIGIL_LOG_INFO("RUN", "{} window {}: exit {}", job.equipment,
                   static_cast<std::int64_t>(job.window), job.exit_status);
  }
  return jobs;
}

}  // namespace acm
