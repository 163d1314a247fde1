// Fuzz target: the metrics endpoint's request handling. Each input is sent raw over a
// socket to one MetricsServer on 127.0.0.1; whatever comes back starts as an HTTP/1.1
// status line, and every 256 inputs the server still answers GET /health with 200.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>

#include "check.hpp"
#include "vigil/export/metrics/metrics_http.hpp"
#include "vigil/runtime.hpp"

namespace {

int port() {
  static const int bound = [] {
    vigil::set_report_handler([](const std::string&) {});
    vigil::counter("fuzz_requests_total", {{"route", "metrics"}}).add(1);
    vigil::MetricsServerOptions options;
    options.port = 0;
    static vigil::MetricsServer server(options);  // lives for the process
    FUZZ_CHECK(server.start());
    return server.port();
  }();
  return bound;
}

// Whether `reply` holds a whole response: its head, and as much body as it announced.
bool complete(const std::string& reply) {
  const std::size_t head = reply.find("\r\n\r\n");
  if (head == std::string::npos) return false;
  const std::size_t field = reply.find("Content-Length: ");
  const std::size_t length =
      field < head ? std::strtoul(reply.c_str() + field + 16, nullptr, 10) : 0;
  return reply.size() >= head + 4 + length;
}

// Sends `request` and returns what the server answered within `wait_ms` (up to 64 KiB). No
// half-close: cpp-httplib answers nothing to a client that shut its side down; a request
// the server still waits on is abandoned after the wait.
std::string exchange(const char* request, std::size_t size, long wait_ms) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  FUZZ_CHECK(fd >= 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port()));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  FUZZ_CHECK(::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  timeval timeout{wait_ms / 1000, (wait_ms % 1000) * 1000};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  for (std::size_t sent = 0; sent < size;) {
    const ssize_t n = ::send(fd, request + sent, size - sent, MSG_NOSIGNAL);
    if (n <= 0) break;  // the server may refuse an oversized request early
    sent += static_cast<std::size_t>(n);
  }
  std::string reply;
  char buffer[4096];
  while (reply.size() < 65536 && !complete(reply)) {
    const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) break;
    reply.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return reply;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static std::uint64_t inputs = 0;
  const std::string reply = exchange(reinterpret_cast<const char*>(data), size, 20);
  FUZZ_CHECK(reply.empty() || reply.rfind("HTTP/1.1 ", 0) == 0);
  if (++inputs % 256 == 0) {
    const char health[] = "GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    FUZZ_CHECK(exchange(health, sizeof health - 1, 2000).rfind("HTTP/1.1 200", 0) == 0);
  }
  return 0;
}
