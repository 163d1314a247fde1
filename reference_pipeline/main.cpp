// reference_pipeline/main.cpp — `acm-pipeline`: runs the pipeline on synthetic equipment
// (default) or a CSV, prints a progress line per phase, the stage table from the run's
// spans, the episodes found against those injected, and where every output went.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <vigil/app/stage_histogram.hpp>
#include <vigil/runtime.hpp>

#include "batch.hpp"
#include "evaluate.hpp"
#include "pipeline.hpp"
#include "watch.hpp"

namespace {

constexpr const char* kUsage = R"(usage: acm-pipeline [options]
       acm-pipeline evaluate --skab DIR
       acm-pipeline batch --equip A,B,... [--windows N] [--max-workers N] [--rows N]
                          [--seed N] [--out DIR]
       acm-pipeline watch [--equip A,B,...] [--runs N] [--interval S] [--linger S]
                          [--metrics-port N] [--loki URL] [--rows N] [--seed N] [--out DIR]

Runs the asset-condition-monitoring pipeline once and writes its outputs. `evaluate` runs
the SKAB protocol instead (fit on each file's first 400 rows, score the rest) and prints
F1, false and missed alarm rates beside the published results. `batch` runs every
equipment × window in child processes (at most --max-workers at once, default 2), each
writing to DIR/<equipment>/w<window>/, all under one trace (TRACEPARENT). `watch` runs
every equipment (default FD_FAN) --runs times (default 5), --interval seconds apart
(default 2), serving Prometheus on 127.0.0.1:--metrics-port (default 9464; 0: any) and
pushing logs to the Loki at --loki; it keeps serving --linger seconds after the last run.
Spans go to DIR/otlp.jsonl (default out/watch), and to OTEL_EXPORTER_OTLP_ENDPOINT if set.

input (default: synthetic FD_FAN, 6500 rows, of which 5000 train)
  --csv FILE        readings with a header; ',' or ';'; a time/timestamp column
  --equip NAME      synthetic profile: FD_FAN, GAS_TURBINE, WFA_TURBINE_10
                    (with --csv: the name recorded for the equipment)
  --rows N          synthetic rows (default 6500)
  --train-rows N    synthetic training rows (default 10/13 of the rows: 5000)
  --train-fraction F  share of CSV rows used for training (default 0.77)
  --seed N          synthetic seed (default 42)
  --start T --end T only rows with start <= time < end (unix seconds or
                    YYYY-MM-DD[THH:MM:SS])
  --window N        rolling feature window (default 3)
output
  --out DIR         where outputs go (default out/): acm.db (SQLite), trace.json
                    (Chrome/Perfetto), otlp.jsonl, metrics.prom, logs.jsonl
  --run-id ID       run id (default: random)
  --help            this text

exit status: 0 OK, 1 NOOP (too little data), 2 bad input, 3 failure
)";

[[noreturn]] void usage_error(const std::string& message) {
  std::fprintf(stderr, "acm-pipeline: %s\n(see acm-pipeline --help)\n", message.c_str());
  std::exit(2);
}

std::uint64_t parse_count(const std::string& option, const std::string& text) {
  char* end = nullptr;
  const unsigned long long value = std::strtoull(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || text[0] == '-')
    usage_error(option + " wants a whole number, not '" + text + "'");
  return value;
}

double parse_seconds(const std::string& option, const std::string& text) {
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (text.empty() || *end != '\0' || !(value >= 0) || value > 86400)
    usage_error(option + " wants seconds in [0, 86400], not '" + text + "'");
  return value;
}

// --rows, --seed and --out, which batch and watch share; false for any other option.
bool job_option(const std::string& arg, const std::string& value, std::size_t& rows,
                std::uint64_t& seed, std::string& out) {
  if (arg == "--rows") {
    rows = parse_count(arg, value);
  } else if (arg == "--seed") {
    seed = parse_count(arg, value);
  } else if (arg == "--out") {
    out = value;
  } else {
    return false;
  }
  return true;
}

std::vector<std::string> split_commas(const std::string& value) {
  std::vector<std::string> out;
  for (std::size_t at = 0; at <= value.size();) {
    const std::size_t comma = std::min(value.find(',', at), value.size());
    if (comma > at) out.push_back(value.substr(at, comma - at));
    at = comma + 1;
  }
  return out;
}

std::int64_t parse_time_option(const std::string& option, const std::string& text) {
  int y, mo, d, h = 0, mi = 0, s = 0;
  char* end = nullptr;
  const long long seconds = std::strtoll(text.c_str(), &end, 10);
  if (!text.empty() && *end == '\0') return seconds;
  if (std::sscanf(text.c_str(), "%d-%d-%d%*c%d:%d:%d", &y, &mo, &d, &h, &mi, &s) >= 3) {
    std::tm t{};
    t.tm_year = y - 1900;
    t.tm_mon = mo - 1;
    t.tm_mday = d;
    t.tm_hour = h;
    t.tm_min = mi;
    t.tm_sec = s;
    return static_cast<std::int64_t>(timegm(&t));
  }
  usage_error(option + " wants unix seconds or YYYY-MM-DD[THH:MM:SS], not '" + text + "'");
}

struct Cli {
  acm::PipelineOptions options;
  std::string out = "out";
};

Cli parse(int argc, char** argv) {
  Cli cli;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::fputs(kUsage, stdout);
      std::exit(0);
    }
    if (i + 1 >= argc) usage_error("unknown option or missing value: " + arg);
    const std::string value = argv[++i];
    if (arg == "--csv") {
      cli.options.csv = value;
    } else if (arg == "--equip") {
      cli.options.synthetic.equipment = value;
      cli.options.equipment = value;
    } else if (arg == "--rows") {
      cli.options.synthetic.rows = parse_count(arg, value);
    } else if (arg == "--train-rows") {
      cli.options.synthetic.train_rows = parse_count(arg, value);
    } else if (arg == "--train-fraction") {
      cli.options.train_fraction = std::atof(value.c_str());
      if (!(cli.options.train_fraction > 0 && cli.options.train_fraction < 1))
        usage_error("--train-fraction wants a number in (0, 1)");
    } else if (arg == "--seed") {
      cli.options.synthetic.seed = parse_count(arg, value);
    } else if (arg == "--start") {
      cli.options.start_unix_s = parse_time_option(arg, value);
    } else if (arg == "--end") {
      cli.options.end_unix_s = parse_time_option(arg, value);
    } else if (arg == "--window") {
      cli.options.features.window = parse_count(arg, value);
      if (cli.options.features.window < 3 || cli.options.features.window > 64)
        usage_error("--window wants 3..64");
    } else if (arg == "--out") {
      cli.out = value;
    } else if (arg == "--run-id") {
      cli.options.run_id = value;
    } else {
      usage_error("unknown option " + arg);
    }
  }
  if (!cli.options.csv.empty() && cli.options.equipment.empty()) cli.options.equipment = "CSV";
  return cli;
}

