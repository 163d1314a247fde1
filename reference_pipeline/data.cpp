// reference_pipeline/data.cpp — synthetic equipment, CSV loading, cadence and validation.
#include "data.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <map>
#include <random>
#include <sstream>

#include <vigil/vigil.hpp>

namespace acm {

Table slice_rows(const Table& table, std::size_t begin, std::size_t end) {
  Table out;
  out.columns = table.columns;
  out.timestamps.assign(table.timestamps.begin() + static_cast<std::ptrdiff_t>(begin),
                        table.timestamps.begin() + static_cast<std::ptrdiff_t>(end));
  out.values = xt::view(table.values, xt::range(begin, end), xt::all());
  out.truth_columns = table.truth_columns;
  if (!table.truth_columns.empty())
    out.truth = xt::view(table.truth, xt::range(begin, end), xt::all());
  return out;
}

namespace {

struct SensorModel {
  const char* name;
  double base, load_gain, ambient_gain, noise;
};

struct Profile {
  const char* equipment;
  double regime_loads[3];
  SensorModel sensors[15];
};

// Sensor = base + load_gain·load + ambient_gain·ambient + noise·AR(1) noise.
constexpr Profile kProfiles[] = {
    {"FD_FAN",
     {0.45, 0.7, 0.95},
     {{"motor_current_a", 40, 120, 0.2, 1.5},
      {"motor_voltage_v", 6600, -40, 0, 8},
      {"motor_power_kw", 300, 900, 0.5, 10},
      {"speed_rpm", 600, 800, 0, 6},
      {"flow_m3s", 20, 140, -0.1, 2},
      {"inlet_pressure_kpa", 101, -3, -0.05, 0.15},
      {"outlet_pressure_kpa", 102, 9, -0.05, 0.2},
      {"damper_position_pct", 20, 70, 0, 1},
      {"bearing_temp_de_c", 35, 25, 0.6, 0.4},
      {"bearing_temp_nde_c", 33, 22, 0.6, 0.4},
      {"winding_temp_a_c", 45, 50, 0.7, 0.6},
      {"winding_temp_b_c", 46, 50, 0.7, 0.6},
      {"vibration_x_mms", 1.2, 2.5, 0, 0.12},
      {"vibration_y_mms", 1.1, 2.3, 0, 0.12},
      {"ambient_temp_c", 0, 0, 1.0, 0.2}}},
    {"GAS_TURBINE",
     {0.5, 0.75, 1.0},
     {{"gen_output_mw", 20, 140, -0.3, 1.2},
      {"fuel_flow_kgs", 1.5, 8, 0.01, 0.08},
      {"compressor_inlet_temp_c", 0, 0, 1.0, 0.3},
      {"compressor_discharge_press_bar", 8, 10, -0.04, 0.1},
      {"compressor_discharge_temp_c", 300, 120, 0.8, 1.5},
      {"exhaust_temp_c", 420, 160, 0.9, 2},
      {"exhaust_spread_c", 8, 6, 0, 0.6},
      {"turbine_speed_rpm", 3000, 0, 0, 2},
      {"bearing1_vib_mms", 2, 2.5, 0, 0.15},
      {"bearing2_vib_mms", 2.2, 2.6, 0, 0.15},
      {"bearing1_temp_c", 70, 20, 0.5, 0.4},
      {"bearing2_temp_c", 72, 21, 0.5, 0.4},
      {"lube_oil_temp_c", 50, 10, 0.4, 0.3},
      {"lube_oil_press_bar", 2.5, 0.3, 0, 0.02},
      {"inlet_filter_dp_mbar", 5, 4, 0, 0.2}}},
    {"WFA_TURBINE_10",
     {0.3, 0.6, 0.9},
     {{"wind_speed_ms", 4, 10, 0, 0.5},
      {"rotor_speed_rpm", 8, 8, 0, 0.2},
      {"generator_speed_rpm", 1000, 700, 0, 8},
      {"active_power_kw", 200, 2600, -1, 30},
      {"reactive_power_kvar", 20, 200, 0, 8},
      {"pitch_angle_deg", 12, -10, 0, 0.3},
      {"nacelle_temp_c", 15, 8, 0.8, 0.4},
      {"ambient_temp_c", 0, 0, 1.0, 0.2},
      {"gearbox_oil_temp_c", 45, 20, 0.5, 0.4},
      {"gearbox_bearing_temp_c", 50, 25, 0.5, 0.4},
      {"generator_bearing_temp_c", 40, 22, 0.5, 0.4},
      {"generator_winding_temp_c", 55, 40, 0.6, 0.6},
      {"tower_acc_x_mg", 20, 40, 0, 2},
      {"tower_acc_y_mg", 18, 38, 0, 2},
      {"converter_temp_c", 35, 15, 0.6, 0.4}}},
};

const Profile& profile(const std::string& equipment) {
  for (const Profile& p : kProfiles) {
    if (equipment == p.equipment) return p;
  }
  std::string known;
  for (const Profile& p : kProfiles) known += std::string(known.empty() ? "" : ", ") + p.equipment;
  throw InputError("unknown equipment '" + equipment + "' (synthetic profiles: " + known + ")");
}

// Three faults spread over the score part: a slow bearing drift, a vibration step, and a
// pressure/flow correlation break.
std::vector<FaultEpisode> plan_faults(std::size_t train_rows, std::size_t rows) {
  const std::size_t score = rows - train_rows;
  if (score < 300) return {};
  const auto at = [&](double fraction) {
    return train_rows + static_cast<std::size_t>(fraction * static_cast<double>(score));
  };
  return {{at(0.15), at(0.15) + score / 12, "drift", {8, 9}},
          {at(0.45), at(0.45) + score / 15, "step", {12, 13}},
          {at(0.75), at(0.75) + score / 15, "correlation_break", {4, 6}}};
}

}  // namespace

std::vector<std::string> synthetic_equipment() {
  std::vector<std::string> out;
  for (const Profile& p : kProfiles) out.emplace_back(p.equipment);
  return out;
}

Dataset generate_synthetic(const SyntheticOptions& requested) {
  SyntheticOptions options = requested;
  if (options.train_rows == 0) options.train_rows = options.rows * 10 / 13;
  const Profile& p = profile(options.equipment);
  if (options.train_rows >= options.rows) {
    throw InputError("--rows must exceed the training rows (" + std::to_string(options.train_rows) +
                     ")");
  }
  std::mt19937_64 random(options.seed);
  std::normal_distribution<double> normal(0.0, 1.0);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  constexpr std::size_t kSensors = 15;
  Dataset out;
  out.train_rows = options.train_rows;
  out.faults = plan_faults(options.train_rows, options.rows);
  out.table.columns.reserve(kSensors);
  for (const SensorModel& s : p.sensors) out.table.columns.emplace_back(s.name);
  out.table.values = Matrix::from_shape({options.rows, kSensors});
  out.table.timestamps.resize(options.rows);

  // Operating regimes alternate with dwell times of 150..450 rows, so that every regime is
  // seen many times in training.
  int regime = 1;
  double load = p.regime_loads[regime];
  std::size_t next_switch = 150 + static_cast<std::size_t>(uniform(random) * 300);
  double noise[kSensors] = {};
  for (std::size_t r = 0; r < options.rows; ++r) {
    out.table.timestamps[r] =
        options.start_unix_s + static_cast<std::int64_t>(r) * options.cadence_s;
    if (r == next_switch) {
      regime = (regime + 1 + (uniform(random) < 0.5 ? 0 : 1)) % 3;
      next_switch += 150 + static_cast<std::size_t>(uniform(random) * 300);
    }
    load +=
        0.05 * (p.regime_loads[regime] - load) + 0.004 * normal(random);  // ramps between regimes
    const double day = static_cast<double>(out.table.timestamps[r] % 86400) / 86400.0;
    const double ambient = 15 + 8 * std::sin(2 * M_PI * (day - 0.3));
    for (std::size_t s = 0; s < kSensors; ++s) {
      noise[s] = 0.7 * noise[s] + std::sqrt(1 - 0.49) * normal(random);
      const SensorModel& m = p.sensors[s];
      out.table.values(r, s) =
          m.base + m.load_gain * load + m.ambient_gain * ambient + m.noise * noise[s];
    }
  }
  for (const FaultEpisode& fault : out.faults) {
    const double length = static_cast<double>(fault.end - fault.begin);
    for (std::size_t r = fault.begin; r < fault.end; ++r) {
      const double progress = static_cast<double>(r - fault.begin) / length;
      for (const std::size_t s : fault.sensors) {
        const double scale = p.sensors[s].noise;
        double& v = out.table.values(r, s);
        if (fault.kind == "drift") v += 20 * scale * progress;
        if (fault.kind == "step") v += 10 * scale;
        if (fault.kind == "correlation_break")
          v -= 0.15 * p.sensors[s].load_gain * (0.5 + progress);
      }
    }
  }
  return out;
}

namespace {

std::string trim(std::string s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  std::size_t start = 0;
  while (start < s.size() && std::isspace(static_cast<unsigned char>(s[start]))) ++start;
  s.erase(0, start);
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"') s = s.substr(1, s.size() - 2);
  return s;
}

std::vector<std::string> split(const std::string& line, char delimiter) {
  std::vector<std::string> cells;
  std::string cell;
  std::istringstream in(line);
  while (std::getline(in, cell, delimiter)) cells.push_back(trim(cell));
  if (!line.empty() && line.back() == delimiter) cells.emplace_back();
  return cells;
}

bool parse_number(const std::string& text, double& value) {
  if (text.empty()) return false;
  char* end = nullptr;
  value = std::strtod(text.c_str(), &end);
  return end == text.c_str() + text.size();
}

std::string lower(std::string name) {
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return name;
}

bool is_time_name(const std::string& name) {
  const std::string n = lower(name);
  return n == "time" || n == "timestamp" || n == "date" || n == "datetime" || n == "ts";
}

// Ground truth shipped beside the readings (SKAB's anomaly and changepoint columns): a
// detector fed its own answer would be no detector.
bool is_label_name(const std::string& name) {
  const std::string n = lower(name);
  return n == "anomaly" || n == "changepoint" || n == "label" || n == "labels";
}

// "YYYY-MM-DD HH:MM:SS" (or with 'T', optional fraction and Z) or unix seconds.
bool parse_time(const std::string& text, std::int64_t& unix_s) {
  double number;
  if (parse_number(text, number)) {
    // Years 1..9999 only: a larger number is not a time, and would not fit an int64.
    if (!(number >= -62135596800.0 && number <= 253402300799.0)) return false;
    unix_s = static_cast<std::int64_t>(number);
    return true;
  }
  std::tm t{};
  int n = 0;
  if (std::sscanf(text.c_str(), "%d-%d-%d%*c%d:%d:%d%n", &t.tm_year, &t.tm_mon, &t.tm_mday,
                  &t.tm_hour, &t.tm_min, &t.tm_sec, &n) < 6) {
    if (std::sscanf(text.c_str(), "%d-%d-%d", &t.tm_year, &t.tm_mon, &t.tm_mday) != 3) return false;
  }
  t.tm_year -= 1900;
  t.tm_mon -= 1;
  unix_s = static_cast<std::int64_t>(timegm(&t));
  return true;
}

}  // namespace

Table load_csv(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError("cannot open '" + path + "'");
  std::string header;
  if (!std::getline(in, header)) throw InputError("'" + path + "' is empty");
  if (!header.empty() && header.back() == '\r') header.pop_back();
  const char delimiter =
      std::count(header.begin(), header.end(), ';') > std::count(header.begin(), header.end(), ',')
          ? ';'
          : ',';
  const std::vector<std::string> names = split(header, delimiter);
  int time_column = -1;
  for (std::size_t c = 0; c < names.size(); ++c) {
    if (is_time_name(names[c])) {
      time_column = static_cast<int>(c);
      break;
    }
  }
  std::vector<std::vector<std::string>> rows;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    rows.push_back(split(line, delimiter));
    if (rows.back().size() != names.size()) {
      throw InputError(path + ":" + std::to_string(rows.size() + 1) + ": " +
                       std::to_string(rows.back().size()) + " cells, the header has " +
                       std::to_string(names.size()));
    }
  }
  if (rows.empty()) throw InputError("'" + path + "' has a header but no rows");
  // A column is numeric when its first non-empty cell is a number.
  std::vector<std::size_t> numeric, truth;
  std::vector<std::string> dropped;
  for (std::size_t c = 0; c < names.size(); ++c) {
    if (static_cast<int>(c) == time_column) continue;
    if (is_label_name(names[c])) {
      VIGIL_LOG_INFO("DATA", "column {} is ground truth, kept out of the features", names[c]);
      truth.push_back(c);
      continue;
    }
    const auto first =
        std::find_if(rows.begin(), rows.end(), [c](const auto& row) { return !row[c].empty(); });
    double ignored;
    if (first != rows.end() && parse_number((*first)[c], ignored)) {
      numeric.push_back(c);
    } else {
      dropped.push_back(names[c]);
    }
  }
  if (numeric.empty()) throw InputError("'" + path + "' has no numeric column");
  if (!dropped.empty()) {
    std::string list;
    for (const auto& name : dropped) list += (list.empty() ? "" : ", ") + name;
    VIGIL_LOG_WARN("DATA", "dropped non-numeric columns: {}", list, {"path", path});
  }
  Table table;
  for (const std::size_t c : numeric) table.columns.push_back(names[c]);
  for (const std::size_t c : truth) table.truth_columns.push_back(names[c]);
  table.values = Matrix::from_shape({rows.size(), numeric.size()});
  table.truth = Matrix::from_shape({rows.size(), truth.size()});
  table.timestamps.resize(rows.size());
  for (std::size_t r = 0; r < rows.size(); ++r) {
    if (time_column >= 0) {
      if (!parse_time(rows[r][static_cast<std::size_t>(time_column)], table.timestamps[r])) {
        throw InputError(path + ":" + std::to_string(r + 2) + ": '" +
                         rows[r][static_cast<std::size_t>(time_column)] + "' is not a time");
      }
    } else {
      table.timestamps[r] = static_cast<std::int64_t>(r);
    }
    for (std::size_t k = 0; k < numeric.size(); ++k) {
      const std::string& cell = rows[r][numeric[k]];
      double value = std::nan("");
      if (!cell.empty() && !parse_number(cell, value)) {
        throw InputError(path + ":" + std::to_string(r + 2) + ": column '" + names[numeric[k]] +
                         "': '" + cell + "' is not a number");
      }
      table.values(r, k) = value;
    }
    for (std::size_t k = 0; k < truth.size(); ++k) {
      double value = 0;
      table.truth(r, k) = parse_number(rows[r][truth[k]], value) ? value : std::nan("");
    }
  }
  return table;
}

