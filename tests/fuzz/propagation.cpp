// Fuzz target: traceparent, tracestate and B3 parsing. Whatever parses formats back to a
// header that parses to the same context; nothing malformed is accepted as valid ids.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "check.hpp"
#include "vigil/trace/traceparent.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  if (const auto context = vigil::parse_traceparent(input)) {
    FUZZ_CHECK(context->trace_id.valid() && context->span_id.valid());
    const std::string again =
        vigil::format_traceparent(context->trace_id, context->span_id, context->sampled);
    const auto reparsed = vigil::parse_traceparent(again);
    FUZZ_CHECK(reparsed && reparsed->trace_id == context->trace_id &&
               reparsed->span_id == context->span_id && reparsed->sampled == context->sampled);
  }
  if (const auto context = vigil::parse_b3(input)) {
    FUZZ_CHECK(context->trace_id.valid() && context->span_id.valid());
    const auto reparsed =
        vigil::parse_b3(vigil::format_b3(context->trace_id, context->span_id, context->sampled));
    FUZZ_CHECK(reparsed && reparsed->trace_id == context->trace_id &&
               reparsed->span_id == context->span_id && reparsed->sampled == context->sampled);
  }
  if (vigil::valid_tracestate(input)) {
    FUZZ_CHECK(input.find('\n') == std::string_view::npos);
  }
  return 0;
}
