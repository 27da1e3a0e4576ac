// Errors as the citizen or clerk reads them: a machine code with the text in
// Vietnamese and English; the text policy's refusals as such errors.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "shared/domain/text_policy.hpp"
#include "shared/protocol/messages.hpp"

namespace motcua::protocol {

// `english` picks the language of `message`; `message_en` is always English.
protocol::error make_error(protocol::error_code code, std::string_view vi, std::string_view en,
                           bool english);
// The `internal` error: the server failed (a database error, its request undone), not the
// request; the same request may be sent again.
protocol::error internal_error(bool english);
// A `limit` error that says when to try again: "`vi` N giây." / "`en` N seconds.", with
// `retry_after` = N (a held-back login, a spent per-address budget).
protocol::error retry_later(std::string_view vi, std::string_view en, int seconds, bool english);
// An `invalid` error for one field.
protocol::error invalid_field(std::string_view field, std::string_view vi, std::string_view en,
                              bool english);

// The days a report covers, [from, to): `from` (YYYY-MM-DD; absent: `today`) and `to` (exclusive;
// absent: the day after `from`), or the `invalid` error naming the field (get_stats,
// get_province_stats).
struct day_range {
  std::chrono::year_month_day from;
  std::chrono::year_month_day to;
};
std::variant<day_range, protocol::error> read_day_range(const std::optional<std::string>& from,
                                                        const std::optional<std::string>& to,
                                                        std::chrono::year_month_day today,
                                                        bool english);

// A request's `request_key` within max_request_key_size (limits.hpp), or the `invalid` error
// naming it (take_ticket, register_dossier, rate_service).
std::optional<protocol::error> check_request_key(std::string_view key, bool english);

// The text policy (domain/text_policy.hpp) on a free-text field of a request: `value` becomes
// its stored form (NFC, spaces collapsed), or the `invalid` error naming the field is returned
// and `value` is left as it was. An absent value passes.
std::optional<protocol::error> apply_text_policy(const domain::text_field& field,
                                                 std::optional<std::string>& value, bool english);

}  // namespace motcua::protocol