std::int64_t detect_cadence(const std::vector<std::int64_t>& timestamps) {
  std::map<std::int64_t, std::size_t> counts;
  for (std::size_t i = 1; i < timestamps.size(); ++i) {
    const std::int64_t step = timestamps[i] - timestamps[i - 1];
    if (step > 0) ++counts[step];
  }
  std::int64_t best = 0;
  std::size_t best_count = 0;
  for (const auto& [step, count] : counts) {
    if (count > best_count) {
      best = step;
      best_count = count;
    }
  }
  return best;
}

Validation validate(Table& table) {
  Validation v;
  v.cadence_s = detect_cadence(table.timestamps);
  for (std::size_t i = 1; i < table.timestamps.size(); ++i) {
    const auto step = table.timestamps[i] - table.timestamps[i - 1];
    if (v.cadence_s > 0 && step * 2 > v.cadence_s * 3) ++v.gaps;
  }
  std::vector<std::size_t> keep;
  for (std::size_t c = 0; c < table.cols(); ++c) {
    double low = INFINITY, high = -INFINITY;
    for (std::size_t r = 0; r < table.rows(); ++r) {
      const double x = table.values(r, c);
      if (std::isnan(x)) {
        ++v.missing_cells;
        continue;
      }
      low = std::min(low, x);
      high = std::max(high, x);
    }
    if (!(high > low)) {
      v.constant_columns.push_back(table.columns[c]);
    } else {
      keep.push_back(c);
    }
  }
  if (keep.size() != table.cols()) {
    Matrix kept = Matrix::from_shape({table.rows(), keep.size()});
    std::vector<std::string> names;
    for (std::size_t k = 0; k < keep.size(); ++k) {
      xt::view(kept, xt::all(), k) = xt::view(table.values, xt::all(), keep[k]);
      names.push_back(table.columns[keep[k]]);
    }
    table.values = std::move(kept);
    table.columns = std::move(names);
  }
  return v;
}

}  // namespace acm
