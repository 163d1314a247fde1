#include <cstdio>
#include <memory>

#include <vigil/runtime.hpp>

int main() {
  auto exporter = std::make_shared<vigil::MemoryExporter>();
  vigil::add_exporter(exporter);
  { VIGIL_SPAN("consumer.work", {"answer", 42}); }
  vigil::shutdown();
  std::printf("spans exported: %zu\n", exporter->spans().size());
}
