#include "counter/model/format.hpp"

#include <charconv>
#include <cstdio>

#include "shared/domain/text.hpp"

namespace motcua::counter {

std::string local_time_date(std::string_view iso, const domain::business_zone& zone) {
  auto t = domain::parse_iso8601(iso);
  return t ? domain::format_hh_mm_ddmmyyyy(*t, zone) : std::string(iso);
}

std::string local_hh_mm(std::string_view iso, const domain::business_zone& zone) {
  auto t = domain::parse_iso8601(iso);
  return t ? domain::format_hh_mm(zone.time_of_day(*t)) : std::string(iso);
}

std::string clock_text(std::chrono::seconds s) {
  auto total = std::max<long long>(0, s.count());
  char out[32];
  if (total < 3600)
    std::snprintf(out, sizeof out, "%lld:%02lld", total / 60, total % 60);
  else
    std::snprintf(out, sizeof out, "%lld:%02lld:%02lld", total / 3600, total / 60 % 60, total % 60);
  return out;
}

std::string money_text(std::int64_t dong) { return domain::group_thousands(dong) + " đ"; }

std::optional<std::chrono::year_month_day> parse_ui_date(std::string_view text) {
  int parts[3] = {0, 0, 0};
  const char* p = text.data();
  const char* end = text.data() + text.size();
  for (int i = 0; i < 3; ++i) {
    auto [next, ec] = std::from_chars(p, end, parts[i]);
    if (ec != std::errc{} || next == p) return std::nullopt;
    p = next;
    if (i < 2) {
      if (p == end || *p != '/') return std::nullopt;
      ++p;
    }
  }
  if (p != end || parts[2] < 1900) return std::nullopt;
  std::chrono::year_month_day d{std::chrono::year{parts[2]},
                                std::chrono::month{static_cast<unsigned>(parts[1])},
                                std::chrono::day{static_cast<unsigned>(parts[0])}};
  if (!d.ok()) return std::nullopt;
  return d;
}

std::chrono::seconds since(std::string_view iso, domain::time_point now) {
  auto t = domain::parse_iso8601(iso);
  if (!t || *t > now) return std::chrono::seconds{0};
  return std::chrono::duration_cast<std::chrono::seconds>(now - *t);
}

domain::text weekday_name(std::chrono::weekday d) {
  constexpr domain::text names[] = {{"Chủ nhật", "Sunday"},  {"Thứ Hai", "Monday"},
                                    {"Thứ Ba", "Tuesday"},   {"Thứ Tư", "Wednesday"},
                                    {"Thứ Năm", "Thursday"}, {"Thứ Sáu", "Friday"},
                                    {"Thứ Bảy", "Saturday"}};
  return names[d.c_encoding() % 7];
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

void csv_text::row(std::initializer_list<std::string> fields) {
  bool first = true;
  for (const auto& f : fields) {
    if (!first) out_ << ',';
    out_ << csv_field(f);
    first = false;
  }
  out_ << "\r\n";
}

}  // namespace motcua::counter