// Each stage once, in the order it ran, with its total duration.
void print_stage_table(const std::vector<vigil::SpanData>& spans) {
  std::map<std::string, std::pair<double, int>> totals;
  std::vector<std::string> order;
  std::vector<vigil::SpanData> sorted = spans;
  std::sort(sorted.begin(), sorted.end(),
            [](const auto& a, const auto& b) { return a.start_unix_ns < b.start_unix_ns; });
  for (const auto& span : sorted) {
    auto& total = totals[span.name];
    if (total.second++ == 0) order.push_back(span.name);
    total.first += static_cast<double>(span.duration_ns()) / 1e6;
  }
  std::printf("\n%-26s %10s %6s\n", "stage", "ms", "calls");
  for (const auto& name : order)
    std::printf("%-26s %10.2f %6d\n", name.c_str(), totals[name].first, totals[name].second);
}

void print_episodes(const acm::PipelineResult& result) {
  std::printf("\nepisodes found: %zu\n", result.episodes.size());
  for (std::size_t i = 0; i < result.episodes.size(); ++i) {
    const auto& e = result.episodes[i];
    std::string culprits;
    for (const auto& c : result.culprits) {
      if (c.episode == i) culprits += (culprits.empty() ? "" : ", ") + c.sensor;
    }
    std::printf("  rows %5zu-%5zu  peak %.2f  culprits: %s\n", e.begin, e.end, e.peak,
                culprits.c_str());
  }
  if (result.faults.empty()) return;
  std::size_t detected = 0;
  for (const auto& fault : result.faults) {
    bool hit = false;
    for (const auto& e : result.episodes) {
      hit = hit ||
            (e.begin + result.train_rows < fault.end && fault.begin < e.end + result.train_rows);
    }
    detected += hit;
    std::printf("  injected %-18s rows %5zu-%5zu  %s\n", fault.kind.c_str(),
                fault.begin - result.train_rows, fault.end - result.train_rows,
                hit ? "found" : "MISSED");
  }
  std::printf("injected faults found: %zu of %zu\n", detected, result.faults.size());
}

}  // namespace

