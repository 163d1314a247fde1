// vigil/app/acm.hpp — the seeds' metric helpers for an ACM pipeline, and SLA tracking.
//
// Each helper binds its series on every call (a registry lookup, ~150 ns): meant for
// per-batch events, not per-sample loops; keep handles for those.
//   acm_batches_total{equipment,status}, acm_batch_duration_seconds{equipment},
//   acm_rows_processed_total{equipment}, acm_detector_duration_seconds{detector,equipment},
//   acm_health_score{equipment}, acm_sla_requests_total{sla},
//   acm_sla_violations_total{sla}, acm_sla_compliance_percent{sla}.
// Thread-safety: any thread.
#pragma once

#include <cstdint>
#include <string>

#include "vigil/config.hpp"
#include "vigil/metrics/registry.hpp"

VIGIL_NAMESPACE_BEGIN

inline void record_batch_processed(const std::string& equipment, double seconds, std::int64_t rows,
                                   const std::string& status) {
  counter("acm_batches_total", {{"equipment", equipment}, {"status", status}},
          "Batches processed, by outcome.")
      .inc();
  histogram("acm_batch_duration_seconds", {{"equipment", equipment}}, default_seconds_buckets(),
            "Wall time of one batch, in seconds.")
      .record(seconds);
  counter("acm_rows_processed_total", {{"equipment", equipment}}, "Rows processed.").add(rows);
}

inline void record_detector_duration(const std::string& detector, const std::string& equipment,
                                     double seconds) {
  histogram("acm_detector_duration_seconds", {{"detector", detector}, {"equipment", equipment}},
            default_seconds_buckets(), "Time spent in one detector, in seconds.")
      .record(seconds);
}

inline void record_health_score(const std::string& equipment, double score) {
  gauge("acm_health_score", {{"equipment", equipment}}, "Latest health score of the equipment.")
      .set(score);
}

/// Requests against a latency target: counts violations and keeps the compliance percent.
class SlaTracker {
 public:
  SlaTracker(const std::string& sla, double target_seconds)
      : target_(target_seconds),
        requests_(counter("acm_sla_requests_total", {{"sla", sla}},
                          "Requests measured against the SLA.")),
        violations_(counter("acm_sla_violations_total", {{"sla", sla}},
                            "Requests slower than the SLA target.")),
        compliance_(gauge("acm_sla_compliance_percent", {{"sla", sla}},
                          "Share of requests within the SLA target.")) {}

  void record(double seconds) const {
    requests_.inc();
    if (seconds > target_) violations_.inc();
    const double total = requests_.value();
    compliance_.set(total > 0 ? 100.0 * (1.0 - violations_.value() / total) : 100.0);
  }

 private:
  double target_;
  Counter requests_, violations_;
  Gauge compliance_;
};

VIGIL_NAMESPACE_END
