// Request scopes nest, restore on exit, and travel to other threads when handed over.
#include <catch2/catch.hpp>

#include <thread>

#include "capture.hpp"
#include "vigil/common/request_context.hpp"

using vigil_test::attribute;

TEST_CASE("scopes nest, inner keys win, and leaving restores the outer context", "[log]") {
  CHECK(vigil::current_request() == nullptr);
  {
    vigil::RequestScope outer({{"session_id", "s1"}, {"request_id", "q1"}});
    const auto first = vigil::current_request();
    {
      vigil::RequestScope inner({{"request_id", "q2"}, {"user_id", 5}});
      const auto nested = vigil::current_request();
      CHECK(std::get<std::string>(attribute(nested->attributes, "session_id")) == "s1");
      CHECK(std::get<std::string>(attribute(nested->attributes, "request_id")) == "q2");
      CHECK(std::get<std::int64_t>(attribute(nested->attributes, "user_id")) == 5);
      CHECK(nested->serial != first->serial);
    }
    CHECK(vigil::current_request() == first);
  }
  CHECK(vigil::current_request() == nullptr);
}

TEST_CASE("a context taken here is adopted on another thread", "[log]") {
  vigil::RequestScope scope({{"session_id", "s9"}});
  const auto taken = vigil::current_request();
  std::shared_ptr<const vigil::RequestContext> seen, after;
  std::thread([&] {
    {
      vigil::RequestScope adopt(taken);
      seen = vigil::current_request();
    }
    after = vigil::current_request();
  }).join();
  CHECK(seen == taken);
  CHECK(after == nullptr);
  vigil::RequestScope none(std::shared_ptr<const vigil::RequestContext>{});
  CHECK(vigil::current_request() == taken);
}
