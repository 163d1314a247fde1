// The scrape endpoint over real HTTP on 127.0.0.1.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>

#include "vigil/export/metrics/metrics_http.hpp"
#include "vigil/runtime.hpp"

namespace {
// Sends raw bytes and returns the status line of the answer.
std::string raw_request(int port, const std::string& bytes) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  REQUIRE(::send(fd, bytes.data(), bytes.size(), 0) == static_cast<ssize_t>(bytes.size()));
  char buffer[256] = {};
  const ssize_t n = ::recv(fd, buffer, sizeof buffer - 1, 0);
  ::close(fd);
  const std::string answer(buffer, n > 0 ? static_cast<std::size_t>(n) : 0);
  return answer.substr(0, answer.find("\r\n"));
}
}  // namespace

TEST_CASE("the endpoint serves metrics, summary, health and readiness", "[metrics][http]") {
  vigil::counter("http_test_requests_total", {{"route", "/score"}}).add(3);
  vigil::MetricsServer server({"127.0.0.1", 0, 8192, false});
  REQUIRE(server.start());
  REQUIRE(server.port() > 0);
  httplib::Client client("127.0.0.1", server.port());
  auto metrics = client.Get("/metrics");
  REQUIRE(metrics);
  CHECK(metrics->status == 200);
  CHECK(metrics->get_header_value("Content-Type") == "text/plain; version=0.0.4; charset=utf-8");
  CHECK(metrics->body.find("http_test_requests_total{route=\"/score\"} 3\n") != std::string::npos);
  auto openmetrics = client.Get(
      "/metrics",
      {{"Accept", "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5"}});
  REQUIRE(openmetrics);
  CHECK(openmetrics->get_header_value("Content-Type") ==
        "application/openmetrics-text; version=1.0.0; charset=utf-8");
  CHECK(openmetrics->body.find(
            "# TYPE http_test_requests counter\nhttp_test_requests_total{route=\"/score\"} 3\n") !=
        std::string::npos);
  CHECK(openmetrics->body.size() >= 6);
  CHECK(openmetrics->body.compare(openmetrics->body.size() - 6, 6, "# EOF\n") == 0);
  auto summary = client.Get("/metrics/summary");
  REQUIRE(summary);
  CHECK(summary->body.rfind("{\"uptime_seconds\":", 0) == 0);
  CHECK(client.Get("/health")->body.find("\"status\":\"ok\"") != std::string::npos);
  CHECK(client.Get("/liveness")->status == 200);
  CHECK(client.Get("/readiness")->status == 503);
  server.set_ready(true);
  CHECK(client.Get("/readiness")->status == 200);
  CHECK(client.Get("/nothing-here")->status == 404);
  auto big = client.Post("/metrics", std::string(100000, 'x'), "text/plain");
  REQUIRE(big);
  CHECK(big->status == 413);
  CHECK(raw_request(server.port(), "NONSENSE\r\n\r\n").find(" 400 ") != std::string::npos);
  CHECK(client.Get("/metrics")->status == 200);  // still serving after bad requests
  server.stop();
}

TEST_CASE("an address that cannot be bound is reported, not fatal", "[metrics][http]") {
  int told = 0;
  vigil::set_report_handler([&told](const std::string&) { ++told; });
  // 203.0.113.1 (TEST-NET-3) is not an address of this machine.
  vigil::MetricsServer server({"203.0.113.1", 9464, 8192, true});
  CHECK_FALSE(server.start());
  vigil::set_report_handler(nullptr);
  CHECK(told == 1);
}
