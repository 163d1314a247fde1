#include "run_metrics.hpp"

#include <chrono>
#include <cstdint>

#include <vigil/app/acm.hpp>
#include <vigil/runtime.hpp>

namespace acm {

void record_run_metrics(const PipelineResult& result, double seconds) {
  const char* outcome = outcome_name(result.outcome);
  vigil::record_batch_processed(result.equipment, seconds,
                                static_cast<std::int64_t>(result.train_rows + result.score_rows),
                                outcome);
  vigil::counter("acm_anomaly_episodes_total", {{"equipment", result.equipment}},
                 "Anomaly episodes found in scored rows.")
      .add(static_cast<std::int64_t>(result.episodes.size()));
  if (result.outcome == Outcome::ok)
    vigil::record_health_score(result.equipment, result.health_now);
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  vigil::gauge("acm_run_info",
               {{"equipment", result.equipment}, {"run_id", result.run_id}, {"outcome", outcome}},
               "A run of the pipeline: its end, in unix seconds.")
      .set(std::chrono::duration<double>(now).count());
}

}  // namespace acm
