// The receiving unit and its catalogue of administrative procedures, as data
// (docs/domain.md: legal frame, codes, due times, demo catalogue): procedures with rule versions by
// effective date, the working-day calendar's rules, office hours, the form set
// and the satisfaction scale. A dossier keeps the version in force when it was
// received, so a catalogue change never moves an existing due time.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/domain/calendar.hpp"
#include "shared/domain/due_time.hpp"
#include "shared/domain/ticket.hpp"

namespace motcua::config {

// Which official form numbering the unit prints (Circular 01/2018 or 03/2025).
enum class form_set { y2018, y2025 };

struct unit_info {
  std::string code;  // electronic identifier, e.g. "000.17.22.H56" (the dossier code prefix)
  std::string name;
  std::string place;  // "Đà Nẵng": the place line of the forms
  form_set forms = form_set::y2025;
  std::string public_url;  // base of the lookup address printed as a QR code on receipts
};

struct procedure_document {
  std::string name;
  bool required = true;
};

// One internal step (one-stop desk -> department -> signature -> results).
struct procedure_step {
  std::string name;
  std::string name_en;
  std::string department;
  domain::duration_rule allotted;
  // The unit whose department takes this step when it is not this centre's (its code, as in
  // dossier codes): since July 2025 a commune receives dossiers that a city department decides.
  std::optional<std::string> unit_code;
};

// The rules of a procedure from `effective_from` on.
struct procedure_version {
  std::chrono::year_month_day effective_from;
  domain::duration_rule legal_time;
  std::vector<procedure_step> steps;
  std::vector<procedure_document> documents;
  std::int64_t fee = 0;  // đồng
  std::vector<std::string> result_options;
};

struct procedure {
  std::int64_t id = 0;
  std::string code;  // national procedure code
  std::string name;
  std::string name_en;
  domain::service_id service = 0;           // the queue service (lĩnh vực) it belongs to
  std::vector<procedure_version> versions;  // by effective date, oldest first

  // The version in force on `day`, or null before the first one.
  const procedure_version* version_on(std::chrono::year_month_day day) const;
};

struct catalogue {
  unit_info unit;
  domain::office_hours office_hours;
  domain::calendar_rules calendar;
  int rating_levels = 3;  // 3 (counters) or 5 (surveys)
  std::vector<procedure> procedures;

  const procedure* find_procedure(std::int64_t id) const;
  // The rules a dossier received under the version effective from `received_under`
  // ("2025-07-01") follows, or null.
  const procedure_version* version_of(std::int64_t procedure,
                                      std::string_view received_under) const;
};

}  // namespace motcua::config
