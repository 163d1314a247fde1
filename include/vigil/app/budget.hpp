// vigil/app/budget.hpp — per-layer timeout budgets (the ACGS-2 seed): each layer has a
// budget in ms (defaults validation 5, deliberation 20, policy 10, audit 15: 50 in all).
//
//   vigil::BudgetEnforcer budgets;                     // strict: over budget throws
//   auto verdict = budgets.run("policy", "evaluate", [&] { return evaluate(request); });
//   auto reply = budgets.run_with_deadline("deliberation", "vote", [&] { return vote(); });
//
// run() calls synchronously and judges afterwards; run_with_deadline() calls on a worker
// thread and stops waiting at the budget. C++ cannot stop a thread, so a call past its
// deadline runs on, detached, and its result is dropped; its arguments must outlive it
// (capture by value). Past 80% of its budget a call logs a warning (component BUDGET);
// past 100% it is a violation: strict mode throws LayerTimeoutError, lenient mode logs an
// error and returns the result. Every call is a span "budget.<layer>" with the layer,
// operation, budget and elapsed time. An unknown layer is a std::invalid_argument.
// Thread-safety: all members may be called from any thread.
#pragma once

#include <chrono>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

#include "vigil/config.hpp"
#include "vigil/detail/json.hpp"
#include "vigil/vigil.hpp"

VIGIL_NAMESPACE_BEGIN

class LayerTimeoutError : public std::runtime_error {
 public:
  LayerTimeoutError(std::string layer, double budget_ms, double elapsed_ms, std::string operation)
      : std::runtime_error("layer " + layer + " took " + std::to_string(elapsed_ms) +
                           " ms of its " + std::to_string(budget_ms) + " ms budget (" + operation +
                           ")"),
        layer_(std::move(layer)),
        operation_(std::move(operation)),
        budget_ms_(budget_ms),
        elapsed_ms_(elapsed_ms) {}

  const std::string& layer() const { return layer_; }
  const std::string& operation() const { return operation_; }
  double budget_ms() const { return budget_ms_; }
  double elapsed_ms() const { return elapsed_ms_; }

  std::string to_json() const {
    std::string out;
    {
      detail::LineBuffer buffer(out);
      buffer.put("{\"error\":\"LayerTimeoutError\",\"layer\":");
      detail::put_json_string(buffer, layer_);
      buffer.put(",\"operation\":");
      detail::put_json_string(buffer, operation_);
      buffer.put(",\"budget_ms\":");
      detail::put_json_number(buffer, budget_ms_);
      buffer.put(",\"elapsed_ms\":");
      detail::put_json_number(buffer, elapsed_ms_);
      buffer.put("}");
    }
    return out;
  }

 private:
  std::string layer_, operation_;
  double budget_ms_, elapsed_ms_;
};

struct LayerReport {
  std::string layer;
  double budget_ms = 0;
  std::size_t calls = 0, soft_warnings = 0, violations = 0;
  double max_ms = 0, mean_ms = 0;
};

class BudgetEnforcer {
 public:
  static std::map<std::string, double> default_budgets() {
    return {{"validation", 5}, {"deliberation", 20}, {"policy", 10}, {"audit", 15}};
  }

  explicit BudgetEnforcer(std::map<std::string, double> budgets_ms = default_budgets(),
                          bool strict = true, double soft_ratio = 0.8)
      : budgets_(std::move(budgets_ms)), strict_(strict), soft_ratio_(soft_ratio) {
    for (const auto& [layer, ms] : budgets_) stats_[layer].budget_ms = ms;
  }

  double budget_ms(const std::string& layer) const { return budget_of(layer); }
  double total_budget_ms() const {
    double total = 0;
    for (const auto& [layer, ms] : budgets_) total += ms;
    return total;
  }

  /// Calls fn() now and judges its time afterwards.
  template <class F>
  decltype(auto) run(const std::string& layer, const std::string& operation, F&& fn) {
    const double budget = budget_of(layer);
    Span span("budget." + layer,
              {{"budget.layer", layer}, {"budget.operation", operation}, {"budget.ms", budget}});
    const auto start = std::chrono::steady_clock::now();
    const auto judge = [&] { judge_call(span, layer, operation, budget, since(start)); };
    if constexpr (std::is_void_v<std::invoke_result_t<F>>) {
      fn();
      judge();
    } else {
      auto result = fn();
      judge();
      return result;
    }
  }

  /// Calls fn() on a worker and waits at most the layer's budget.
  template <class F>
  auto run_with_deadline(const std::string& layer, const std::string& operation, F fn)
      -> std::invoke_result_t<F> {
    const double budget = budget_of(layer);
    Span span("budget." + layer, {{"budget.layer", layer},
                                  {"budget.operation", operation},
                                  {"budget.ms", budget},
                                  {"budget.deadline", true}});
    using Result = std::invoke_result_t<F>;
    auto task = std::make_shared<std::packaged_task<Result()>>(std::move(fn));
    std::future<Result> result = task->get_future();
    const auto start = std::chrono::steady_clock::now();
    std::thread([task, context = span.context()] {
      ContextScope parent(context);
      (*task)();
    }).detach();
    const auto deadline = std::chrono::duration<double, std::milli>(budget);
    if (result.wait_for(deadline) == std::future_status::timeout) {
      const double elapsed = since(start);
      judge_call(span, layer, operation, budget, elapsed, /*finished=*/false);
      throw LayerTimeoutError(layer, budget, elapsed, operation);
    }
    judge_call(span, layer, operation, budget, since(start));
    return result.get();
  }

  std::vector<LayerReport> report() const {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<LayerReport> out;
    for (const auto& [layer, stats] : stats_) {
      LayerReport r = stats;
      r.layer = layer;
      if (r.calls != 0) r.mean_ms /= static_cast<double>(r.calls);
      out.push_back(r);
    }
    return out;
  }

 private:
  static double since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
        .count();
  }

  double budget_of(const std::string& layer) const {
    const auto it = budgets_.find(layer);
    if (it == budgets_.end())
      throw std::invalid_argument("no timeout budget for layer '" + layer + "'");
    return it->second;
  }

  // A deadline miss always throws; a finished call over budget throws only when strict.
  void judge_call(Span& span, const std::string& layer, const std::string& operation, double budget,
                  double elapsed, bool finished = true) {
    span.set_attribute("budget.elapsed_ms", elapsed);
    const bool over = elapsed > budget;
    const bool soft = !over && elapsed > soft_ratio_ * budget;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      LayerReport& s = stats_[layer];
      ++s.calls;
      s.soft_warnings += soft;
      s.violations += over || !finished;
      s.max_ms = std::max(s.max_ms, elapsed);
      s.mean_ms += elapsed;
    }
    if (soft) {
      VIGIL_LOG_WARN("BUDGET", "{} {} used {:.2f} of {:.2f} ms (over {:.0f}%)", layer, operation,
                     elapsed, budget, soft_ratio_ * 100);
    }
    if (!over && finished) return;
    span.set_status(StatusCode::error, "over budget");
    if (!strict_ && finished) {
      VIGIL_LOG_ERROR("BUDGET", "{} {} took {:.2f} ms, budget {:.2f} ms", layer, operation, elapsed,
                      budget);
      return;
    }
    if (finished) throw LayerTimeoutError(layer, budget, elapsed, operation);
  }

  std::map<std::string, double> budgets_;
  bool strict_;
  double soft_ratio_;
  mutable std::mutex mutex_;
  std::map<std::string, LayerReport> stats_;
};

VIGIL_NAMESPACE_END
