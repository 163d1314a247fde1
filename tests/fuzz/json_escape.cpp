// Fuzz target: JSON string escaping. The output always parses (nlohmann-json), valid UTF-8
// comes back unchanged, and invalid bytes come back as U+FFFD, never raw.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "check.hpp"
#include "vigil/detail/json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string json;
  vigil::detail::append_json_string(json, input);
  const nlohmann::json parsed = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  FUZZ_CHECK(parsed.is_string());
  const std::string& back = parsed.get_ref<const std::string&>();
  if (valid_utf8(input)) {
    FUZZ_CHECK(back == input);
  } else {
    FUZZ_CHECK(valid_utf8(back));
    FUZZ_CHECK(back.find("\xEF\xBF\xBD") != std::string::npos);
  }
  return 0;
}
