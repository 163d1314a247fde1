// A log call written into ring bytes and read back: every argument type, fields and
// positionals, the request context reference, and the cuts when a record does not fit.
#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

#include "vigil/log/ring_record.hpp"

namespace {

using vigil::LogArg;
using vigil::detail::LogCallContext;
using vigil::detail::LogRecordReader;
using vigil::detail::LogRecordView;
using vigil::detail::LogRecordWriter;

const vigil::detail::ComponentState kComponent{"GMM", vigil::Level::info};

constexpr auto kTick = [] { return std::uint64_t{1}; };

struct Written {
  std::vector<vigil::detail::Item> items =
      std::vector<vigil::detail::Item>(vigil::detail::kMaxLogRecordItems);
  std::size_t used = 0;
  unsigned char* bytes() { return items.front().bytes; }
};

}  // namespace

TEST_CASE("a record reads back as it was written", "[log][ring]") {
  Written w;
  std::string temporary = "FD_FAN";
  const LogArg args[] = {LogArg(3), LogArg(std::string_view(temporary)), LogArg("bic", -1234.5),
                         LogArg("converged", true), LogArg("rows", std::int64_t{-7})};
  LogCallContext context;
  context.in_span = true;
  context.trace = {11, 22};
  context.span_id = 33;
  context.run_context = 4;
  w.used = LogRecordWriter(w.bytes(), w.items.size() * sizeof(vigil::detail::Item))
               .write(
                   kComponent, vigil::Level::warn, vigil::Decoration::ok,
                   [] { return std::uint64_t{12345}; }, context, "fitted k={} for {}", args, 5);
  temporary.assign("XXXXXX");  // the record holds its own copy

  LogRecordView view;
  LogRecordReader(w.bytes()).read(view);
  CHECK(view.header.items == (w.used + 63) / 64);
  CHECK(view.header.component == &kComponent);
  CHECK(view.header.level == vigil::Level::warn);
  CHECK(view.header.decoration == vigil::Decoration::ok);
  CHECK(view.header.ticks == 12345);
  CHECK(view.span.trace.high == 11);
  CHECK(view.span.trace.low == 22);
  CHECK(view.span.span_id == 33);
  CHECK(view.header.run_context == 4);
  CHECK((view.header.flags & vigil::detail::kLogInSpan) != 0);
  CHECK((view.header.flags & vigil::detail::kLogTruncated) == 0);
  CHECK(view.message == "fitted k={} for {}");
  REQUIRE(view.header.arg_count == 5);
  CHECK(view.args[0].is_positional());
  CHECK(view.args[0].value().as_int() == 3);
  CHECK(view.args[1].value().as_string() == "FD_FAN");
  CHECK(view.args[2].is_field());
  CHECK(view.args[2].key() == "bic");
  CHECK(view.args[2].value().as_double() == -1234.5);
  CHECK(view.args[3].value().type() == vigil::ValueType::boolean);
  CHECK(view.args[3].value().as_bool());
  CHECK(view.args[4].value().as_int() == -7);
  CHECK(view.request == nullptr);
}

TEST_CASE("a record holds its request context until it is read", "[log][ring]") {
  Written w;
  auto request = std::make_shared<const vigil::RequestContext>();
  LogCallContext context;
  context.request = &request;
  LogRecordWriter(w.bytes(), w.items.size() * sizeof(vigil::detail::Item))
      .write(kComponent, vigil::Level::info, vigil::Decoration::none, kTick, context, "m", nullptr,
             0);
  CHECK(request.use_count() == 2);
  LogRecordView view;
  LogRecordReader(w.bytes()).read(view);
  CHECK(view.request == request);
  view.request.reset();
  CHECK(request.use_count() == 1);
}

TEST_CASE("strings that do not fit are cut, and the record says so", "[log][ring]") {
  Written w;
  const std::string huge(10000, 'x');
  const LogArg args[] = {LogArg("payload", std::string_view(huge)), LogArg("after", 5)};
  w.used = LogRecordWriter(w.bytes(), w.items.size() * sizeof(vigil::detail::Item))
               .write(kComponent, vigil::Level::info, vigil::Decoration::none, kTick, {}, "big {}",
                      args, 2);
  CHECK(w.used <= vigil::detail::kMaxLogRecordItems * sizeof(vigil::detail::Item));
  LogRecordView view;
  LogRecordReader(w.bytes()).read(view);
  CHECK((view.header.flags & vigil::detail::kLogTruncated) != 0);
  REQUIRE(view.header.arg_count >= 1);
  CHECK(view.args[0].key() == "payload");
  CHECK(view.args[0].value().as_string().size() > 3000);
  CHECK(view.args[0].value().as_string().size() < huge.size());
}

TEST_CASE("more arguments than a record takes are cut", "[log][ring]") {
  Written w;
  std::vector<LogArg> args(40, LogArg("k", 1));
  LogRecordWriter(w.bytes(), w.items.size() * sizeof(vigil::detail::Item))
      .write(kComponent, vigil::Level::info, vigil::Decoration::none, kTick, {}, "many",
             args.data(), args.size());
  LogRecordView view;
  LogRecordReader(w.bytes()).read(view);
  CHECK(view.header.arg_count == vigil::detail::kMaxLogRecordArgs);
  CHECK((view.header.flags & vigil::detail::kLogTruncated) != 0);
}

TEST_CASE("a short message with two fields outside a span takes one ring item", "[log][ring]") {
  Written w;
  const LogArg args[] = {LogArg("k", 3), LogArg("bic", -1234.5)};
  w.used = LogRecordWriter(w.bytes(), w.items.size() * sizeof(vigil::detail::Item))
               .write(kComponent, vigil::Level::info, vigil::Decoration::none, kTick, {}, "fitted",
                      args, 2);
  CHECK(w.used <= sizeof(vigil::detail::Item));
  LogRecordView view;
  LogRecordReader(w.bytes()).read(view);
  CHECK(view.header.items == 1);
  CHECK(view.span.span_id == 0);
  CHECK(view.args[1].value().as_double() == -1234.5);
}
