// vigil/log/component.hpp — a logger object for one component: vigil::component("RUN").
//
//   const auto log = vigil::component("GMM");
//   log.info("fitted k={} in {} iterations", k, iterations, {"bic", bic});
//   log.ok("model saved");                // success milestone, shipped like info
//   log.header("Scoring FD_FAN");         // console only, like status() and section()
//
// Takes the same arguments as the macros (at most 8 after the message). Unlike a macro, a
// method call evaluates its arguments even when the level filters the record; levels
// below VIGIL_LOG_LEVEL compile to nothing either way.
// Cost: enabled() is one branch when the record is below every level. Thread-safety: a
// Component is an immutable handle; use it from any thread.
#pragma once

#include "vigil/config.hpp"
#include "vigil/log/level.hpp"
#if VIGIL_DETAIL_LOGGING_ON
#include <cstddef>
#include <initializer_list>
#include <string_view>

#include "vigil/log/arg.hpp"
#include "vigil/log/runtime_link.hpp"
#include "vigil/log/site.hpp"
#else
#include "vigil/detail/macro_support.hpp"
#endif

VIGIL_NAMESPACE_BEGIN

#if VIGIL_DETAIL_LOGGING_ON

// One public method per level or decoration; `a0`...`a7` are positional values or fields.
#define VIGIL_DETAIL_COMPONENT_METHOD(method, level, decoration)                              \
  void method(std::string_view message, LogArg a0 = {}, LogArg a1 = {}, LogArg a2 = {},       \
              LogArg a3 = {}, LogArg a4 = {}, LogArg a5 = {}, LogArg a6 = {}, LogArg a7 = {}) \
      const {                                                                                 \
    if (enabled(Level::level)) {                                                              \
      log<Level::level, Decoration::decoration>(message, {a0, a1, a2, a3, a4, a5, a6, a7});   \
    }                                                                                         \
  }

class Component {
 public:
  explicit Component(std::string_view name) : state_(&detail::find_component(name)) {}
  std::string_view name() const { return state_->name; }
  bool enabled(Level level) const noexcept {
    return compiled_in(level) && detail::log_floor_allows(level) && state_->allows(level);
  }

  VIGIL_DETAIL_COMPONENT_METHOD(trace, trace, none)
  VIGIL_DETAIL_COMPONENT_METHOD(debug, debug, none)
  VIGIL_DETAIL_COMPONENT_METHOD(info, info, none)
  VIGIL_DETAIL_COMPONENT_METHOD(warn, warn, none)
  VIGIL_DETAIL_COMPONENT_METHOD(error, error, none)
  VIGIL_DETAIL_COMPONENT_METHOD(ok, info, ok)
  VIGIL_DETAIL_COMPONENT_METHOD(status, info, status)
  VIGIL_DETAIL_COMPONENT_METHOD(header, info, header)
  VIGIL_DETAIL_COMPONENT_METHOD(section, info, section)

 private:
  template <Level level, Decoration decoration>
  void log(std::string_view message, std::initializer_list<LogArg> args) const {
    if constexpr (compiled_in(level)) {
      std::size_t count = 0;
      while (count < args.size() &&
             (args.begin()[count].is_field() || args.begin()[count].is_positional())) {
        ++count;
      }
      detail::emit(*state_, level, decoration, message, args.begin(), count);
    } else {
      (void)message;
      (void)args;
    }
  }

  const detail::ComponentState* state_;
};

#undef VIGIL_DETAIL_COMPONENT_METHOD

/// The logger of component `name` (RUN, CFG, GMM...); cheap to keep, cheap to copy.
inline Component component(std::string_view name) {
  return Component(name);
}

#else

#define VIGIL_DETAIL_COMPONENT_METHOD(method)                                            \
  void method(detail::Unevaluated, detail::Unevaluated = 0, detail::Unevaluated = 0,     \
              detail::Unevaluated = 0, detail::Unevaluated = 0, detail::Unevaluated = 0, \
              detail::Unevaluated = 0, detail::Unevaluated = 0, detail::Unevaluated = 0) \
      const noexcept {}

class Component {
 public:
  template <class Name>
  explicit Component(const Name&) noexcept {}
  const char* name() const noexcept { return ""; }
  bool enabled(Level) const noexcept { return false; }

  VIGIL_DETAIL_COMPONENT_METHOD(trace)
  VIGIL_DETAIL_COMPONENT_METHOD(debug)
  VIGIL_DETAIL_COMPONENT_METHOD(info)
  VIGIL_DETAIL_COMPONENT_METHOD(warn)
  VIGIL_DETAIL_COMPONENT_METHOD(error)
  VIGIL_DETAIL_COMPONENT_METHOD(ok)
  VIGIL_DETAIL_COMPONENT_METHOD(status)
  VIGIL_DETAIL_COMPONENT_METHOD(header)
  VIGIL_DETAIL_COMPONENT_METHOD(section)
};

#undef VIGIL_DETAIL_COMPONENT_METHOD

template <class Name>
Component component(const Name& name) {
  return Component(name);
}

#endif

VIGIL_NAMESPACE_END
