// The uninstrumented twin of instrumented.cpp.
extern "C" double weighted_sum(const double* values, const double* weights, int n) {
  double total = 0;
  for (int i = 0; i < n; ++i) {
    total += values[i] * weights[i];
  }
  return total;
}

extern "C" int count_above(const double* values, int n, double threshold) {
  int count = 0;
  for (int i = 0; i < n; ++i) count += values[i] > threshold;
  return count;
}

extern "C" int threshold_crossings(const double* values, int n, double threshold) {
  int crossings = 0;
  for (int i = 1; i < n; ++i) crossings += (values[i - 1] <= threshold) != (values[i] <= threshold);
  return crossings;
}
