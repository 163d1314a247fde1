// reference_pipeline/store.hpp — the run's outputs in SQLite, in the seeds' tables:
// ACM_Runs, ACM_RunTimers, ACM_Scores_Wide, ACM_Anomaly_Events, ACM_HealthTimeline,
// ACM_RUL, ACM_EpisodeCulprits, and ACM_ModelRegistry (one version per fit and
// equipment, numbered 1, 2, ...). Each run is written in one transaction: a failed write leaves no
// half run behind.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "culprits.hpp"
#include "forecast.hpp"
#include "fusion.hpp"
#include "table.hpp"
#include "thresholds.hpp"

struct sqlite3;

namespace acm {

struct RunRow {
  std::string run_id;
  std::string equipment;
  std::int64_t started_unix_ns = 0;
  std::int64_t finished_unix_ns = 0;
  std::string outcome;  // OK, NOOP, FAIL
  std::string message;
  std::size_t train_rows = 0;
  std::size_t score_rows = 0;
  std::string feature_hash;
  std::size_t episodes = 0;
};

struct StageTimer {
  std::string stage;
  std::string parent;
  double duration_ms = 0;
};

/// The scored rows: timestamps, one column per calibrated head, and the fused score.
struct ScoresWide {
  std::vector<std::int64_t> timestamps;
  std::vector<std::string> heads;
  Matrix z;      // rows × heads
  Vector fused;  // rows
};

/// Everything a run produced besides its ACM_Runs row.
struct RunOutputs {
  std::vector<StageTimer> timers;
  ScoresWide scores;
  std::vector<Episode> episodes;
  std::vector<Culprit> culprits;
  std::string model_summary;         // JSON: what was fitted (components, k, weights, thresholds)
  std::vector<HealthPoint> health;   // one per scored row
  std::vector<std::size_t> regimes;  // one per scored row
  Rul rul;                           // in rows of the scored cadence
  std::int64_t cadence_s = 0;
};

class Store {
 public:
  explicit Store(const std::string& path);  // creates the tables if needed
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  /// Writes the run; returns the model version registered for it (0 when nothing was fitted).
  std::int64_t write_run(const RunRow& run, const RunOutputs& outputs);

 private:
  void exec(const std::string& sql);
  sqlite3* db_ = nullptr;
  std::string path_;
};

}  // namespace acm
