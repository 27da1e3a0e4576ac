#include "sim/files.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace motcua::sim {
namespace {

namespace json = boost::json;

// What one simulated day may hold: far beyond any hall, small enough for any machine.
constexpr double max_citizens = 200'000;
constexpr std::size_t max_counters = 1'000;

// A JSON value and where it is in its file, for the messages.
struct field {
  const json::value& v;
  std::string where;

  [[noreturn]] void fail(const std::string& what) const {
    throw std::runtime_error(where + ": " + what);
  }
  field at(const std::string& key) const {
    const auto* o = v.if_object();
    if (!o) fail("should be an object");
    const auto* found = o->if_contains(key);
    if (!found) fail("has no \"" + key + "\"");
    return {*found, where + "." + key};
  }
  bool has(const std::string& key) const {
    const auto* o = v.if_object();
    return o && o->contains(key);
  }
  double number(double low, double high) const {
    if (!v.is_number()) fail("should be a number");
    double d = v.to_number<double>();
    if (!(d >= low && d <= high))
      fail("should be between " + std::to_string(low) + " and " + std::to_string(high));
    return d;
  }
  double number_or(const std::string& key, double otherwise, double low, double high) const {
    return has(key) ? at(key).number(low, high) : otherwise;
  }
  int id() const { return static_cast<int>(number(1, 1'000'000)); }
  std::vector<field> items() const {
    const auto* a = v.if_array();
    if (!a) fail("should be a list");
    std::vector<field> out;
    for (std::size_t i = 0; i < a->size(); ++i)
      out.push_back({(*a)[i], where + "[" + std::to_string(i) + "]"});
    return out;
  }
  // One to three capital letters (a ticket number's prefix).
  std::string letters() const {
    const auto* s = v.if_string();
    if (!s || s->empty() || s->size() > 3 ||
        !std::all_of(s->begin(), s->end(), [](char ch) { return ch >= 'A' && ch <= 'Z'; }))
      fail("should be one to three capital letters");
    return std::string(*s);
  }
  // "HH:MM" as minutes after midnight; "24:00" is the end of the day.
  minutes clock_time() const {
    const auto* s = v.if_string();
    int h = 0, m = 0;
    char colon = 0;
    std::istringstream in(s ? std::string(*s) : "");
    if (!s || s->size() != 5 || !(in >> h >> colon >> m) || colon != ':' || h < 0 || m < 0 ||
        m > 59 || h * 60 + m > 24 * 60)
      fail("should be a time of day, \"HH:MM\"");
    return h * 60.0 + m;
  }
};

json::value parse_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path + ": cannot be read");
  std::ostringstream text;
  text << in.rdbuf();
  boost::system::error_code ec;
  auto v = json::parse(text.str(), ec);
  if (ec) throw std::runtime_error(path + ": not JSON (" + ec.message() + ")");
  return v;
}

}  // namespace

hall_profile read_profile(const std::string& path) {
  const auto root = parse_file(path);
  hall_profile out;
  double citizens = 0;  // expected in the day, over every service
  const auto services = field{root, path}.at("services").items();
  for (const auto& s : services) {
    service_profile p;
    p.id = s.at("id").id();
    for (const auto& other : out.services)
      if (other.id == p.id) s.at("id").fail("is the id of another service too");
    const auto rates = s.at("arrivals_per_hour");
    if (!rates.v.is_object()) rates.fail("should be an object of hours (\"8\": 30)");
    for (const auto& [hour, rate] : rates.v.get_object()) {
      field r{rate, rates.where + "." + std::string(hour)};
      int h = -1;
      std::istringstream in{std::string(hour)};
      if (!(in >> h) || h < 0 || h > 23 || std::to_string(h) != hour)
        r.fail("is not an hour of the day (0 to 23)");
      p.arrivals_per_hour[static_cast<std::size_t>(h)] = r.number(0, 10'000);
      citizens += p.arrivals_per_hour[static_cast<std::size_t>(h)];
      if (citizens > max_citizens)
        r.fail("makes more than " + std::to_string(max_citizens) + " citizens a day in all");
    }
    p.mean_service_minutes = s.at("mean_service_minutes").number(0.1, 480);
    p.service_cv = s.number_or("service_cv", p.service_cv, 0, 5);
    p.priority_share = s.number_or("priority_share", 0, 0, 1);
    p.no_show_share = s.number_or("no_show_share", 0, 0, 1);
    if (s.has("transfer")) {
      const auto t = s.at("transfer");
      p.transfer_to = t.at("to").id();
      p.transfer_share = t.at("share").number(0, 1);
      p.transfer_minutes = t.at("mean_minutes").number(0.1, 480);
    }
    p.target_wait_minutes = s.number_or("target_wait_minutes", p.target_wait_minutes, 0, 1440);
    p.month_end_factor = s.number_or("month_end_factor", 1, 0, 100);
    p.prefix = std::string(1, static_cast<char>('A' + (out.services.size() % 26)));
    if (s.has("prefix")) p.prefix = s.at("prefix").letters();
    out.services.push_back(p);
  }
  if (field{root, path}.has("calendar")) {
    const auto c = field{root, path}.at("calendar");
    auto& f = out.calendar;
    if (c.has("weekday_factors")) {
      const auto days = c.at("weekday_factors").items();
      if (days.size() != 7) c.at("weekday_factors").fail("should list 7 factors, Monday first");
      for (std::size_t d = 0; d < 7; ++d) f.weekday[d] = days[d].number(0, 100);
    }
    f.month_end_from_day =
        static_cast<int>(c.number_or("month_end_from_day", f.month_end_from_day, 1, 32));
    f.before_tet_days = static_cast<int>(c.number_or("before_tet_days", f.before_tet_days, 0, 60));
    f.before_tet_factor = c.number_or("before_tet_factor", f.before_tet_factor, 0, 100);
  }
  for (std::size_t i = 0; i < out.services.size(); ++i) {
    const auto& to = out.services[i].transfer_to;
    if (to && std::none_of(out.services.begin(), out.services.end(),
                           [&](const service_profile& p) { return p.id == *to; }))
      services[i].at("transfer").at("to").fail("is no service of the profile");
  }
  return out;
}

std::vector<counter_plan> read_plan(const std::string& path) {
  const auto root = parse_file(path);
  std::vector<counter_plan> out;
  const auto counters = field{root, path}.at("counters").items();
  if (counters.size() > max_counters)
    field{root, path}
        .at("counters")
        .fail("has more than " + std::to_string(max_counters) + " counters");
  for (const auto& c : counters) {
    counter_plan p;
    p.id = c.at("id").id();
    for (const auto& other : out)
      if (other.id == p.id) c.at("id").fail("is the id of another counter too");
    for (const auto& s : c.at("services").items()) p.services.push_back(s.id());
    for (const auto& s : c.at("shifts").items()) {
      const auto ends = s.items();
      if (ends.size() != 2) s.fail("should be [\"from\", \"to\"]");
      shift one{ends[0].clock_time(), ends[1].clock_time()};
      if (!(one.to > one.from)) s.fail("ends before it starts");
      for (const auto& before : p.shifts)
        if (one.from < before.to && before.from < one.to) s.fail("overlaps another shift");
      p.shifts.push_back(one);
    }
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace motcua::sim
