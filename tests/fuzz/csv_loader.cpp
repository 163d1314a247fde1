// Fuzz target: the reference pipeline's CSV loader. Any bytes give a table or an
// acm::InputError, nothing else; a table has as many timestamps as rows.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "check.hpp"
#include "data.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string path = "/tmp/vigil-fuzz-csv-" + std::to_string(::getpid()) + ".csv";
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) return 0;
  std::fwrite(data, 1, size, file);
  std::fclose(file);
  try {
    const acm::Table table = acm::load_csv(path);
    FUZZ_CHECK(table.timestamps.empty() || table.timestamps.size() == table.rows());
    FUZZ_CHECK(table.columns.size() == table.cols());
  } catch (const acm::InputError&) {
  }
  return 0;
}
