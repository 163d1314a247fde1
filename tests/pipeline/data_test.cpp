// Synthetic equipment and CSV loading: determinism, faults after training, the loader's
// delimiter/time/column handling, and one clear error per kind of bad file.
#include <catch2/catch.hpp>

#include <fstream>
#include <string>

#include "data.hpp"
#include "files.hpp"

namespace {
std::string write_csv(const std::string& name, const std::string& text) {
  const auto path = (vigil_test::fresh_directory("acm_data_test_" + name) / "in.csv").string();
  std::ofstream(path) << text;
  return path;
}
}  // namespace

TEST_CASE("the generator is deterministic and injects its faults after training", "[pipeline]") {
  acm::SyntheticOptions options;
  options.rows = 2000;
  options.train_rows = 1200;
  const acm::Dataset a = acm::generate_synthetic(options);
  const acm::Dataset b = acm::generate_synthetic(options);
  const bool same = a.table.values == b.table.values;  // a bool: Catch must not see xtensor
  CHECK(same);
  CHECK(a.table.cols() == 15);
  CHECK(a.table.timestamps[1] - a.table.timestamps[0] == 60);
  REQUIRE(a.faults.size() == 3);
  for (const auto& fault : a.faults) {
    CHECK(fault.begin >= options.train_rows);
    CHECK(fault.end <= options.rows);
  }
  options.seed = 43;
  const bool reseeded_same = acm::generate_synthetic(options).table.values == a.table.values;
  CHECK_FALSE(reseeded_same);
  for (const auto& equipment : acm::synthetic_equipment()) {
    options.equipment = equipment;
    CHECK(acm::generate_synthetic(options).table.cols() == 15);
  }
  options.equipment = "TOASTER";
  CHECK_THROWS_WITH(acm::generate_synthetic(options),
                    Catch::Contains("unknown equipment 'TOASTER'"));
}

TEST_CASE("CSV: ';' detected, times parsed, text and label columns left out, gaps are NaN",
          "[pipeline]") {
  const auto path = write_csv("ok",
                              "datetime;pump;site;flow;anomaly\n"
                              "2020-03-09 10:14:33;1.5;north;7;0\n"
                              "2020-03-09 10:14:34;;north;8;0\n"
                              "2020-03-09 10:14:35;2.5;south;9;1\n");
  const acm::Table table = acm::load_csv(path);
  REQUIRE(table.columns == std::vector<std::string>{"pump", "flow"});
  CHECK(table.timestamps[0] == 1583748873);
  CHECK(table.timestamps[2] - table.timestamps[0] == 2);
  CHECK(std::isnan(table.values(1, 0)));
  CHECK(table.values(2, 1) == 9);
  CHECK(acm::detect_cadence(table.timestamps) == 1);
}

TEST_CASE("CSV: bad files get one clear error each", "[pipeline]") {
  CHECK_THROWS_WITH(acm::load_csv("/no/such/file.csv"), Catch::Contains("cannot open"));
  CHECK_THROWS_WITH(acm::load_csv(write_csv("text", "time,name\n1,a\n2,b\n")),
                    Catch::Contains("no numeric column"));
  CHECK_THROWS_WITH(acm::load_csv(write_csv("bad", "time,x\n1,1.5\n2,1.7x\n")),
                    Catch::Contains("in.csv:3: column 'x': '1.7x' is not a number"));
  CHECK_THROWS_WITH(acm::load_csv(write_csv("ragged", "a,b\n1,2\n3\n")),
                    Catch::Contains("1 cells, the header has 2"));
  CHECK_THROWS_WITH(acm::load_csv(write_csv("empty", "a,b\n")), Catch::Contains("no rows"));
  // Found by tools/fuzz.sh csv_loader: a unix time past year 9999 overflowed an int64.
  CHECK_THROWS_AS(acm::load_csv(write_csv("far", "time,x\n17672252222222222600,1\n")),
                  acm::InputError);
}

TEST_CASE("validation counts gaps and missing cells and drops constant columns", "[pipeline]") {
  acm::Table table;
  table.columns = {"varies", "stuck"};
  table.timestamps = {0, 60, 120, 300, 360};
  table.values = {{1, 5}, {2, 5}, {NAN, 5}, {4, 5}, {5, 5}};
  const acm::Validation v = acm::validate(table);
  CHECK(v.cadence_s == 60);
  CHECK(v.gaps == 1);
  CHECK(v.missing_cells == 1);
  CHECK(v.constant_columns == std::vector<std::string>{"stuck"});
  CHECK(table.columns == std::vector<std::string>{"varies"});
  CHECK(table.cols() == 1);
}
