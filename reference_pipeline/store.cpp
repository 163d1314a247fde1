// reference_pipeline/store.cpp — SQLite schema and the transactional run write.
#include "store.hpp"

#include <sqlite3.h>

#include <stdexcept>

#include <vigil/common/semconv.hpp>
#include <vigil/detail/civil_time.hpp>
#include <vigil/vigil.hpp>

namespace acm {

namespace {

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS ACM_Runs (
  RunID TEXT PRIMARY KEY, EquipName TEXT NOT NULL, StartedAt TEXT NOT NULL,
  CompletedAt TEXT NOT NULL, Outcome TEXT NOT NULL, Message TEXT,
  TrainRows INTEGER, ScoreRows INTEGER, FeatureHash TEXT, Episodes INTEGER);
CREATE TABLE IF NOT EXISTS ACM_RunTimers (
  RunID TEXT NOT NULL, Stage TEXT NOT NULL, Parent TEXT, DurationMs REAL NOT NULL);
CREATE TABLE IF NOT EXISTS ACM_Scores_Wide (
  RunID TEXT NOT NULL, Timestamp INTEGER NOT NULL, Head TEXT NOT NULL, Z REAL NOT NULL);
CREATE TABLE IF NOT EXISTS ACM_Anomaly_Events (
  RunID TEXT NOT NULL, EpisodeID INTEGER NOT NULL, StartTime INTEGER NOT NULL,
  EndTime INTEGER NOT NULL, Rows INTEGER NOT NULL, PeakScore REAL NOT NULL);
CREATE TABLE IF NOT EXISTS ACM_HealthTimeline (
  RunID TEXT NOT NULL, Timestamp INTEGER NOT NULL, HealthIndex REAL NOT NULL,
  State TEXT NOT NULL, Regime INTEGER);
CREATE TABLE IF NOT EXISTS ACM_RUL (
  RunID TEXT PRIMARY KEY, Method TEXT NOT NULL, P10_Hours REAL, P50_Hours REAL,
  P90_Hours REAL, CrossingShare REAL NOT NULL);
CREATE TABLE IF NOT EXISTS ACM_EpisodeCulprits (
  RunID TEXT NOT NULL, EpisodeID INTEGER NOT NULL, Rank INTEGER NOT NULL, Sensor TEXT NOT NULL,
  Contribution REAL NOT NULL, Share REAL NOT NULL);
CREATE TABLE IF NOT EXISTS ACM_ModelRegistry (
  EquipName TEXT NOT NULL, Version INTEGER NOT NULL, RunID TEXT NOT NULL,
  CreatedAt TEXT NOT NULL, FeatureHash TEXT NOT NULL, TrainRows INTEGER NOT NULL,
  Summary TEXT NOT NULL, PRIMARY KEY (EquipName, Version));
CREATE INDEX IF NOT EXISTS ACM_Scores_Wide_Run ON ACM_Scores_Wide (RunID, Timestamp);
)sql";

std::string iso_time(std::int64_t unix_ns) {
  std::string out;
  vigil::detail::SecondCache().append_rfc3339(out, unix_ns);
  return out;
}

// A prepared statement, finalised on every path.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql, -1, &statement_, nullptr) != SQLITE_OK) fail();
  }
  ~Statement() { sqlite3_finalize(statement_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int index, const std::string& text) {
    sqlite3_bind_text(statement_, index, text.c_str(), static_cast<int>(text.size()),
                      SQLITE_TRANSIENT);
    return *this;
  }
  Statement& bind(int index, std::int64_t value) {
    sqlite3_bind_int64(statement_, index, value);
    return *this;
  }
  Statement& bind(int index, double value) {
    sqlite3_bind_double(statement_, index, value);
    return *this;
  }
  Statement& bind_null(int index) {
    sqlite3_bind_null(statement_, index);
    return *this;
  }
  void run() {
    if (sqlite3_step(statement_) != SQLITE_DONE) fail();
    sqlite3_reset(statement_);
  }
  std::int64_t single() {
    if (sqlite3_step(statement_) != SQLITE_ROW) fail();
    const std::int64_t value = sqlite3_column_int64(statement_, 0);
    sqlite3_reset(statement_);
    return value;
  }

 private:
  [[noreturn]] void fail() {
    throw std::runtime_error(std::string("sqlite: ") + sqlite3_errmsg(db_));
  }
  sqlite3* db_;
  sqlite3_stmt* statement_ = nullptr;
};

// Bumped whenever a table changes; a database of another version is refused, not altered.
constexpr int kSchemaVersion = 4;

std::int64_t single_integer(sqlite3* db, const char* sql) {
  sqlite3_stmt* statement = nullptr;
  std::int64_t value = 0;
  if (sqlite3_prepare_v2(db, sql, -1, &statement, nullptr) == SQLITE_OK &&
      sqlite3_step(statement) == SQLITE_ROW) {
    value = sqlite3_column_int64(statement, 0);
  }
  sqlite3_finalize(statement);
  return value;
}

}  // namespace

Store::Store(const std::string& path) : path_(path) {
  if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK) {
    const std::string why = db_ != nullptr ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    throw InputError("cannot open the output database '" + path + "': " + why);
  }
  const std::int64_t version = single_integer(db_, "PRAGMA user_version");
  const std::int64_t tables =
      single_integer(db_, "SELECT COUNT(*) FROM sqlite_master WHERE name LIKE 'ACM_%'");
  if (tables > 0 && version != kSchemaVersion) {
    sqlite3_close(db_);
    db_ = nullptr;
    throw InputError("'" + path + "' holds ACM tables of schema version " +
                     std::to_string(version) + "; this acm-pipeline writes version " +
                     std::to_string(kSchemaVersion) +
                     " (use another --out, or move the old database away)");
  }
  exec(kSchema);
  exec("PRAGMA user_version = " + std::to_string(kSchemaVersion));
}

