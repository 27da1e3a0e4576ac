// The public screens' words in Vietnamese and English, and how they write times and waits:
// dates dd/mm/yyyy and times HH:MM in the business time zone (Asia/Ho_Chi_Minh), waits in
// minutes. Pure functions, so that tests can check what a screen says.
#pragma once

#include <string>
#include <string_view>

#include "shared/domain/clock.hpp"
#include "shared/domain/language.hpp"
#include "shared/domain/ticket.hpp"

namespace motcua::kiosk {

// "27/11/2026" and "08:05" for an ISO 8601 time from the wire ("" when it does not parse).
std::string ddmmyyyy_text(std::string_view iso, const domain::business_zone& zone = {});
std::string hh_mm_text(std::string_view iso, const domain::business_zone& zone = {});
std::string ddmmyyyy_text(domain::time_point t, const domain::business_zone& zone = {});
// "08:05"
std::string hh_mm_text(domain::time_point t, const domain::business_zone& zone = {});

// "12 người đang chờ" / "12 waiting"
std::string waiting_text(domain::lang l, int waiting);
// "Chờ khoảng 25 phút" / "About 25 min wait"; "Không phải chờ" / "No wait" at 0.
std::string eta_text(domain::lang l, int minutes);
// "Trước quý vị: 3 người" / "3 people ahead of you"
std::string ahead_text(domain::lang l, int ahead);

// A dossier status code from the wire in plain words (domain::glossary::status_name; the code
// itself when unknown).
std::string dossier_status_label(domain::lang l, std::string_view status);
// What the citizen can do next (domain::glossary::status_hint; empty when unknown).
domain::text dossier_status_hint(std::string_view status);

// The banner's headline when the server refused this device's token: the link has stopped
// trying, and only IT can put it right (a new token in the kiosk's config).
constexpr domain::text device_refused{
    "Thiết bị chưa được cấp quyền (mã thiết bị bị từ chối). Liên hệ bộ phận CNTT.",
    "This device's token was refused. Contact IT."};
// What goes under that headline: the same in the other language, for whoever comes to fix it,
// and the server's own words.
std::string device_refused_detail(domain::lang l, const std::string& server_message);

// "Quầy 3" / "Counter 3" for a counter name from the server ("Quầy 3").
std::string counter_label(domain::lang l, const std::string& name, int id);

}  // namespace motcua::kiosk
