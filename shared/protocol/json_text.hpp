#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace motcua::protocol {

// JSON text written as it goes, for the codecs' encoders: no document built first. The text is
// the one Boost.JSON's serializer makes of the same document (the same escapes, the same
// numbers), so the wire is unchanged; Boost.JSON still parses everything we read.
//
// Why not Boost.JSON's value and serializer here: every ticket is encoded three times (the
// reply, its event, its audit entry), and building the document (a hashed object per level, an
// allocation per node) cost more than the text itself (issue 12's profile: 42,000 instructions
// per ticket, a fifth of the server's own work per ticket).
//
// The caller gives a well-formed order: in an object, key() before each value.
class json_text {
 public:
  void begin_object();
  void end_object();
  void begin_array();
  void end_array();
  void key(std::string_view name);

  void string(std::string_view s);
  void integer(std::int64_t n);
  void number(double d);
  void boolean(bool b);
  void null();

  const std::string& text() const { return out_; }
  std::string take() { return std::move(out_); }

 private:
  void value_starts();
  void open(char bracket);
  void close(char bracket);

  std::string out_;
  bool comma_ = false;  // a value was written at this level: the next one needs a comma
};

}  // namespace motcua::protocol
