// vigil/app/budget.hpp: defaults, the soft warning, strict and lenient violations, the
// deadline on a worker, the error's JSON, the report and the spans.
#include "vigil/app/budget.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <stdexcept>
#include <thread>

#include "capture.hpp"

namespace {

void sleep_ms(int ms) {
  std::this_thread::sleep_for(std::chrono::milliseconds(ms));
}

}  // namespace

TEST_CASE("the seeds' default budgets", "[budget]") {
  const vigil::BudgetEnforcer budgets;
  CHECK(budgets.budget_ms("validation") == 5);
  CHECK(budgets.budget_ms("deliberation") == 20);
  CHECK(budgets.budget_ms("policy") == 10);
  CHECK(budgets.budget_ms("audit") == 15);
  CHECK(budgets.total_budget_ms() == 50);
  CHECK_THROWS_AS(budgets.budget_ms("nope"), std::invalid_argument);
}

TEST_CASE("within budget returns, near it warns, over it throws when strict", "[budget]") {
  vigil_test::LogCapture logs;
  vigil_test::Capture spans;
  vigil::BudgetEnforcer budgets({{"policy", 200}});
  CHECK(budgets.run("policy", "fast", [] { return 1; }) == 1);
  CHECK(logs.records().empty());
  budgets.run("policy", "near", [] { sleep_ms(170); });
  REQUIRE(logs.records().size() == 1);
  CHECK(logs.records()[0].level == vigil::Level::warn);
  try {
    budgets.run("policy", "slow", [] { sleep_ms(260); });
    FAIL("no LayerTimeoutError");
  } catch (const vigil::LayerTimeoutError& e) {
    CHECK(e.layer() == "policy");
    CHECK(e.operation() == "slow");
    CHECK(e.budget_ms() == 200);
    CHECK(e.elapsed_ms() >= 260);
    CHECK_THAT(e.to_json(),
               Catch::StartsWith("{\"error\":\"LayerTimeoutError\",\"layer\":\"policy\","
                                 "\"operation\":\"slow\",\"budget_ms\":200,\"elapsed_ms\":"));
  }
  const auto report = budgets.report();
  REQUIRE(report.size() == 1);
  CHECK(report[0].calls == 3);
  CHECK(report[0].soft_warnings == 1);
  CHECK(report[0].violations == 1);
  std::size_t errors = 0;
  for (const auto& span : spans.spans()) {
    CHECK(span.name == "budget.policy");
    errors += span.status == vigil::StatusCode::error;
  }
  CHECK(errors == 1);
}

TEST_CASE("lenient mode logs a violation and returns the result", "[budget]") {
  vigil_test::LogCapture logs;
  vigil::BudgetEnforcer budgets({{"audit", 5}}, /*strict=*/false);
  CHECK(budgets.run("audit", "write", [] {
    sleep_ms(15);
    return 9;
  }) == 9);
  REQUIRE(logs.records().size() == 1);
  CHECK(logs.records()[0].level == vigil::Level::error);
  CHECK(budgets.report()[0].violations == 1);
}

TEST_CASE("a deadline stops waiting at the budget", "[budget]") {
  vigil::BudgetEnforcer budgets({{"deliberation", 100}});
  CHECK(budgets.run_with_deadline("deliberation", "quick", [] { return 3; }) == 3);
  const auto start = std::chrono::steady_clock::now();
  CHECK_THROWS_AS(budgets.run_with_deadline("deliberation", "stuck",
                                            [] {
                                              sleep_ms(700);
                                              return 0;
                                            }),
                  vigil::LayerTimeoutError);
  const auto waited = std::chrono::steady_clock::now() - start;
  CHECK(waited < std::chrono::milliseconds(500));
  CHECK(budgets.report()[0].violations == 1);
  CHECK_THROWS_AS(budgets.run_with_deadline("deliberation", "throws",
                                            []() -> int { throw std::logic_error("bad"); }),
                  std::logic_error);
  sleep_ms(700);  // the stuck call finishes on its detached worker before the test ends
}
