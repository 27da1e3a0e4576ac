// Errors as the citizen or clerk reads them: a machine code with the text in
// Vietnamese and English.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "protocol/messages.hpp"

namespace motcua::engine {

// `english` picks the language of `message`; `message_en` is always English.
protocol::error make_error(protocol::error_code code, std::string_view vi, std::string_view en,
                           bool english);
// An `invalid` error for one field.
protocol::error invalid_field(std::string_view field, std::string_view vi, std::string_view en,
                              bool english);

}  // namespace motcua::engine
