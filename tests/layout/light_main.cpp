// A program in which no file includes a runtime: it must link and run, its spans off, its
// metric updates and log records dropped.
#include <vigil/vigil.hpp>

int fit(int rows, double share);

int main() {
  const int rows = fit(5000, 0.5);
  const bool quiet = !vigil::current_context().valid() && vigil::stats().spans_created == 0 &&
                     vigil::counter("acm_rows_processed_total").value() == 0;
  vigil::shutdown();
  return rows == 5000 && quiet ? 0 : 1;
}
