// vigil/common/semconv.hpp — the attribute keys vigil and the ACM pipeline write, named once so
// that a typo is a compile error rather than a silently separate series or a lost attribute.
#pragma once

#include "vigil/config.hpp"

VIGIL_NAMESPACE_BEGIN
namespace semconv {

// OpenTelemetry semantic conventions.
inline constexpr char kServiceName[] = "service.name";
inline constexpr char kServiceVersion[] = "service.version";
inline constexpr char kDeploymentEnvironment[] = "deployment.environment";
inline constexpr char kExceptionType[] = "exception.type";
inline constexpr char kExceptionMessage[] = "exception.message";
inline constexpr char kExceptionEscaped[] = "exception.escaped";

// ACM run context (as in the seeds).
inline constexpr char kEquipment[] = "acm.equipment";
inline constexpr char kEquipId[] = "acm.equip_id";
inline constexpr char kRunId[] = "acm.run_id";
inline constexpr char kCategory[] = "acm.category";
inline constexpr char kBatch[] = "acm.batch";

// Detector and stage sizes.
inline constexpr char kSamples[] = "n_samples";
inline constexpr char kFeatures[] = "n_features";

}  // namespace semconv
VIGIL_NAMESPACE_END
