// Fuzz target: OTEL_RESOURCE_ATTRIBUTES and VIGIL_LOG_LEVEL values. Neither parser throws
// or crashes; every resource key kept is non-empty, and a bad log-level spec is told once
// per spec however often it is set.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "check.hpp"
#include "vigil/runtime.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const bool quiet = [] {
    vigil::set_report_handler([](const std::string&) {});
    return true;
  }();
  (void)quiet;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  for (const auto& attribute : vigil::detail::parse_resource_attributes(input)) {
    FUZZ_CHECK(!attribute.key.empty());
    FUZZ_CHECK(attribute.key.find(',') == std::string::npos);
  }
  const bool first = vigil::set_log_levels(input);
  FUZZ_CHECK(vigil::set_log_levels(input) == first);
  vigil::reset_log_levels();  // overrides of earlier inputs would pile up and slow every run
  return 0;
}
