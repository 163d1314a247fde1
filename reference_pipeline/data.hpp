// reference_pipeline/data.hpp — where the readings come from: the deterministic synthetic
// equipment generator (the default input, with injected faults and their ground truth) and
// the CSV loader for user data; then cadence detection and validation.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "table.hpp"

namespace acm {

struct SyntheticOptions {
  std::string equipment = "FD_FAN";  // FD_FAN, GAS_TURBINE or WFA_TURBINE_10
  std::size_t rows = 6500;
  std::size_t train_rows = 0;  // 0: 10/13 of the rows (5000 of 6500); faults come after these
  std::int64_t cadence_s = 60;
  std::int64_t start_unix_s = 1767225600;  // 2026-01-01T00:00:00Z
  std::uint64_t seed = 42;
};

/// An injected fault: rows [begin, end) of the given sensors.
struct FaultEpisode {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string kind;  // drift, step, correlation_break
  std::vector<std::size_t> sensors;
};

struct Dataset {
  Table table;
  std::vector<FaultEpisode> faults;  // empty for user data
  std::size_t train_rows = 0;
};

/// 15 correlated sensors driven by load (operating regimes), ambient temperature and AR(1)
/// noise; three faults in the score part. The same options give the same data.
Dataset generate_synthetic(const SyntheticOptions& options);

/// The equipment profiles generate_synthetic knows.
std::vector<std::string> synthetic_equipment();

/// Reads a CSV with a header. The delimiter (`,` or `;`) is detected; a column named like
/// a time (time, timestamp, date, datetime) holds ISO times or unix seconds; columns whose
/// first value is not a number are dropped (reported once), and so are ground-truth columns
/// (anomaly, changepoint, label); empty cells are NaN. Throws
/// InputError for a missing file, no numeric column, or a malformed number (with its line).
Table load_csv(const std::string& path);

/// The most common spacing of the timestamps, in seconds (0 with fewer than 2 rows).
std::int64_t detect_cadence(const std::vector<std::int64_t>& timestamps);

struct Validation {
  std::size_t missing_cells = 0;
  std::size_t gaps = 0;  // spacings over 1.5 × the cadence
  std::vector<std::string> constant_columns;
  std::int64_t cadence_s = 0;
};

/// Counts missing cells and gaps and finds constant columns (which it removes, as no
/// detector can use them).
Validation validate(Table& table);

}  // namespace acm
