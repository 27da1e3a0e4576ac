#include "shared/protocol/json_text.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <limits>
#include <string>

namespace motcua::protocol {
namespace {

namespace json = boost::json;

// The text Boost.JSON's serializer makes of the same value: the wire is unchanged.
std::string boost_text(const json::value& v) { return json::serialize(v); }

TEST(json_text, strings_are_escaped_as_boost_json_escapes_them) {
  std::string every_byte;
  for (int c = 1; c < 256; ++c) every_byte += static_cast<char>(c);
  for (std::string s : {std::string(), std::string("plain"), std::string("Nguyễn Thị \"Hồng\""),
                        std::string("a\\b/c\n\t\r\b\f"), std::string("\x01\x1f\x7f", 3),
                        std::string("nul\0inside", 10), every_byte}) {
    json_text out;
    out.string(s);
    EXPECT_EQ(out.text(), boost_text(json::string(s))) << s;
  }
}

TEST(json_text, numbers_and_literals_as_boost_json_writes_them) {
  for (std::int64_t n :
       {std::int64_t{0}, std::int64_t{-1}, std::int64_t{42},
        std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max()}) {
    json_text out;
    out.integer(n);
    EXPECT_EQ(out.text(), boost_text(n));
  }
  for (double d : {0.0, 1.0, 0.5, -2.25, 1e300, 0.1}) {
    json_text out;
    out.number(d);
    EXPECT_EQ(out.text(), boost_text(d));
  }
  json_text out;
  out.begin_array();
  out.boolean(true);
  out.boolean(false);
  out.null();
  out.end_array();
  EXPECT_EQ(out.text(), "[true,false,null]");
}

TEST(json_text, nested_objects_and_arrays_take_their_commas) {
  json_text out;
  out.begin_object();
  out.key("type");
  out.string("event");
  out.key("empty");
  out.begin_object();
  out.end_object();
  out.key("list");
  out.begin_array();
  out.begin_object();
  out.key("a");
  out.integer(1);
  out.end_object();
  out.begin_array();
  out.end_array();
  out.integer(2);
  out.end_array();
  out.key("last");
  out.boolean(true);
  out.end_object();
  const auto expected = json::value{{"type", "event"},
                                    {"empty", json::object()},
                                    {"list", json::array{json::object{{"a", 1}}, json::array(), 2}},
                                    {"last", true}};
  EXPECT_EQ(out.text(), boost_text(expected));
  EXPECT_EQ(json::parse(out.take()), expected);
}

}  // namespace
}  // namespace motcua::protocol
