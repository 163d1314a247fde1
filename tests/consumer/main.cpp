// A user's program, built against the installed or added vigil as each consumer test says.
// It counts the evaluations of a span's argument, so a switched-off build proves that the
// macro evaluated nothing, and a switched-on one that the span reached an exporter.
#include <cstdio>
#include <memory>

#include <vigil/runtime.hpp>
#include <vigil/trace/throw_hook.hpp>  // needs -ldl where libc lacks dlsym: the package says so
#ifdef CONSUMER_HTTP
#include <vigil/export/spans/otlp_http.hpp>  // vigil::http / vigil-http.pc bring cpp-httplib
#endif
#ifdef CONSUMER_GPERFTOOLS
#include <vigil/profile/gperftools.hpp>  // vigil::gperftools / vigil-gperftools.pc link it
#endif

int evaluated = 0;
int answer() {
  ++evaluated;
  return 42;
}

int main() {
  auto exporter = std::make_shared<vigil::MemoryExporter>();
  vigil::add_exporter(exporter);
#ifdef CONSUMER_HTTP
  { vigil::OtlpHttpExporter linked_only; }
#endif
  {
    VIGIL_SPAN("consumer.work", {"answer", answer()});
#ifdef CONSUMER_GPERFTOOLS
    VIGIL_PROFILE_SECTION("consumer.work");  // ENABLE_PROFILING unset: profiles nothing
#endif
  }
  vigil::shutdown();
  std::printf("spans exported: %zu, arguments evaluated: %d\n", exporter->spans().size(),
              evaluated);
}
