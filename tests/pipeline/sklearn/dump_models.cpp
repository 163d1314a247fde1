// Writes what check_sklearn.py compares with scikit-learn: the training features of the
// default synthetic run (after fill), our PCA's explained variance ratios, SPE and T² for
// the first 200 score rows with those rows' features; and for the GMM, three clusters in
// four dimensions with the k our BIC search chose and its mean log-likelihood; for the
// regimes, on the same clusters, the k our silhouette chose, its inertia and every label.
// Usage: acm_dump_models OUT_DIR
#include <cstdio>
#include <random>
#include <string>

#include "data.hpp"
#include "features.hpp"
#include "gmm.hpp"
#include "omr.hpp"
#include "pca.hpp"
#include "regimes.hpp"

namespace {
void write(const std::string& path, const acm::Matrix& m, std::size_t rows) {
  std::FILE* f = std::fopen(path.c_str(), "w");
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t c = 0; c < m.shape(1); ++c) std::fprintf(f, c ? ",%.17g" : "%.17g", m(r, c));
    std::fputc('\n', f);
  }
  std::fclose(f);
}
}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  const std::string out = argv[1];
  const acm::Dataset data = acm::generate_synthetic({});
  acm::FeatureSet train =
      acm::compute_features(acm::slice_rows(data.table, 0, data.train_rows), {});
  acm::FeatureSet score =
      acm::compute_features(acm::slice_rows(data.table, data.train_rows, data.table.rows()), {});
  const acm::FeatureFill fill = acm::learn_fill(train);
  acm::impute(train, fill);
  acm::impute(score, fill);
  acm::PcaDetector pca;
  pca.fit(train.values);
  write(out + "/train.csv", train.values, train.values.shape(0));
  write(out + "/score.csv", score.values, 200);
  write(out + "/ours.csv", pca.score(score.values), 200);
  std::FILE* f = std::fopen((out + "/ratios.csv").c_str(), "w");
  for (const double r : pca.explained_variance_ratio()) std::fprintf(f, "%.17g\n", r);
  std::fclose(f);

  std::mt19937_64 random(21);
  std::normal_distribution<double> noise(0, 1);
  acm::Matrix blobs = acm::Matrix::from_shape({1500, 4});
  const double centres[3][4] = {{0, 0, 0, 0}, {6, 6, 0, -3}, {-5, 4, 5, 2}};
  for (std::size_t r = 0; r < 1500; ++r) {
    for (std::size_t c = 0; c < 4; ++c)
      blobs(r, c) = centres[r % 3][c] + (0.5 + 0.5 * c) * noise(random);
  }
  acm::GmmDetector gmm;
  gmm.fit(blobs);
  write(out + "/blobs.csv", blobs, 1500);
  f = std::fopen((out + "/gmm.csv").c_str(), "w");
  std::fprintf(f, "%zu,%.17g\n", gmm.components(), gmm.train_mean_log_likelihood());
  std::fclose(f);

  // OMR's first sensor, fitted on 2000 training rows (no subsampling below that).
  const acm::Matrix first = xt::view(train.values, xt::range(0, 2000), xt::all());
  acm::OmrDetector omr(train.names);
  omr.fit(first);
  write(out + "/omr_train.csv", first, 2000);
  const acm::Vector predicted = omr.predict(0, score.values);
  f = std::fopen((out + "/omr.csv").c_str(), "w");
  std::fprintf(f, "%s\n", omr.sensors()[0].c_str());
  for (std::size_t r = 0; r < 200; ++r) std::fprintf(f, "%.17g\n", predicted(r));
  std::fclose(f);
  f = std::fopen((out + "/names.csv").c_str(), "w");
  for (const auto& name : train.names) std::fprintf(f, "%s\n", name.c_str());
  std::fclose(f);

  const acm::RegimeModel regimes = acm::fit_regimes(blobs);
  const auto labels = acm::assign_regimes(regimes, blobs);
  f = std::fopen((out + "/regimes.csv").c_str(), "w");
  std::fprintf(f, "%zu,%.17g\n", regimes.k, regimes.inertia);
  for (const std::size_t label : labels) std::fprintf(f, "%zu\n", label);
  std::fclose(f);
  return 0;
}
