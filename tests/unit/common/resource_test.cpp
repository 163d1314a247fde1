#include "vigil/common/resource.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "capture.hpp"

using vigil_test::attribute;
using vigil_test::Capture;

TEST_CASE("OTEL_RESOURCE_ATTRIBUTES parses, decodes and reports bad pairs once",
          "[trace][resource]") {
  std::vector<std::string> told;
  vigil::set_report_handler([&told](const std::string& message) { told.push_back(message); });
  const auto list = vigil::detail::parse_resource_attributes(
      "service.version=1.4.2, team = acm ,note=a%2Cb%3Dc,broken,=novalue,bad=%zz");
  const auto again = vigil::detail::parse_resource_attributes("broken");
  vigil::set_report_handler(nullptr);
  CHECK(std::get<std::string>(attribute(list, "service.version")) == "1.4.2");
  CHECK(std::get<std::string>(attribute(list, "team")) == "acm");
  CHECK(std::get<std::string>(attribute(list, "note")) == "a,b=c");
  CHECK(list.size() == 3);
  CHECK(again.empty());
  REQUIRE(told.size() == 3);  // "broken" is told once, not twice
  CHECK(told[0].find("broken") != std::string::npos);
}

TEST_CASE("the resource carries service and SDK attributes", "[trace][resource]") {
  const auto resource = vigil::resource();
  CHECK(std::get<std::string>(attribute(resource->attributes, "service.name")).size() > 0);
  CHECK(std::get<std::string>(attribute(resource->attributes, "telemetry.sdk.name")) == "vigil");
  CHECK(vigil::find(resource->attributes, "deployment.environment") != nullptr);
  vigil::set_global_attribute("acm.governance_hash", "9f1c");
  CHECK(std::get<std::string>(attribute(vigil::resource()->attributes, "acm.governance_hash")) ==
        "9f1c");
}

TEST_CASE("spans keep the run context they ran under", "[trace][resource]") {
  Capture capture;
  vigil::set_run_context({{"acm.equipment", "FD_FAN"}, {"acm.run_id", "r1"}});
  { VIGIL_SPAN("load.fan"); }
  vigil::set_run_context({{"acm.equipment", "GAS_TURBINE"}, {"acm.run_id", "r2"}});
  { VIGIL_SPAN("load.turbine"); }
  {
    vigil::RunContextScope scope({{"acm.equipment", "WFA_TURBINE_10"}, {"acm.batch", 7}});
    VIGIL_SPAN("load.wind");
  }
  CHECK(std::get<std::string>(attribute(*capture.only("load.fan").run_context, "acm.equipment")) ==
        "FD_FAN");
  CHECK(std::get<std::string>(attribute(*capture.only("load.turbine").run_context, "acm.run_id")) ==
        "r2");
  const auto wind = capture.only("load.wind");
  CHECK(std::get<std::string>(attribute(*wind.run_context, "acm.equipment")) == "WFA_TURBINE_10");
  CHECK(std::get<std::int64_t>(attribute(*wind.run_context, "acm.batch")) == 7);
  vigil::set_run_context({});
}