int evaluate(int argc, char** argv) {
  std::string skab;
  for (int i = 2; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--skab" && i + 1 < argc) {
      skab = argv[++i];
    } else {
      usage_error("evaluate takes --skab DIR, not " + arg);
    }
  }
  if (skab.empty()) usage_error("evaluate needs --skab DIR");
  vigil::set_log_sinks({std::make_shared<vigil::ConsoleSink>(stderr)});
  vigil::set_log_level(vigil::Level::warn);
  try {
    const acm::SkabResult result = acm::evaluate_skab(skab);
    std::fputs(acm::skab_table(result).c_str(), stdout);
  } catch (const acm::InputError& e) {
    std::fprintf(stderr, "acm-pipeline: %s\n", e.what());
    return 2;
  }
  return 0;
}

int batch(int argc, char** argv) {
  acm::BatchOptions options;
  options.self = "/proc/self/exe";
  char self[4096];
  const ssize_t n = ::readlink("/proc/self/exe", self, sizeof self - 1);
  if (n > 0) options.self.assign(self, static_cast<std::size_t>(n));
  for (int i = 2; i < argc; ++i) {
    const std::string arg = argv[i];
    if (i + 1 >= argc) usage_error("batch: missing value for " + arg);
    const std::string value = argv[++i];
    if (arg == "--equip") {
      const auto names = split_commas(value);
      options.equipment.insert(options.equipment.end(), names.begin(), names.end());
    } else if (arg == "--windows") {
      options.windows = parse_count(arg, value);
    } else if (arg == "--max-workers") {
      options.max_workers = parse_count(arg, value);
    } else if (!job_option(arg, value, options.rows, options.seed, options.out)) {
      usage_error("batch: unknown option " + arg);
    }
  }
  if (options.max_workers == 0) usage_error("--max-workers wants at least 1");
  std::filesystem::create_directories(options.out);
  vigil::add_exporter(std::make_shared<vigil::OtlpFileExporter>(options.out + "/batch_otlp.jsonl"));
  vigil::enable_stage_histogram();
  vigil::set_log_sinks({std::make_shared<vigil::ConsoleSink>(stderr)});
  std::vector<acm::BatchJob> jobs;
  try {
    jobs = acm::run_batch(options);
  } catch (const acm::InputError& e) {
    std::fprintf(stderr, "acm-pipeline: %s\n", e.what());
    return 2;
  }
  vigil::shutdown();
  int worst = 0;
  std::printf("%-18s %6s  %-6s %s\n", "equipment", "window", "exit", "output");
  for (const auto& job : jobs) {
    std::printf("%-18s %6zu  %-6d %s\n", job.equipment.c_str(), job.window, job.exit_status,
                job.out.c_str());
    if (job.exit_status >= 2) worst = 3;
  }
  return worst;
}

int watch(int argc, char** argv) {
  acm::WatchOptions options;
  for (int i = 2; i < argc; ++i) {
    const std::string arg = argv[i];
    if (i + 1 >= argc) usage_error("watch: missing value for " + arg);
    const std::string value = argv[++i];
    if (arg == "--equip") {
      options.equipment = split_commas(value);
      if (options.equipment.empty()) usage_error("--equip wants at least one name");
    } else if (arg == "--runs") {
      options.runs = parse_count(arg, value);
    } else if (arg == "--interval") {
      options.interval_s = parse_seconds(arg, value);
    } else if (arg == "--linger") {
      options.linger_s = parse_seconds(arg, value);
    } else if (arg == "--metrics-port") {
      const std::uint64_t port = parse_count(arg, value);
      if (port > 65535) usage_error("--metrics-port wants 0..65535");
      options.metrics_port = static_cast<int>(port);
    } else if (arg == "--loki") {
      options.loki_url = value;
    } else if (!job_option(arg, value, options.rows, options.seed, options.out)) {
      usage_error("watch: unknown option " + arg);
    }
  }
  return acm::run_watch(options);
}

