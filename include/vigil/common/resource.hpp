// vigil/common/resource.hpp — who emits (resource) and for what run (run context).
//
// The resource is built once from the environment: OTEL_RESOURCE_ATTRIBUTES
// (`k=v,k2=v2`, values percent-encoded), OTEL_SERVICE_NAME (wins over service.name there),
// ENVIRONMENT -> deployment.environment, plus telemetry.sdk.* and process.pid;
// set_global_attribute adds to it (a governance hash, service.version...). A malformed pair
// is reported once and skipped.
// The run context (acm.equipment, acm.run_id, batch number...) is a versioned snapshot:
// every span records the generation in force, so spans keep the context they ran under
// even when it changes before export. RunContextScope overrides it for one thread.
// Thread-safety: everything here may be called from any thread (one mutex, not hot).
#pragma once

#include <atomic>
#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include <unistd.h>

#include "vigil/common/attribute_list.hpp"
#include "vigil/common/run_context.hpp"
#include "vigil/common/semconv.hpp"
#include "vigil/config.hpp"
#include "vigil/detail/fork.hpp"
#include "vigil/detail/report.hpp"

VIGIL_NAMESPACE_BEGIN

/// Resource attributes: who produces the telemetry (service.name, service.version, ...).
struct Resource {
  AttributeList attributes;
};

namespace detail {

inline bool percent_decode(std::string_view in, std::string& out) {
  out.clear();
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '%') {
      out += in[i];
      continue;
    }
    if (i + 2 >= in.size()) return false;
    const auto hex = [](char c) -> int {
      if (c >= '0' && c <= '9') return c - '0';
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      return (c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1;
    };
    const int hi = hex(in[i + 1]), lo = hex(in[i + 2]);
    if (hi < 0 || lo < 0) return false;
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return true;
}

inline std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

/// Parses OTEL_RESOURCE_ATTRIBUTES's `key=value,...`; malformed pairs are reported once and
/// skipped, the rest kept.
inline AttributeList parse_resource_attributes(std::string_view text) {
  AttributeList out;
  while (!text.empty()) {
    const std::size_t comma = text.find(',');
    const std::string_view pair = text.substr(0, comma);
    text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
    if (trim(pair).empty()) continue;
    const std::size_t eq = pair.find('=');
    const std::string_view key =
        eq == std::string_view::npos ? std::string_view() : trim(pair.substr(0, eq));
    std::string value;
    if (key.empty() || !percent_decode(trim(pair.substr(eq + 1)), value)) {
      report_once("OTEL_RESOURCE_ATTRIBUTES:" + std::string(pair),
                  "OTEL_RESOURCE_ATTRIBUTES: ignoring malformed entry '" + std::string(pair) +
                      "' (expected key=value with %XX escapes)");
      continue;
    }
    upsert(out, std::string(key), std::move(value));
  }
  return out;
}

// The executable's file name (/proc/self/comm would cut it to 15 characters).
inline std::string executable_name() {
  char path[4096];
  const ssize_t n = ::readlink("/proc/self/exe", path, sizeof path - 1);
  if (n <= 0) return "unknown";
  const std::string full(path, static_cast<std::size_t>(n));
  return full.substr(full.find_last_of('/') + 1);
}

inline Resource resource_from_environment() {
  Resource resource;
  upsert(resource.attributes, semconv::kServiceName, "unknown_service:" + executable_name());
  upsert(resource.attributes, "telemetry.sdk.name", std::string("vigil"));
  upsert(resource.attributes, "telemetry.sdk.language", std::string("cpp"));
  upsert(resource.attributes, "telemetry.sdk.version", std::string(VIGIL_VERSION_STRING));
  upsert(resource.attributes, "process.pid", static_cast<std::int64_t>(::getpid()));
  const char* environment = std::getenv("ENVIRONMENT");
  upsert(resource.attributes, "deployment.environment",
         std::string(environment != nullptr && *environment != '\0' ? environment : "development"));
  if (const char* attributes = std::getenv("OTEL_RESOURCE_ATTRIBUTES")) {
    for (auto& attribute : parse_resource_attributes(attributes)) {
      upsert(resource.attributes, std::move(attribute.key), std::move(attribute.value));
    }
  }
  if (const char* service = std::getenv("OTEL_SERVICE_NAME");
      service != nullptr && *service != '\0') {
    upsert(resource.attributes, semconv::kServiceName, std::string(service));
  }
  return resource;
}

struct ResourceState {
  std::mutex mutex;
  std::shared_ptr<const Resource> resource =
      std::make_shared<Resource>(resource_from_environment());
  // Generation g is run_contexts[g]; 0 is the empty context.
  std::vector<std::shared_ptr<const AttributeList>> run_contexts{std::make_shared<AttributeList>()};
};

// Bumped by every change of the resource, so that readers may cache what they derive from it.
inline std::atomic<std::uint32_t> g_resource_version{0};

inline ResourceState& resource_state();
inline void name_child_process();

// In a fork()ed child the resource names the child: process.pid.
inline constexpr ForkParticipant kResourceForkParticipant{30, [] { resource_state().mutex.lock(); },
                                                          [] { resource_state().mutex.unlock(); },
                                                          [] {
                                                            resource_state().mutex.unlock();
                                                            name_child_process();
                                                          }};

inline ResourceState& resource_state() {
  return fork_guarded<ResourceState>(kResourceForkParticipant);
}

inline std::uint32_t add_run_context(AttributeList attributes) {
  auto& state = resource_state();
  std::lock_guard<std::mutex> lock(state.mutex);
  state.run_contexts.push_back(std::make_shared<const AttributeList>(std::move(attributes)));
  return static_cast<std::uint32_t>(state.run_contexts.size() - 1);
}

inline std::shared_ptr<const AttributeList> run_context(std::uint32_t generation) {
  auto& state = resource_state();
  std::lock_guard<std::mutex> lock(state.mutex);
  return generation < state.run_contexts.size() ? state.run_contexts[generation]
                                                : state.run_contexts[0];
}

inline AttributeList to_attribute_list(std::initializer_list<Attribute> attributes) {
  AttributeList out;
  for (const Attribute& a : attributes) upsert(out, std::string(a.key), to_owned(a.value));
  return out;
}

}  // namespace detail

