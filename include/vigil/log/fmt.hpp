// vigil/log/fmt.hpp — opt-in: fmt formats log messages (every fmt format spec: `{:>8}`,
// `{:.3f}`, `{0}`...). Needs fmt (Debian libfmt-dev; link fmt::fmt).
//
// Including this header in any translation unit of the program installs the formatter
// before main; there is nothing to call. A message fmt rejects is reported once and
// formatted by the built-in formatter instead, so the record is kept.
// Thread-safety: as format.hpp.
#pragma once

#include <fmt/args.h>
#include <fmt/format.h>

#include <iterator>
#include <string>
#include <string_view>

#include "vigil/config.hpp"
#include "vigil/log/format.hpp"

VIGIL_NAMESPACE_BEGIN
namespace detail {

inline void fmt_format(std::string& out, std::string_view pattern, const LogArg* args,
                       std::size_t count) {
  fmt::dynamic_format_arg_store<fmt::format_context> store;
  for (std::size_t i = 0; i < count; ++i) {
    if (!args[i].is_positional()) continue;
    const AttributeValue value = args[i].value();
    switch (value.type()) {
      case ValueType::int64:
        store.push_back(value.as_int());
        break;
      case ValueType::float64:
        store.push_back(value.as_double());
        break;
      case ValueType::boolean:
        store.push_back(value.as_bool());
        break;
      case ValueType::string:
        store.push_back(value.as_string());  // views: the arguments outlive the call
        break;
    }
  }
  const std::size_t mark = out.size();
  try {
    fmt::vformat_to(std::back_inserter(out), fmt::string_view(pattern.data(), pattern.size()),
                    store);
  } catch (const fmt::format_error& e) {
    out.resize(mark);
    report_format_problem(pattern, (std::string("fmt rejected it: ") + e.what()).c_str());
    builtin_format(out, pattern, args, count);
  }
}

inline const bool g_fmt_installed = (install_log_formatter(&fmt_format), true);

}  // namespace detail
VIGIL_NAMESPACE_END
