// bench/stage_inputs.hpp — the inputs of the per-stage benchmarks, built outside the timed
// loops: synthetic readings, their features (train-median filled), and the calibrated
// detector heads the fusion steps work on.
#pragma once

#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "ar1.hpp"
#include "calibrate.hpp"
#include "data.hpp"
#include "features.hpp"
#include "fusion.hpp"
#include "iforest.hpp"
#include "pca.hpp"

namespace bench {

struct StageInputs {
  acm::Dataset data;
  acm::Table train_table;
  acm::Table score_table;
  acm::FeatureSet train;
  acm::FeatureSet score;

  explicit StageInputs(const acm::SyntheticOptions& options = {})
      : data(acm::generate_synthetic(options)),
        train_table(acm::slice_rows(data.table, 0, data.train_rows)),
        score_table(acm::slice_rows(data.table, data.train_rows, data.table.rows())),
        train(acm::compute_features(train_table, {})),
        score(acm::compute_features(score_table, {})) {
    const acm::FeatureFill fill = acm::learn_fill(train);
    acm::impute(train, fill);
    acm::impute(score, fill);
  }
};

// The default detectors' heads (ar1, PCA SPE and T², isolation forest), calibrated on the
// training rows: what fusion.tune_weights and fusion.combine see in a run.
struct FusionInputs {
  acm::Matrix train_z, score_z;
  std::vector<std::string> heads{"ar1_z", "pca_spe", "pca_t2", "iforest"};

  explicit FusionInputs(const StageInputs& in) {
    acm::Ar1Detector ar1;
    acm::PcaDetector pca;
    acm::IsolationForest forest;
    ar1.fit(in.train.values);
    pca.fit(in.train.values);
    forest.fit(in.train.values);
    const auto heads_of = [&](const acm::Matrix& rows) {
      acm::Matrix out = acm::Matrix::from_shape({rows.shape(0), 4});
      xt::view(out, xt::all(), 0) = xt::view(ar1.score(rows), xt::all(), 0);
      const acm::Matrix p = pca.score(rows);
      xt::view(out, xt::all(), 1) = xt::view(p, xt::all(), 0);
      xt::view(out, xt::all(), 2) = xt::view(p, xt::all(), 1);
      xt::view(out, xt::all(), 3) = xt::view(forest.score(rows), xt::all(), 0);
      return out;
    };
    const acm::Matrix train_raw = heads_of(in.train.values);
    const acm::Calibration calibration = acm::fit_calibration(train_raw, heads);
    train_z = acm::calibrate(calibration, train_raw);
    score_z = acm::calibrate(calibration, heads_of(in.score.values));
  }
};

// The first-pass episodes tune_weights starts from, as the pipeline finds them.
inline std::vector<acm::Episode> first_episodes(const FusionInputs& f,
                                                const acm::FusionWeights& start) {
  return acm::detect_episodes(acm::combine(f.score_z, start),
                              acm::tune_cusum(acm::combine(f.train_z, start)));
}

inline void rows_per_second(benchmark::State& state, std::size_t rows) {
  state.counters["rows/s"] =
      benchmark::Counter(static_cast<double>(rows) * static_cast<double>(state.iterations()),
                         benchmark::Counter::kIsRate);
}

}  // namespace bench
