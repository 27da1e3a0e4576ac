// Dossier codes (mã hồ sơ), Circular 01/2018/TT-VPCP Art. 19 (docs/domain.md
// "Dossier codes"): UNITCODE-YYMMDD-XXXX, e.g. "000.17.22.H56-210531-0001", where
// UNITCODE is the receiving unit's electronic identifier, YYMMDD the day the
// dossier was received and XXXX that unit's sequence number for the day.
// Pure functions: no I/O.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace motcua::domain {

// `unit_code` is written as given (configuration; upper case, see
// parse_dossier_code). `received` must fall in 2000-2099 and `sequence` be at
// least 1; it takes four digits, zero-padded, and more past 9999.
std::string format_dossier_code(std::string_view unit_code, std::chrono::year_month_day received,
                                int sequence);

struct dossier_code_parts {
  std::string unit;  // upper case
  std::chrono::year_month_day day;
  int sequence;

  bool operator==(const dossier_code_parts&) const = default;
};

// Reads a dossier code, lower-case letters included. The unit code is one or
// more groups of ASCII letters and digits joined by single dots
// ("000.17.22.H56", "H15.50.05.13"); YYMMDD a real date of 2000-2099; the
// sequence 4 to 9 digits, not zero. Anything else (spaces included) is
// refused.
std::optional<dossier_code_parts> parse_dossier_code(std::string_view code);

}  // namespace motcua::domain
