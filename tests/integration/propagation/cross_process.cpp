// Cross-process propagation: `cross_process parent DIR` opens a span and spawns itself as
// `cross_process child DIR` with vigil::child_environment(); each process writes its spans
// as OTLP/JSON to DIR/<role>.jsonl. check_cross_process.py then expects one trace.
#include <spawn.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "vigil/runtime.hpp"

namespace {

int spawn_child(const char* self, const std::string& dir) {
  std::vector<std::string> environment = vigil::child_environment();
  std::vector<char*> envp;
  for (auto& variable : environment) envp.push_back(variable.data());
  envp.push_back(nullptr);
  std::string role = "child", out = dir;
  char* argv[] = {const_cast<char*>(self), role.data(), out.data(), nullptr};
  pid_t pid = 0;
  if (posix_spawn(&pid, self, nullptr, nullptr, argv, envp.data()) != 0) return -1;
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3 || (std::strcmp(argv[1], "parent") != 0 && std::strcmp(argv[1], "child") != 0)) {
    std::fprintf(stderr, "usage: %s parent|child DIR\n", argv[0]);
    return 2;
  }
  const std::string role = argv[1], dir = argv[2];
  vigil::add_exporter(std::make_shared<vigil::OtlpFileExporter>(dir + "/" + role + ".jsonl"));
  int status = 0;
  if (role == "parent") {
    VIGIL_SPAN("pipeline.batch", {"acm.batch", 1});
    status = spawn_child("/proc/self/exe", dir);
  } else {
    VIGIL_SPAN("pipeline.equipment", {"acm.equipment", "FD_FAN"});
    VIGIL_SPAN("fit.gmm");
  }
  vigil::shutdown();
  return status;
}
