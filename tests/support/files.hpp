// tests/support/files.hpp — the file chores tests share: read a whole file, start from an
// empty directory.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace vigil_test {

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

/// An empty directory under the system's temporary directory.
inline std::filesystem::path fresh_directory(const std::string& name) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

}  // namespace vigil_test
