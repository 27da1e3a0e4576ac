#include "kiosk/model/wording.hpp"

#include <algorithm>
#include <array>
#include "shared/domain/dossier.hpp"
#include "shared/domain/glossary.hpp"

namespace motcua::kiosk {

std::string ddmmyyyy_text(domain::time_point t, const domain::business_zone& zone) {
  return domain::format_ddmmyyyy(zone.day_of(t));
}

std::string ddmmyyyy_text(std::string_view iso, const domain::business_zone& zone) {
  const auto t = domain::parse_iso8601(iso);
  return t ? ddmmyyyy_text(*t, zone) : "";
}

std::string hh_mm_text(domain::time_point t, const domain::business_zone& zone) {
  return domain::format_hh_mm(zone.time_of_day(t));
}

std::string hh_mm_text(std::string_view iso, const domain::business_zone& zone) {
  const auto t = domain::parse_iso8601(iso);
  return t ? hh_mm_text(*t, zone) : "";
}

std::string waiting_text(domain::lang l, int waiting) {
  const std::string n = std::to_string(waiting);
  return l == domain::lang::en ? n + " waiting" : n + " người đang chờ";
}

std::string eta_text(domain::lang l, int minutes) {
  if (minutes <= 0) return domain::text{"Không phải chờ", "No wait"}(l);
  const std::string n = std::to_string(minutes);
  return l == domain::lang::en ? "About " + n + " min wait" : "Chờ khoảng " + n + " phút";
}

std::string ahead_text(domain::lang l, int ahead) {
  const std::string n = std::to_string(ahead);
  if (l == domain::lang::en)
    return ahead == 1 ? "1 person ahead of you" : n + " people ahead of you";
  return "Trước quý vị: " + n + " người";
}

std::string dossier_status_label(domain::lang l, std::string_view status) {
  const auto s = domain::parse_dossier_status(status);
  return s ? domain::glossary::status_name(*s)(l) : std::string(status);
}

domain::text dossier_status_hint(std::string_view status) {
  const auto s = domain::parse_dossier_status(status);
  return s ? domain::glossary::status_hint(*s) : domain::text{"", ""};
}

std::string counter_label(domain::lang l, const std::string& name, int id) {
  if (l == domain::lang::en) return "Counter " + std::to_string(id);
  return name.empty() ? "Quầy " + std::to_string(id) : name;
}

std::string device_refused_detail(domain::lang l, const std::string& server_message) {
  std::string out = device_refused(domain::other(l));
  if (!server_message.empty()) out.append("\n").append(server_message);
  return out;
}

}  // namespace motcua::kiosk