int main(int argc, char** argv) {
  if (argc > 1 && std::string(argv[1]) == "evaluate") return evaluate(argc, argv);
  if (argc > 1 && std::string(argv[1]) == "watch") return watch(argc, argv);
  if (argc > 1 && std::string(argv[1]) == "batch") return batch(argc, argv);
  Cli cli = parse(argc, argv);
  ::mkdir(cli.out.c_str(), 0755);
  const std::string db = cli.out + "/acm.db";
  cli.options.database = db;
  vigil::set_global_attribute("service.namespace", "acm");
  auto memory = std::make_shared<vigil::MemoryExporter>();
  vigil::add_exporter(std::make_shared<vigil::ChromeTraceExporter>(cli.out + "/trace.json"));
  vigil::add_exporter(std::make_shared<vigil::OtlpFileExporter>(cli.out + "/otlp.jsonl"));
  vigil::add_exporter(memory);
  vigil::enable_stage_histogram();
  vigil::set_log_sinks({std::make_shared<vigil::ConsoleSink>(stderr),
                        std::make_shared<vigil::JsonSink>(cli.out + "/logs.jsonl")});
  acm::PipelineResult result;
  try {
    result = acm::run_pipeline(cli.options);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "acm-pipeline: %s\n", e.what());
    vigil::shutdown();
    return 3;
  }
  vigil::flush();
  print_stage_table(memory->spans());
  if (result.outcome == acm::Outcome::ok) {
    std::printf("\n%s: %zu training rows, %zu scored, %zu features (hash %s)\nweights:",
                result.equipment.c_str(), result.train_rows, result.score_rows, result.features,
                result.feature_hash.c_str());
    for (std::size_t h = 0; h < result.weights.heads.size(); ++h) {
      std::printf(" %s=%.3f", result.weights.heads[h].c_str(), result.weights.weights[h]);
    }
    std::printf("\n");
    print_episodes(result);
    std::printf("\nregimes: %zu (silhouette %.2f%s)\n", result.regimes.k, result.regimes.silhouette,
                result.regimes.good ? "" : ", weak");
    const double hours = static_cast<double>(result.cadence_s) / 3600.0;
    std::printf("\nhealth now %.1f (warn at fused %.2f, alert at %.2f)%s\n", result.health_now,
                result.thresholds.warn, result.thresholds.alert,
                result.drift.drifted ? ", drift detected" : "");
    if (result.rul.p10) {
      const auto text = [hours](const std::optional<double>& q) {
        char out[32];
        if (q) {
          std::snprintf(out, sizeof out, "%.1f h", *q * hours);
        } else {
          std::snprintf(out, sizeof out, "> 48 h");
        }
        return std::string(out);
      };
      std::printf("RUL to health 40: P10 %s, P50 %s, P90 %s (%.0f%% of paths cross within 48 h)\n",
                  text(result.rul.p10).c_str(), text(result.rul.p50).c_str(),
                  text(result.rul.p90).c_str(), 100 * result.rul.crossing_share);
    } else {
      std::printf("RUL: health stays above 40 over the next two days in %.0f%% of paths\n",
                  100 * (1 - result.rul.crossing_share));
    }
  }
  vigil::write_prometheus_textfile(cli.out + "/metrics.prom");
  vigil::shutdown();
  vigil::flush_logs();
  if (result.model_version > 0) {
    std::printf("\nmodels saved as %s version %lld\n", result.equipment.c_str(),
                static_cast<long long>(result.model_version));
  }
  std::printf(
      "\noutcome %s: %s\nrun %s\nwrote %s, %s/trace.json, %s/otlp.jsonl, %s/metrics.prom, "
      "%s/logs.jsonl\n",
      acm::outcome_name(result.outcome), result.message.c_str(), result.run_id.c_str(), db.c_str(),
      cli.out.c_str(), cli.out.c_str(), cli.out.c_str(), cli.out.c_str());
  switch (result.outcome) {
    case acm::Outcome::ok:
      return 0;
    case acm::Outcome::noop:
      return 1;
    case acm::Outcome::fail:
      break;
  }
  return result.message.rfind("internal error", 0) == 0 ? 3 : 2;
}
