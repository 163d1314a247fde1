// reference_pipeline/run_metrics.hpp — what a finished run tells Prometheus: the seeds' batch
// counters and health gauge, episodes found, and an info series naming the run.
#pragma once

#include "pipeline.hpp"

namespace acm {

/// acm_batches_total{equipment,status}, acm_batch_duration_seconds{equipment},
/// acm_rows_processed_total{equipment}, acm_anomaly_episodes_total{equipment},
/// acm_health_score{equipment} (runs that scored), and
/// acm_run_info{equipment,run_id,outcome} = the run's end in unix seconds. One series of
/// acm_run_info per run: the registry's cardinality cap bounds a long-lived process.
void record_run_metrics(const PipelineResult& result, double seconds);

}  // namespace acm
