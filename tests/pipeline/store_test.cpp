// The SQLite store: a run lands in every table in one transaction; a failing write leaves
// nothing behind.
#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <string>

#include "files.hpp"
#include "store.hpp"

namespace {
std::int64_t count(const std::string& db_path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open(db_path.c_str(), &db);
  sqlite3_stmt* statement = nullptr;
  sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr);
  sqlite3_step(statement);
  const std::int64_t n = sqlite3_column_int64(statement, 0);
  sqlite3_finalize(statement);
  sqlite3_close(db);
  return n;
}

acm::ScoresWide scores() {
  acm::ScoresWide s;
  s.timestamps = {100, 160, 220};
  s.heads = {"ar1_z", "pca_spe"};
  s.z = {{0.1, 0.2}, {3, 4}, {0, 0}};
  s.fused = {0.15, 3.5, 0};
  return s;
}
}  // namespace

TEST_CASE("a run is written to all tables", "[pipeline]") {
  const std::string path = (vigil_test::fresh_directory("acm_store_test") / "acm.db").string();
  {
    acm::Store store(path);
    acm::RunRow run{"r1", "FD_FAN", 1, 2, "OK", "1 episodes", 10, 3, "abc", 1};
    acm::RunOutputs outputs;
    outputs.timers = {{"fit.pca", "models.fit", 1.5}};
    outputs.scores = scores();
    outputs.episodes = {{1, 2, 3.5}};
    outputs.health = {{100, acm::HealthState::normal},
                      {40, acm::HealthState::alert},
                      {90, acm::HealthState::warn}};
    outputs.rul.p10 = 60;
    outputs.rul.p50 = 120;
    outputs.rul.crossing_share = 0.7;
    outputs.cadence_s = 60;
    outputs.model_summary = R"({"detectors":["pca"]})";
    CHECK(store.write_run(run, outputs) == 1);
    run.run_id = "r1b";
    CHECK(store.write_run(run, outputs) == 2);  // the next version for the same equipment
    run.run_id = "r1c";
    run.equipment = "GAS_TURBINE";
    CHECK(store.write_run(run, outputs) == 1);
  }
  CHECK(count(path, "SELECT COUNT(*) FROM ACM_Runs WHERE Outcome='OK' AND Episodes=1") == 3);
  CHECK(count(path, "SELECT MAX(Version) FROM ACM_ModelRegistry WHERE EquipName='FD_FAN'") == 2);
  CHECK(count(path, "SELECT COUNT(*) FROM ACM_RunTimers WHERE Stage='fit.pca' AND RunID='r1'") ==
        1);
  CHECK(count(path, "SELECT COUNT(*) FROM ACM_Scores_Wide WHERE RunID='r1'") == 9);
  CHECK(count(path, "SELECT StartTime FROM ACM_Anomaly_Events WHERE EpisodeID=1") == 160);
  CHECK(count(path, "SELECT COUNT(*) FROM ACM_HealthTimeline WHERE State='ALERT' AND RunID='r1'") ==
        1);
  CHECK(count(path, "SELECT P50_Hours FROM ACM_RUL WHERE RunID='r1'") == 2);  // 120 rows of 60 s
  CHECK(count(path, "SELECT P90_Hours IS NULL FROM ACM_RUL WHERE RunID='r1'") == 1);
}

TEST_CASE("a failing write rolls the whole run back", "[pipeline]") {
  const std::string path = (vigil_test::fresh_directory("acm_store_rollback") / "acm.db").string();
  acm::Store store(path);
  acm::RunRow run{"r2", "FD_FAN", 1, 2, "OK", "", 10, 3, "abc", 1};
  auto bad = scores();
  bad.z = acm::Matrix{{NAN, 0}, {0, 0}, {0, 0}};  // NOT NULL Z: NaN binds as NULL
  acm::RunOutputs outputs;
  outputs.scores = bad;
  CHECK_THROWS_WITH(store.write_run(run, outputs), Catch::Contains("sqlite"));
  CHECK(count(path, "SELECT COUNT(*) FROM ACM_Runs") == 0);
  CHECK_THROWS_AS(acm::Store("/no/such/dir/acm.db"), acm::InputError);
}

TEST_CASE("a database of another schema version is refused, not altered", "[pipeline]") {
  const std::string path = (vigil_test::fresh_directory("acm_store_version") / "acm.db").string();
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_exec(db,
               "CREATE TABLE ACM_HealthTimeline (RunID TEXT, Timestamp INTEGER, HealthIndex REAL, "
               "State TEXT)",
               nullptr, nullptr, nullptr);
  sqlite3_close(db);
  CHECK_THROWS_WITH(acm::Store(path),
                    Catch::Contains("schema version 0; this acm-pipeline writes version 4"));
  CHECK(count(path, "SELECT COUNT(*) FROM sqlite_master WHERE name='ACM_Runs'") == 0);
}
