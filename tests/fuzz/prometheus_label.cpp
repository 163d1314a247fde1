// Fuzz target: Prometheus label values. The escaped value, read back by the exposition
// format's rules (\\, \" and \n), is the input when it is valid UTF-8; the output is always
// valid UTF-8, never holds a raw newline or an unescaped quote.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "check.hpp"
#include "vigil/export/metrics/prometheus_text.hpp"

namespace {

// The exposition format's label-value unescaping; false on a dangling or unknown escape.
bool unescape(std::string_view text, std::string& out) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '"') return false;
    if (text[i] != '\\') {
      out += text[i];
      continue;
    }
    if (++i == text.size()) return false;
    switch (text[i]) {
      case '\\':
        out += '\\';
        break;
      case '"':
        out += '"';
        break;
      case 'n':
        out += '\n';
        break;
      default:
        return false;
    }
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string escaped;
  vigil::detail::append_escaped(escaped, input, /*quote=*/true);
  FUZZ_CHECK(escaped.find('\n') == std::string::npos);
  FUZZ_CHECK(valid_utf8(escaped));
  std::string back;
  FUZZ_CHECK(unescape(escaped, back));
  if (valid_utf8(input)) FUZZ_CHECK(back == input);
  return 0;
}
