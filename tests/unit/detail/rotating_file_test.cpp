// Size-based rotation: numbering, the number of files kept, nothing lost in between, and
// an unwritable path told once.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "files.hpp"
#include "vigil/detail/report.hpp"
#include "vigil/detail/rotating_file.hpp"

namespace fs = std::filesystem;

TEST_CASE("files rotate by size and only the newest `keep` are kept", "[detail]") {
  const fs::path dir = vigil_test::fresh_directory("vigil_rotating_test");
  const std::string path = (dir / "app.log").string();
  {
    vigil::detail::RotatingFile file(path, 100, 2);
    for (int i = 0; i < 10; ++i) {
      CHECK(file.write("line " + std::to_string(i) + std::string(24, '.') + "\n"));  // 31 bytes
    }
    file.flush();
  }
  // 3 lines (93 bytes) fit in a file: 0-2, 3-5, 6-8, 9; only app.log, .1 and .2 remain.
  CHECK(vigil_test::read_file(path) == "line 9" + std::string(24, '.') + "\n");
  CHECK(vigil_test::read_file(path + ".1").rfind("line 6", 0) == 0);
  CHECK(vigil_test::read_file(path + ".2").rfind("line 3", 0) == 0);
  CHECK_FALSE(fs::exists(path + ".3"));
  CHECK(fs::file_size(path + ".1") == 93);
}

TEST_CASE("an existing file is appended to and counts toward its size", "[detail]") {
  const fs::path dir = vigil_test::fresh_directory("vigil_rotating_append");
  const std::string path = (dir / "app.log").string();
  std::ofstream(path) << std::string(90, 'x') << "\n";
  {
    vigil::detail::RotatingFile file(path, 100, 1);
    file.write("0123456789\n");
  }
  CHECK(fs::file_size(path) == 11);
  CHECK(fs::file_size(path + ".1") == 91);
}

TEST_CASE("an unwritable path is told once and writes report failure", "[detail]") {
  std::vector<std::string> told;
  vigil::set_report_handler([&told](const std::string& m) { told.push_back(m); });
  {
    vigil::detail::RotatingFile file("/nonexistent-dir/app.log", 0, 0);
    CHECK_FALSE(file.write("a\n"));
    CHECK_FALSE(file.write("b\n"));
  }
  vigil::set_report_handler(nullptr);
  REQUIRE(told.size() == 1);
  CHECK(told[0].find("cannot open '/nonexistent-dir/app.log'") != std::string::npos);
}

TEST_CASE("a batch of lines is split across files at line boundaries", "[detail]") {
  const fs::path dir = vigil_test::fresh_directory("vigil_rotating_batch");
  const std::string path = (dir / "app.log").string();
  std::string batch;
  for (int i = 0; i < 10; ++i) batch += "line " + std::to_string(i) + std::string(24, '.') + "\n";
  const std::string huge = std::string(250, 'h') + "\n";
  {
    vigil::detail::RotatingFile file(path, 100, 10);
    CHECK(file.write(batch));  // ten 31-byte lines: 3 + 3 + 3 + 1
    CHECK(file.write(huge));   // longer than max_bytes: alone in its file
    CHECK(file.write("tail\n"));
  }
  CHECK(vigil_test::read_file(path) == "tail\n");
  CHECK(vigil_test::read_file(path + ".1") == huge);
  CHECK(vigil_test::read_file(path + ".2").rfind("line 9", 0) == 0);
  CHECK(fs::file_size(path + ".2") == 31);
  CHECK(fs::file_size(path + ".3") == 93);
  CHECK(vigil_test::read_file(path + ".5").rfind("line 0", 0) == 0);
  CHECK_FALSE(fs::exists(path + ".6"));
}