/// The resource as it stands now.
inline std::shared_ptr<const Resource> resource() {
  auto& state = detail::resource_state();
  std::lock_guard<std::mutex> lock(state.mutex);
  return state.resource;
}

/// Adds or replaces a resource attribute (applies to spans exported from now on).
inline void set_global_attribute(std::string_view key, AttributeValue value) {
  auto& state = detail::resource_state();
  std::lock_guard<std::mutex> lock(state.mutex);
  auto next = std::make_shared<Resource>(*state.resource);
  upsert(next->attributes, std::string(key), to_owned(value));
  state.resource = std::move(next);
  detail::g_resource_version.fetch_add(1, std::memory_order_release);
}

/// Replaces the process-wide run context; spans ending from now on carry it.
inline void set_run_context(std::initializer_list<Attribute> attributes) {
  detail::g_run_context.store(detail::add_run_context(detail::to_attribute_list(attributes)),
                              std::memory_order_relaxed);
}

/// The run context spans and log records on this thread get for the scope's lifetime (root spans
/// opened in it, and their descendants, also on other threads through a captured context).
class RunContextScope {
 public:
#if VIGIL_DETAIL_TRACING_ON || VIGIL_DETAIL_LOGGING_ON
  explicit RunContextScope(std::initializer_list<Attribute> attributes)
      : previous_(detail::t_run_context) {
    detail::t_run_context = detail::add_run_context(detail::to_attribute_list(attributes));
  }
  ~RunContextScope() {
    detail::t_run_context = previous_;
  }
#else
  explicit RunContextScope(std::initializer_list<Attribute>) {}
#endif
  RunContextScope(const RunContextScope&) = delete;
  RunContextScope& operator=(const RunContextScope&) = delete;

#if VIGIL_DETAIL_TRACING_ON || VIGIL_DETAIL_LOGGING_ON
 private:
  std::uint32_t previous_;
#endif
};

namespace detail {
inline void name_child_process() {
  set_global_attribute("process.pid", static_cast<std::int64_t>(::getpid()));
}
}  // namespace detail

VIGIL_NAMESPACE_END