Store::~Store() {
  sqlite3_close(db_);
}

void Store::exec(const std::string& sql) {
  char* error = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    const std::string why = error != nullptr ? error : "unknown error";
    sqlite3_free(error);
    throw std::runtime_error("sqlite: " + why + " in '" + path_ + "'");
  }
}

std::int64_t Store::write_run(const RunRow& run, const RunOutputs& outputs) {
  const ScoresWide& scores = outputs.scores;
  const std::vector<Episode>& episodes = outputs.episodes;
  VIGIL_SPAN("sql.insert", {"db.system", "sqlite"}, {"db.name", path_});
  exec("BEGIN IMMEDIATE");
  try {
    Statement runs(db_, "INSERT OR REPLACE INTO ACM_Runs VALUES (?,?,?,?,?,?,?,?,?,?)");
    runs.bind(1, run.run_id)
        .bind(2, run.equipment)
        .bind(3, iso_time(run.started_unix_ns))
        .bind(4, iso_time(run.finished_unix_ns))
        .bind(5, run.outcome)
        .bind(6, run.message)
        .bind(7, static_cast<std::int64_t>(run.train_rows))
        .bind(8, static_cast<std::int64_t>(run.score_rows))
        .bind(9, run.feature_hash)
        .bind(10, static_cast<std::int64_t>(run.episodes))
        .run();
    Statement timer(db_, "INSERT INTO ACM_RunTimers VALUES (?,?,?,?)");
    for (const StageTimer& t : outputs.timers) {
      timer.bind(1, run.run_id).bind(2, t.stage).bind(3, t.parent).bind(4, t.duration_ms).run();
    }
    Statement score(db_, "INSERT INTO ACM_Scores_Wide VALUES (?,?,?,?)");
    for (std::size_t r = 0; r < scores.timestamps.size(); ++r) {
      for (std::size_t h = 0; h < scores.heads.size(); ++h) {
        score.bind(1, run.run_id)
            .bind(2, scores.timestamps[r])
            .bind(3, scores.heads[h])
            .bind(4, scores.z(r, h))
            .run();
      }
      score.bind(1, run.run_id)
          .bind(2, scores.timestamps[r])
          .bind(3, std::string("fused"))
          .bind(4, scores.fused(r))
          .run();
    }
    Statement event(db_, "INSERT INTO ACM_Anomaly_Events VALUES (?,?,?,?,?,?)");
    for (std::size_t i = 0; i < episodes.size(); ++i) {
      const Episode& e = episodes[i];
      event.bind(1, run.run_id)
          .bind(2, static_cast<std::int64_t>(i + 1))
          .bind(3, scores.timestamps[e.begin])
          .bind(4, scores.timestamps[e.end - 1])
          .bind(5, static_cast<std::int64_t>(e.end - e.begin))
          .bind(6, e.peak)
          .run();
    }
    Statement culprit(db_, "INSERT INTO ACM_EpisodeCulprits VALUES (?,?,?,?,?,?)");
    for (const Culprit& c : outputs.culprits) {
      culprit.bind(1, run.run_id)
          .bind(2, static_cast<std::int64_t>(c.episode + 1))
          .bind(3, static_cast<std::int64_t>(c.rank))
          .bind(4, c.sensor)
          .bind(5, c.contribution)
          .bind(6, c.share)
          .run();
    }
    Statement health(db_, "INSERT INTO ACM_HealthTimeline VALUES (?,?,?,?,?)");
    for (std::size_t r = 0; r < outputs.health.size() && r < scores.timestamps.size(); ++r) {
      health.bind(1, run.run_id)
          .bind(2, scores.timestamps[r])
          .bind(3, outputs.health[r].health)
          .bind(4, std::string(health_state_name(outputs.health[r].state)))
          .run();
    }
    if (!scores.timestamps.empty()) {
      Statement rul(db_, "INSERT OR REPLACE INTO ACM_RUL VALUES (?,?,?,?,?,?)");
      rul.bind(1, run.run_id).bind(2, std::string("holt_montecarlo"));
      const double hours = static_cast<double>(outputs.cadence_s) / 3600.0;
      const std::optional<double>* quantiles[] = {&outputs.rul.p10, &outputs.rul.p50,
                                                  &outputs.rul.p90};
      for (int q = 0; q < 3; ++q) {
        if (quantiles[q]->has_value()) {
          rul.bind(3 + q, **quantiles[q] * hours);
        } else {
          rul.bind_null(3 + q);
        }
      }
      rul.bind(6, outputs.rul.crossing_share).run();
    }
    std::int64_t version = 0;
    if (!outputs.model_summary.empty()) {
      VIGIL_SPAN("models.save", {vigil::semconv::kEquipment, run.equipment});
      Statement latest(
          db_, "SELECT COALESCE(MAX(Version), 0) + 1 FROM ACM_ModelRegistry WHERE EquipName=?");
      latest.bind(1, run.equipment);
      version = latest.single();
      Statement model(db_, "INSERT INTO ACM_ModelRegistry VALUES (?,?,?,?,?,?,?)");
      model.bind(1, run.equipment)
          .bind(2, version)
          .bind(3, run.run_id)
          .bind(4, iso_time(run.finished_unix_ns))
          .bind(5, run.feature_hash)
          .bind(6, static_cast<std::int64_t>(run.train_rows))
          .bind(7, outputs.model_summary)
          .run();
    }
    exec("COMMIT");
    return version;
  } catch (...) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

}  // namespace acm
