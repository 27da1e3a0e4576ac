#include "server/config/catalogue_reader.hpp"

#include <set>

#include "shared/domain/dossier_code.hpp"
#include "shared/domain/text.hpp"

namespace motcua::config {
namespace {

std::chrono::year_month_day date(const node& n, const char* key) {
  auto d = domain::parse_date(n.text(key));
  if (!d) n.fail(std::string(key) + ": expected a date YYYY-MM-DD");
  return *d;
}

domain::duration_unit duration_unit(const node& n) {
  auto unit = n.text("unit");
  if (unit == "working_days") return domain::duration_unit::working_days;
  if (unit == "calendar_days") return domain::duration_unit::calendar_days;
  if (unit == "hours") return domain::duration_unit::hours;
  n.fail("unit: expected working_days, calendar_days or hours");
}

// {"amount": 10, "unit": "working_days", "cutoff": "15:00"}
domain::duration_rule duration(const node& n) {
  domain::duration_rule rule;
  n.read("amount", rule.amount);
  rule.unit = duration_unit(n);
  if (n.find("cutoff")) {
    rule.cutoff = domain::parse_hh_mm(n.text("cutoff"));
    if (!rule.cutoff) n.fail("cutoff: expected HH:MM");
  }
  return rule;
}

procedure_version read_version(const node& n) {
  procedure_version v;
  v.effective_from = date(n, "effective_from");
  v.legal_time = duration(node(n.need("legal_time"), n.child("legal_time")));
  n.read("fee", v.fee);
  n.each("documents", [&](const node& d, const json::value&) {
    procedure_document doc{d.text("name"), true};
    d.read("required", doc.required);
    v.documents.push_back(std::move(doc));
  });
  n.each("steps", [&](const node& s, const json::value&) {
    procedure_step step{s.text("name"), s.text("name"), s.text("department"), duration(s), {}};
    s.read("name_en", step.name_en);
    if (s.find("unit_code")) {
      // A unit code as dossier codes carry it ("000.00.10.H26").
      step.unit_code = domain::to_upper_ascii(s.text("unit_code"));
      if (!domain::parse_dossier_code(*step.unit_code + "-250701-0001"))
        s.fail("unit_code: expected a unit code such as 000.00.10.H26");
    }
    v.steps.push_back(std::move(step));
  });
  if (const auto* options = n.find("result_options"); options && options->is_array())
    for (const auto& o : options->as_array())
      if (o.is_string()) v.result_options.emplace_back(o.as_string());
  return v;
}

void read_calendar(const node& n, domain::calendar_rules& rules) {
  if (const auto* days = n.find("weekly_days_off")) {
    if (!days->is_array()) n.fail("weekly_days_off: expected ISO weekdays 1..7");
    rules.weekly_days_off.clear();
    for (const auto& d : days->as_array()) {
      if (!d.is_int64() || d.as_int64() < 1 || d.as_int64() > 7)
        n.fail("weekly_days_off: expected ISO weekdays 1 (Monday) to 7 (Sunday)");
      rules.weekly_days_off.push_back(std::chrono::weekday{static_cast<unsigned>(d.as_int64())});
    }
  }
  n.read("days_before_tet", rules.days_before_tet);
  n.read("days_from_tet", rules.days_from_tet);
  n.read("holiday_on_day_off_gives_next_working_day",
         rules.holiday_on_day_off_gives_next_working_day);
  n.each("entries", [&](const node& e, const json::value&) {
    auto kind = e.text("kind");
    domain::day_kind k = domain::day_kind::holiday;
    if (kind == "compensatory_day_off")
      k = domain::day_kind::compensatory_day_off;
    else if (kind == "make_up_working_day")
      k = domain::day_kind::make_up_working_day;
    else if (kind != "holiday")
      e.fail("kind: expected holiday, compensatory_day_off or make_up_working_day");
    rules.entries.push_back({date(e, "date"), k});
  });
}

}  // namespace

catalogue read_catalogue(const node& top) {
  catalogue c;
  if (const auto* u = top.find("unit")) {
    node n(*u, "unit");
    c.unit.code = n.text("code");
    n.read("name", c.unit.name);
    n.read("place", c.unit.place);
    n.read("public_url", c.unit.public_url);
    std::string forms = "2025";
    n.read("form_set", forms);
    if (forms != "2018" && forms != "2025") n.fail("form_set: expected \"2018\" or \"2025\"");
    c.unit.forms = forms == "2018" ? form_set::y2018 : form_set::y2025;
  }
  if (top.find("office_hours")) {
    auto hours = domain::parse_office_hours(top.text("office_hours"));
    if (!hours) top.fail("office_hours: expected \"07:00-11:30,13:30-17:00\"");
    c.office_hours = *hours;
  }
  if (const auto* cal = top.find("calendar")) read_calendar(node(*cal, "calendar"), c.calendar);
  top.read("rating_levels", c.rating_levels, 3);
  if (c.rating_levels != 3 && c.rating_levels != 5) top.fail("rating_levels: expected 3 or 5");

  std::set<std::int64_t> ids;
  top.each("procedures", [&](const node& n, const json::value&) {
    procedure p;
    p.id = n.id("id");
    p.code = n.text("code");
    p.name = n.text("name");
    p.name_en = n.text("name_en");
    p.service = n.id("service");
    n.each("versions", [&](const node& v, const json::value&) {
      p.versions.push_back(read_version(v));
      if (p.versions.size() > 1 &&
          p.versions[p.versions.size() - 2].effective_from >= p.versions.back().effective_from)
        v.fail("effective_from: versions must be in increasing date order");
    });
    if (p.versions.empty()) n.fail("versions: at least one is needed");
    if (!ids.insert(p.id).second) n.fail("duplicate procedure id");
    c.procedures.push_back(std::move(p));
  });
  return c;
}

}  // namespace motcua::config
