// reference_pipeline/evaluate.cpp — SKAB runs and their confusion counts.
#include "evaluate.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include <vigil/vigil.hpp>

#include "pipeline.hpp"

namespace acm {

double Confusion::f1() const {
  const double denominator = static_cast<double>(2 * tp + fp + fn);
  return denominator > 0 ? 2.0 * static_cast<double>(tp) / denominator : 0.0;
}
double Confusion::far() const {
  return fp + tn > 0 ? static_cast<double>(fp) / static_cast<double>(fp + tn) : 0.0;
}
double Confusion::mar() const {
  return fn + tp > 0 ? static_cast<double>(fn) / static_cast<double>(fn + tp) : 0.0;
}

namespace {

// Confusion counts of one run against its `anomaly` column; false when it has none.
bool count(const PipelineResult& result, Confusion& total) {
  const auto column =
      std::find(result.truth_columns.begin(), result.truth_columns.end(), "anomaly");
  if (column == result.truth_columns.end()) return false;
  const auto c = static_cast<std::size_t>(column - result.truth_columns.begin());
  std::vector<bool> predicted(result.score_rows, false);
  for (const Episode& e : result.episodes) {
    std::fill(predicted.begin() + static_cast<std::ptrdiff_t>(e.begin),
              predicted.begin() + static_cast<std::ptrdiff_t>(e.end), true);
  }
  for (std::size_t r = 0; r < result.score_rows; ++r) {
    const bool actual = result.score_truth(r, c) > 0.5;
    if (predicted[r]) {
      ++(actual ? total.tp : total.fp);
    } else {
      ++(actual ? total.fn : total.tn);
    }
  }
  return true;
}

}  // namespace

SkabResult evaluate_skab(const std::string& skab_dir, std::size_t train_rows) {
  namespace fs = std::filesystem;
  if (!fs::is_directory(skab_dir)) throw InputError("'" + skab_dir + "' is not a directory");
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(skab_dir)) {
    if (entry.is_regular_file() && entry.path().extension() == ".csv")
      files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  SkabResult out;
  VIGIL_SPAN("evaluate.skab", {"files", static_cast<std::int64_t>(files.size())});
  for (const fs::path& file : files) {
    PipelineOptions options;
    options.csv = file.string();
    options.equipment = "SKAB:" + fs::relative(file, skab_dir).string();
    options.train_rows = train_rows;
    options.min_train_rows = train_rows;
    const PipelineResult result = run_pipeline(options);
    if (result.outcome != Outcome::ok) {
      VIGIL_LOG_WARN("ANALYTICS", "{}: {} ({})", options.equipment, outcome_name(result.outcome),
                     result.message);
      continue;
    }
    bool has_anomaly = false;
    const auto column =
        std::find(result.truth_columns.begin(), result.truth_columns.end(), "anomaly");
    if (column != result.truth_columns.end()) {
      const auto c = static_cast<std::size_t>(column - result.truth_columns.begin());
      for (std::size_t r = 0; r < result.score_rows; ++r)
        has_anomaly = has_anomaly || result.score_truth(r, c) > 0.5;
    }
    if (!has_anomaly) continue;  // the protocol scores files with anomalies only
    count(result, out.total);
    out.files.push_back(fs::relative(file, skab_dir).string());
  }
  if (out.files.empty())
    throw InputError("no CSV with an 'anomaly' column marking anomalies under '" + skab_dir + "'");
  return out;
}

std::string skab_table(const SkabResult& result) {
  struct Row {
    const char* method;
    double f1, far, mar;  // negative: not published here
  };
  const Row published[] = {{"Conv-AE", 0.78, 13.6, 28.0},
                           {"MSET", 0.78, -1, -1},
                           {"PCA T2+Q", 0.76, 26.6, 24.9},
                           {"T2", 0.66, -1, -1},
                           {"Isolation forest", 0.29, -1, -1}};
  std::string text = "method                      F1      FAR      MAR\n";
  char line[160];
  const auto percent = [](double v, char* out) {
    if (v < 0) {
      std::snprintf(out, 16, "%8s", "-");
    } else {
      std::snprintf(out, 16, "%7.1f%%", v);
    }
  };
  for (const Row& row : published) {
    char far[16], mar[16];
    percent(row.far, far);
    percent(row.mar, mar);
    std::snprintf(line, sizeof line, "%-24s %5.2f %s %s   (published, full SKAB)\n", row.method,
                  row.f1, far, mar);
    text += line;
  }
  std::snprintf(line, sizeof line,
                "%-24s %5.2f %7.1f%% %7.1f%%   (%zu files; TP %llu FP %llu TN %llu FN %llu)\n",
                "acm-pipeline", result.total.f1(), 100 * result.total.far(),
                100 * result.total.mar(), result.files.size(),
                static_cast<unsigned long long>(result.total.tp),
                static_cast<unsigned long long>(result.total.fp),
                static_cast<unsigned long long>(result.total.tn),
                static_cast<unsigned long long>(result.total.fn));
  text += line;
  return text;
}

}  // namespace acm
