// reference_pipeline/pipeline.cpp — the orchestration and its instrumentation.
#include "pipeline.hpp"

#include <chrono>
#include <cstdio>
#include <memory>
#include <random>

#include <vigil/common/semconv.hpp>
#include <vigil/profile/gperftools.hpp>
#include <vigil/runtime.hpp>

#include "ar1.hpp"
#include "calibrate.hpp"
#include "gmm.hpp"
#include "iforest.hpp"
#include "omr.hpp"
#include "pca.hpp"
#include "run_metrics.hpp"
#include "store.hpp"

namespace acm {

const char* outcome_name(Outcome outcome) {
  switch (outcome) {
    case Outcome::ok:
      return "OK";
    case Outcome::noop:
      return "NOOP";
    case Outcome::fail:
      break;
  }
  return "FAIL";
}

namespace {

std::int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string new_run_id() {
  std::random_device device;
  char text[40];
  std::snprintf(text, sizeof text, "run-%08x%08x", device(), device());
  return text;
}

Dataset load(const PipelineOptions& options) {
  VIGIL_SPAN("load.data", {"source", options.csv.empty() ? "synthetic" : "csv"});
  if (options.csv.empty()) {
    VIGIL_LOG_INFO("DATA", "generating synthetic {} data", options.synthetic.equipment,
                   {"rows", static_cast<std::int64_t>(options.synthetic.rows)},
                   {"seed", static_cast<std::int64_t>(options.synthetic.seed)});
    return generate_synthetic(options.synthetic);
  }
  VIGIL_LOG_INFO("DATA", "loading {}", options.csv);
  Dataset data;
  data.table = load_csv(options.csv);
  const double fraction = options.train_fraction > 0 ? options.train_fraction : 0.77;
  data.train_rows =
      options.train_rows > 0
          ? std::min(options.train_rows, data.table.rows())
          : static_cast<std::size_t>(fraction * static_cast<double>(data.table.rows()));
  return data;
}

// Rows outside [start, end) are dropped; the split point moves with them.
void apply_window(Dataset& data, std::int64_t start, std::int64_t end) {
  if (start == 0 && end == 0) return;
  std::size_t first = 0, last = data.table.rows();
  while (first < last && start != 0 && data.table.timestamps[first] < start) ++first;
  while (last > first && end != 0 && data.table.timestamps[last - 1] >= end) --last;
  const std::size_t split = std::clamp(data.train_rows, first, last);
  data.table = slice_rows(data.table, first, last);
  data.train_rows = split - first;
  data.faults.clear();  // their rows no longer line up; a window is for user data
}

FeatureSet features_of(const Table& table, const FeatureSpec& spec, const char* phase) {
  VIGIL_SPAN("features.compute", {"phase", phase},
             {vigil::semconv::kSamples, static_cast<std::int64_t>(table.rows())});
  VIGIL_PROFILE_SECTION(std::string("features.compute.") + phase);
  FeatureSet features = compute_features(table, spec);
  VIGIL_LOG_DEBUG("FEAT", "{} features for {} rows ({})",
                  static_cast<std::int64_t>(features.names.size()),
                  static_cast<std::int64_t>(table.rows()), phase);
  return features;
}

std::vector<StageTimer> timers_from(const std::vector<vigil::SpanData>& spans) {
  std::vector<StageTimer> timers;
  for (const vigil::SpanData& span : spans) {
    std::string parent;
    for (const vigil::SpanData& other : spans) {
      if (other.span_id.value == span.parent_span_id.value) parent = other.name;
    }
    timers.push_back({span.name, parent, static_cast<double>(span.duration_ns()) / 1e6});
  }
  return timers;
}

// What ACM_ModelRegistry keeps about a fit, as JSON.
std::string model_summary(const std::vector<std::unique_ptr<Detector>>& detectors,
                          const PipelineResult& result, const FusionWeights& weights) {
  std::string json = "{\"detectors\":[";
  for (std::size_t i = 0; i < detectors.size(); ++i) {
    json += (i ? ",\"" : "\"") + detectors[i]->name() + "\"";
  }
  json += "],\"features\":" + std::to_string(result.features);
  for (const auto& detector : detectors) {
    if (const auto* pca = dynamic_cast<const PcaDetector*>(detector.get())) {
      json += ",\"pca_components\":" + std::to_string(pca->components());
    } else if (const auto* gmm = dynamic_cast<const GmmDetector*>(detector.get())) {
      json += ",\"gmm_k\":" + std::to_string(gmm->components());
    }
  }
  json += ",\"regimes\":" + std::to_string(result.regimes.k) + ",\"weights\":{";
  for (std::size_t h = 0; h < weights.heads.size(); ++h) {
    json += (h ? ",\"" : "\"") + weights.heads[h] + "\":";
    vigil::detail::append_json_number(json, weights.weights[h]);
  }
  json += "},\"warn\":";
  vigil::detail::append_json_number(json, result.thresholds.warn);
  json += ",\"alert\":";
  vigil::detail::append_json_number(json, result.thresholds.alert);
  return json + "}";
}

}  // namespace

PipelineResult run_pipeline(const PipelineOptions& options) {
  PipelineResult result;
  result.run_id = options.run_id.empty() ? new_run_id() : options.run_id;
  result.equipment = !options.equipment.empty() ? options.equipment
                     : options.csv.empty()      ? options.synthetic.equipment
                                                : "CSV";
  const std::int64_t started = now_ns();
  vigil::RunContextScope run_context({{vigil::semconv::kEquipment, result.equipment},
                                      {vigil::semconv::kRunId, result.run_id},
                                      {vigil::semconv::kCategory, "batch"}});
  auto spans = std::make_shared<vigil::MemoryExporter>();  // this run's stage timers
  vigil::add_exporter(spans);
  RunOutputs outputs;
  std::unique_ptr<Store> store;
  {
    VIGIL_SPAN("pipeline.run", {vigil::semconv::kEquipment, result.equipment});
    try {
      {
        VIGIL_SPAN("startup");
        VIGIL_LOG_INFO("RUN", "run {} for {}", result.run_id, result.equipment);
        if (!options.database.empty()) store = std::make_unique<Store>(options.database);
      }
      Dataset data = load(options);
      apply_window(data, options.start_unix_s, options.end_unix_s);
      result.faults = data.faults;
      {
        VIGIL_SPAN("data.validate");
        const Validation v = validate(data.table);
        result.cadence_s = v.cadence_s;
        VIGIL_LOG_INFO("DATA", "{} rows × {} sensors, cadence {} s",
                       static_cast<std::int64_t>(data.table.rows()),
                       static_cast<std::int64_t>(data.table.cols()), v.cadence_s,
                       {"missing_cells", static_cast<std::int64_t>(v.missing_cells)},
                       {"gaps", static_cast<std::int64_t>(v.gaps)});
        for (const std::string& column : v.constant_columns) {
          VIGIL_LOG_WARN("DATA", "constant column {} dropped", column);
        }
        if (data.table.cols() == 0) throw InputError("no column varies; nothing to monitor");
      }
      result.train_rows = data.train_rows;
      result.score_rows = data.table.rows() - data.train_rows;
      if (result.train_rows < options.min_train_rows ||
          result.score_rows < options.min_score_rows) {
        result.outcome = Outcome::noop;
        result.message = "too little data: " + std::to_string(result.train_rows) +
                         " training rows (need " + std::to_string(options.min_train_rows) + "), " +
                         std::to_string(result.score_rows) + " rows to score (need " +
                         std::to_string(options.min_score_rows) + ")";
        VIGIL_LOG_WARN("RUN", "NOOP: {}", result.message);
      } else {
        const Table train_table = slice_rows(data.table, 0, data.train_rows);
        const Table score_table = slice_rows(data.table, data.train_rows, data.table.rows());
        {
          VIGIL_SPAN("regimes.fit",
                     {vigil::semconv::kSamples, static_cast<std::int64_t>(train_table.rows())});
          VIGIL_PROFILE_SECTION("regimes.fit");
          result.regimes = fit_regimes(train_table.values);
          outputs.regimes = assign_regimes(result.regimes, score_table.values);
          VIGIL_LOG_INFO("REGIME", "{} regimes, silhouette {:.2f}{}",
                         static_cast<std::int64_t>(result.regimes.k), result.regimes.silhouette,
                         result.regimes.good ? "" : " (weak: regimes unreliable)");
        }
        FeatureSet train = features_of(train_table, options.features, "train");
        FeatureSet score = features_of(score_table, options.features, "score");
        const FeatureFill fill = learn_fill(train);
        const std::size_t imputed = impute(train, fill) + impute(score, fill);
        result.features = train.names.size();
        result.feature_hash = feature_hash(train, options.features);
        VIGIL_LOG_INFO("FEAT", "{} features, hash {}", static_cast<std::int64_t>(result.features),
                       result.feature_hash, {"imputed", static_cast<std::int64_t>(imputed)});

        std::vector<std::unique_ptr<Detector>> detectors;
        detectors.push_back(std::make_unique<Ar1Detector>());
        detectors.push_back(std::make_unique<PcaDetector>());
        detectors.push_back(std::make_unique<IsolationForest>());
        detectors.push_back(std::make_unique<GmmDetector>());
        detectors.push_back(std::make_unique<OmrDetector>(train.names));
        const auto n = static_cast<std::int64_t>(train.values.shape(0));
        const auto f = static_cast<std::int64_t>(train.values.shape(1));
        {
          VIGIL_SPAN("models.fit");
          for (auto& detector : detectors) {
            vigil::Span span("fit." + detector->name(),
                             {{vigil::semconv::kSamples, n}, {vigil::semconv::kFeatures, f}});
            VIGIL_PROFILE_SECTION("fit." + detector->name());
            detector->fit(train.values);
            VIGIL_LOG_INFO("MODEL", "fitted {}", detector->name());
          }
        }
        std::vector<std::string> heads;
        for (const auto& detector : detectors) {
          for (const auto& head : detector->heads()) heads.push_back(head);
        }
        Matrix train_raw = Matrix::from_shape({train.values.shape(0), heads.size()});
        Matrix score_raw = Matrix::from_shape({score.values.shape(0), heads.size()});
        {
          VIGIL_SPAN("models.score");
          std::size_t column = 0;
          for (const auto& detector : detectors) {
            vigil::Span span(
                "score." + detector->name(),
                {{vigil::semconv::kSamples, static_cast<std::int64_t>(score.values.shape(0))},
                 {vigil::semconv::kFeatures, f}});
            VIGIL_PROFILE_SECTION("score." + detector->name());
            const Matrix own = detector->score(train.values);
            const Matrix other = detector->score(score.values);
            for (std::size_t h = 0; h < own.shape(1); ++h, ++column) {
              xt::view(train_raw, xt::all(), column) = xt::view(own, xt::all(), h);
              xt::view(score_raw, xt::all(), column) = xt::view(other, xt::all(), h);
            }
          }
        }
        Matrix train_z, score_z;
        {
          VIGIL_SPAN("calibrate");
          const Calibration calibration = fit_calibration(train_raw, heads);
          train_z = calibrate(calibration, train_raw);
          score_z = calibrate(calibration, score_raw);
          VIGIL_LOG_DEBUG("CAL", "calibrated {} heads", static_cast<std::int64_t>(heads.size()));
        }
        FusionWeights weights = equal_weights(heads, options.fused_heads);
        {
          VIGIL_SPAN("fusion.tune_weights");
          const auto first =
              detect_episodes(combine(score_z, weights), tune_cusum(combine(train_z, weights)));
          weights = tune_weights(score_z, first, weights);
          for (std::size_t h = 0; h < heads.size(); ++h) {
            VIGIL_LOG_DEBUG("TUNE", "weight {} = {:.3f}", heads[h], weights.weights[h]);
          }
        }
        Vector train_fused, score_fused;
        {
          VIGIL_SPAN("fusion.combine");
          train_fused = combine(train_z, weights);
          score_fused = combine(score_z, weights);
        }
        {
          VIGIL_SPAN("fusion.detect_episodes");
          const CusumParams cusum = tune_cusum(train_fused);
          result.episodes = detect_episodes(score_fused, cusum);
          VIGIL_LOG_INFO("FUSE", "{} episodes (CUSUM k={:.2f} h={:.2f})",
                         static_cast<std::int64_t>(result.episodes.size()), cusum.k, cusum.h);
        }
        {
          VIGIL_SPAN("culprits");
          for (const auto& detector : detectors) {
            if (const auto* omr = dynamic_cast<const OmrDetector*>(detector.get())) {
              result.culprits =
                  find_culprits(omr->contributions(score.values), omr->sensors(), result.episodes);
            }
          }
          for (const Culprit& c : result.culprits) {
            if (c.rank == 1) {
              VIGIL_LOG_INFO("CULPRITS", "episode {}: {} ({:.0f}% of the residual)",
                             static_cast<std::int64_t>(c.episode + 1), c.sensor, 100 * c.share);
            }
          }
        }
        {
          VIGIL_SPAN("thresholds.calculate");
          result.thresholds = calculate_thresholds(train_fused);
          outputs.health = health_timeline(score_fused, result.thresholds);
          result.health_now = outputs.health.empty() ? 100 : outputs.health.back().health;
          VIGIL_LOG_INFO("THRESHOLD", "warn {:.2f}, alert {:.2f}", result.thresholds.warn,
                         result.thresholds.alert);
        }
        {
          VIGIL_SPAN("drift");
          result.drift = detect_drift(train_fused, score_fused);
          if (result.drift.drifted) {
            VIGIL_LOG_WARN("DRIFT", "fused score drifted from row {} ({:.1f} sd)",
                           static_cast<std::int64_t>(*result.drift.first_alarm),
                           result.drift.shift);
          }
        }
        {
          VIGIL_SPAN("forecast.run");
          // Degradation is slow; the trend is fitted to hourly means of the health index so
          // that the row-to-row noise of episodes does not pass for it.
          const std::size_t bucket = static_cast<std::size_t>(
              std::max<std::int64_t>(3600 / std::max<std::int64_t>(result.cadence_s, 1), 1));
          std::vector<double> hourly;
          for (std::size_t r = 0; r < outputs.health.size(); r += bucket) {
            double total = 0;
            const std::size_t end = std::min(r + bucket, outputs.health.size());
            for (std::size_t i = r; i < end; ++i) total += outputs.health[i].health;
            hourly.push_back(total / static_cast<double>(end - r));
          }
          HoltFit fit;
          {
            VIGIL_SPAN("forecast.fit_degradation");
            fit = fit_holt(hourly);
          }
          {
            VIGIL_SPAN("forecast.estimate_rul");
            result.rul = estimate_rul(fit, 40.0, 48);  // two days of hours
            for (auto* q : {&result.rul.p10, &result.rul.p50, &result.rul.p90}) {
              if (*q) **q *= static_cast<double>(bucket);  // back to rows
            }
          }
          VIGIL_LOG_INFO("FORECAST", "health {:.1f}, trend {:.3f}/hour", result.health_now,
                         fit.trend, {"rul_crossing_share", result.rul.crossing_share});
        }
        result.weights = weights;
        result.score_timestamps = score_table.timestamps;
        result.score_truth = score_table.truth;
        result.truth_columns = score_table.truth_columns;
        outputs.scores = {score_table.timestamps, heads, score_z, score_fused};
        outputs.model_summary = model_summary(detectors, result, weights);
        outputs.episodes = result.episodes;
        outputs.culprits = result.culprits;
        outputs.rul = result.rul;
        outputs.cadence_s = result.cadence_s;
        result.outcome = Outcome::ok;
        result.message = std::to_string(result.episodes.size()) + " episodes";
      }
    } catch (const InputError& e) {
      result.outcome = Outcome::fail;
      result.message = e.what();
      vigil::current_span().set_status(vigil::StatusCode::error, e.what());
      VIGIL_LOG_ERROR("RUN", "FAIL: {}", result.message);
    } catch (const std::exception& e) {
      result.outcome = Outcome::fail;
      result.message = std::string("internal error: ") + e.what();
      vigil::current_span().set_status(vigil::StatusCode::error, e.what());
      VIGIL_LOG_ERROR("RUN", "FAIL: {}", result.message);
    }
    if (store != nullptr) {
      VIGIL_SPAN("persist.run");
      VIGIL_PROFILE_SECTION("persist.run");
      vigil::flush();
      RunRow row{result.run_id,
                 result.equipment,
                 started,
                 now_ns(),
                 outcome_name(result.outcome),
                 result.message,
                 result.train_rows,
                 result.score_rows,
                 result.feature_hash,
                 result.episodes.size()};
      outputs.timers = timers_from(spans->spans());
      result.model_version = store->write_run(row, outputs);
    }
    {
      VIGIL_SPAN("finalize");
      if (result.outcome == Outcome::ok)
        VIGIL_LOG_OK("RUN", "run {} complete: {}", result.run_id, result.message);
    }
  }
  vigil::flush();
  vigil::remove_exporter(spans);
  record_run_metrics(result, static_cast<double>(now_ns() - started) / 1e9);
  return result;
}

}  // namespace acm
