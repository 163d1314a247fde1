#include "vigil/export/spans/console_tree.hpp"

#include <catch2/catch.hpp>

#include <sstream>

namespace {
vigil::SpanData make(const char* name, std::uint64_t id, std::uint64_t parent, std::int64_t start,
                     std::int64_t end) {
  vigil::SpanData span;
  span.name = name;
  span.span_id = {id};
  span.parent_span_id = {parent};
  span.start_unix_ns = start;
  span.end_unix_ns = end;
  return span;
}
}  // namespace

TEST_CASE("the console tree prints children under their parent in start order", "[export]") {
  std::ostringstream out;
  vigil::ConsoleTreeExporter tree(out);
  auto fit = make("fit.gmm", 3, 1, 300, 2'500'000);
  fit.attributes.push_back({"n_samples", std::int64_t{5000}});
  auto failed = make("score.gmm", 4, 3, 400, 1400);
  failed.status = vigil::StatusCode::error;
  failed.status_message = "singular";
  tree.export_spans({make("load.data", 2, 1, 100, 200), failed, fit}, {});
  CHECK(out.str().empty());  // the root has not ended yet
  tree.export_spans({make("pipeline.run", 1, 0, 0, 3'000'000'000)}, {});
  CHECK(out.str() ==
        "pipeline.run  3.00 s  [INTERNAL]\n"
        "├─ load.data  100 ns  [INTERNAL]\n"
        "└─ fit.gmm  2.5 ms  [INTERNAL]  n_samples=5000\n"
        "   └─ score.gmm  1.0 us  [INTERNAL]  ERROR: singular\n");
}

TEST_CASE("spans whose parent never arrives are printed at flush", "[export]") {
  std::ostringstream out;
  vigil::ConsoleTreeExporter tree(out);
  tree.export_spans({make("fetch.remote_child", 9, 77, 0, 50)}, {});
  CHECK(out.str().empty());
  tree.flush();
  CHECK(out.str() == "fetch.remote_child  50 ns  [INTERNAL]\n");
}

TEST_CASE("children arriving after their root in the same batch are still nested", "[export]") {
  std::ostringstream out;
  vigil::ConsoleTreeExporter tree(out);
  tree.export_spans({make("pipeline.run", 1, 0, 0, 1000), make("fit.ar1", 2, 1, 10, 20)}, {});
  CHECK(out.str() == "pipeline.run  1.0 us  [INTERNAL]\n└─ fit.ar1  10 ns  [INTERNAL]\n");
}
