// The SKAB protocol's arithmetic, and a run on a small labelled directory.
#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <random>

#include "evaluate.hpp"
#include "files.hpp"
#include "table.hpp"

TEST_CASE("F1, FAR and MAR follow their definitions", "[pipeline]") {
  acm::Confusion c;
  c.tp = 60;
  c.fp = 20;
  c.tn = 180;
  c.fn = 40;
  CHECK(c.f1() == Approx(2.0 * 60 / (120 + 20 + 40)));
  CHECK(c.far() == Approx(20.0 / 200));
  CHECK(c.mar() == Approx(40.0 / 100));
  CHECK(acm::Confusion{}.f1() == 0);
}

TEST_CASE("a labelled file is scored after its first 400 rows", "[pipeline]") {
  const auto dir = vigil_test::fresh_directory("acm_evaluate_test");
  std::mt19937_64 random(8);
  std::normal_distribution<double> noise(0, 1);
  std::ofstream csv(dir / "1.csv");
  csv << "datetime;a;b;c;anomaly;changepoint\n";
  for (int r = 0; r < 900; ++r) {
    const bool fault = r >= 600 && r < 700;
    const double u = noise(random);
    csv << 1600000000 + r << ';' << u + 0.1 * noise(random) << ';' << 2 * u + 0.1 * noise(random)
        << ';' << (fault ? 3.0 : 0.0) - u + 0.1 * noise(random) << ';' << fault << ";0\n";
  }
  csv.close();
  std::ofstream(dir / "normal.csv")
      << "datetime;a;anomaly\n1;1;0\n2;2;0\n";  // too short, no anomaly
  const acm::SkabResult result = acm::evaluate_skab(dir.string());
  REQUIRE(result.files == std::vector<std::string>{"1.csv"});
  CHECK(result.total.tp + result.total.fp + result.total.tn + result.total.fn == 500);
  CHECK(result.total.mar() < 0.2);
  CHECK(result.total.far() < 0.1);
  CHECK(acm::skab_table(result).find("acm-pipeline") != std::string::npos);
  CHECK_THROWS_AS(acm::evaluate_skab((dir / "none").string()), acm::InputError);
}
