// reference_pipeline/kmeanspp.cpp — distance-weighted seeding.
#include "kmeanspp.hpp"

#include <limits>

namespace acm {

Matrix kmeans_plus_plus(const Eigen::Map<const EigenRows>& z, std::size_t k,
                        std::mt19937_64& random) {
  const Eigen::Index n = z.rows(), f = z.cols();
  Matrix centres = Matrix::from_shape({k, static_cast<std::size_t>(f)});
  Eigen::Map<EigenRows> chosen(centres.data(), static_cast<Eigen::Index>(k), f);
  Eigen::VectorXd nearest = Eigen::VectorXd::Constant(n, std::numeric_limits<double>::infinity());
  Eigen::Index pick = std::uniform_int_distribution<Eigen::Index>(0, n - 1)(random);
  for (Eigen::Index j = 0; j < static_cast<Eigen::Index>(k); ++j) {
    chosen.row(j) = z.row(pick);
    nearest = nearest.cwiseMin((z.rowwise() - chosen.row(j)).rowwise().squaredNorm());
    double target = std::uniform_real_distribution<double>(0, nearest.sum())(random);
    for (pick = 0; pick + 1 < n && (target -= nearest(pick)) > 0; ++pick) {
    }
  }
  return centres;
}

}  // namespace acm
