// reference_pipeline/table.hpp — the data every stage passes on: a time-indexed matrix of
// sensor readings (xtensor, rows × columns, row-major), and the error bad input raises.
#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include <xtensor/xtensor.hpp>
#include <xtensor/xview.hpp>

namespace acm {

using Matrix = xt::xtensor<double, 2>;
using Vector = xt::xtensor<double, 1>;

struct Table {
  std::vector<std::string> columns;
  std::vector<std::int64_t> timestamps;  // unix seconds, one per row
  Matrix values;                         // rows × columns; NaN marks a missing reading
  // Ground truth shipped with the readings (SKAB's anomaly, changepoint): never a feature.
  std::vector<std::string> truth_columns;
  Matrix truth;  // rows × truth_columns

  std::size_t rows() const { return values.shape(0); }
  std::size_t cols() const { return values.shape(1); }
};

/// Bad input from the user (a file, an option): one clear message, exit status 2.
struct InputError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// Rows [begin, end) of `table`.
Table slice_rows(const Table& table, std::size_t begin, std::size_t end);

}  // namespace acm
