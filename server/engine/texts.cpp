#include "engine/texts.hpp"

namespace motcua::engine {

protocol::error make_error(protocol::error_code code, std::string_view vi, std::string_view en,
                           bool english) {
  return protocol::error{code, std::string(english ? en : vi), std::string(en), {}};
}

protocol::error invalid_field(std::string_view field, std::string_view vi, std::string_view en,
                              bool english) {
  auto e = make_error(protocol::error_code::invalid, vi, en, english);
  e.fields.emplace(field, english ? en : vi);
  return e;
}

}  // namespace motcua::engine
