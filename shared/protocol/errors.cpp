#include "shared/protocol/errors.hpp"

#include <utility>

#include "shared/domain/calendar.hpp"
#include "shared/protocol/limits.hpp"

namespace motcua::protocol {

protocol::error make_error(protocol::error_code code, std::string_view vi, std::string_view en,
                           bool english) {
  return protocol::error{code, std::string(english ? en : vi), std::string(en), {}};
}

protocol::error internal_error(bool english) {
  return make_error(protocol::error_code::internal, "Lỗi máy chủ, vui lòng thử lại.",
                    "Server error, please try again.", english);
}

protocol::error retry_later(std::string_view vi, std::string_view en, int seconds, bool english) {
  auto n = std::to_string(seconds);
  auto e = make_error(protocol::error_code::limit, std::string(vi) + " " + n + " giây.",
                      std::string(en) + " " + n + " seconds.", english);
  e.retry_after = seconds;
  return e;
}

protocol::error invalid_field(std::string_view field, std::string_view vi, std::string_view en,
                              bool english) {
  auto e = make_error(protocol::error_code::invalid, vi, en, english);
  e.fields.emplace(field, english ? en : vi);
  return e;
}

std::variant<day_range, protocol::error> read_day_range(const std::optional<std::string>& from,
                                                        const std::optional<std::string>& to,
                                                        std::chrono::year_month_day today,
                                                        bool english) {
  auto from_day = from ? domain::parse_date(*from) : today;
  if (!from_day)
    return invalid_field("from", "Ngày không hợp lệ (YYYY-MM-DD).", "Invalid date (YYYY-MM-DD).",
                         english);
  auto to_day =
      to ? domain::parse_date(*to)
         : std::chrono::year_month_day{std::chrono::sys_days{*from_day} + std::chrono::days{1}};
  if (!to_day || std::chrono::sys_days{*to_day} <= std::chrono::sys_days{*from_day})
    return invalid_field("to", "Ngày kết thúc phải sau ngày bắt đầu (YYYY-MM-DD).",
                         "The end date must come after the start date (YYYY-MM-DD).", english);
  return day_range{*from_day, *to_day};
}

std::optional<protocol::error> check_request_key(std::string_view key, bool english) {
  if (key.size() <= max_request_key_size) return std::nullopt;
  const auto most = std::to_string(max_request_key_size);
  return invalid_field("request_key", "Mã yêu cầu quá dài (tối đa " + most + " ký tự).",
                       "request_key is too long (at most " + most + " characters).", english);
}

std::optional<protocol::error> apply_text_policy(const domain::text_field& field,
                                                 std::optional<std::string>& value, bool english) {
  if (!value) return std::nullopt;
  auto checked = domain::check_text(field, *value);
  if (checked.problem)
    return invalid_field(field.name, checked.problem->vi, checked.problem->en, english);
  value = std::move(checked.text);
  return std::nullopt;
}

}  // namespace motcua::protocol
