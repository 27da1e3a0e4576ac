#include "shared/protocol/province.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>
#include <variant>
#include <vector>

namespace motcua::protocol::province {
namespace {

namespace json = boost::json;

// Each kind with every optional member set, and with none.
std::vector<record_body> full_rows() {
  return {
      ticket_row{7, "2026-11-27", "A007", 1, "done", "elderly", "2026-11-27T08:00:00+07:00",
                 "2026-11-27T08:10:00+07:00", "2026-11-27T08:11:00+07:00",
                 "2026-11-27T08:20:00+07:00", 3, 12},
      dossier_row{"000.00.00.H99-261127-0001", "000.00.00.H99", "1.001612",
                  "Trợ cấp xã hội hằng tháng", "Monthly social allowance", "processing",
                  "2026-11-27T08:05:00+07:00", "2026-12-15T17:00:00+07:00",
                  "2026-12-14T17:00:00+07:00", "2026-12-10T16:00:00+07:00", "Phòng Bảo trợ xã hội",
                  "Nguyễn Thị Hồng Nhung", "048185000123", "B1234567"},
      history_row{31, "000.00.00.H99-261127-0001", "000.00.00.H99", "2026-11-27T10:00:00+07:00",
                  "clerk1", "forward", "Bộ phận Một cửa", "Phòng Bảo trợ xã hội",
                  "Chuyển thẩm định", "on_time"},
      rating_row{5, "2026-11-27T08:21:00+07:00", "2026-11-27", 3, 2, 3, 7,
                 "000.00.00.H99-261127-0001"},
      service_row{1, "Hộ tịch", "Civil status", 30},
  };
}

std::vector<record_body> bare_rows() {
  return {
      ticket_row{8,
                 "2026-11-27",
                 "B001",
                 2,
                 "waiting",
                 "none",
                 "2026-11-27T08:01:00+07:00",
                 {},
                 {},
                 {},
                 {},
                 {}},
      dossier_row{"000.00.00.H99-261127-0002",
                  "000.00.00.H99",
                  "1.001612",
                  "Trợ cấp",
                  "Allowance",
                  "received",
                  "2026-11-27T09:00:00+07:00",
                  "2026-12-16T17:00:00+07:00",
                  {},
                  {},
                  {},
                  "Trần Văn An",
                  {},
                  {}},
      history_row{32,
                  "000.00.00.H99-261127-0002",
                  "000.00.00.H99",
                  "2026-11-27T09:00:00+07:00",
                  "clerk2",
                  "register",
                  {},
                  {},
                  {},
                  {}},
      rating_row{6, "2026-11-27T08:30:00+07:00", "2026-11-27", 4, 3, 3, {}, {}},
      service_row{2, "Đất đai", "", {}},
  };
}

push sample_push() {
  push p{"000.00.00.H99", 12, {}};
  std::int64_t seq = 10;
  for (const auto& rows : {full_rows(), bare_rows()})
    for (const record_body& body : rows) {
      p.records.push_back(record{seq, "2026-11-27T08:00:00+07:00", body});
      seq += 3;  // gaps are allowed
    }
  return p;
}

// The error of a decoding that must fail.
std::string error_of(const auto& decoded) {
  if (auto* e = std::get_if<std::string>(&decoded)) return *e;
  return "(decoded)";
}

// A push of one record whose `data` is `data`, of kind `kind`.
std::string one_record(std::string_view kind, std::string_view data) {
  return R"({"unit":"u","records":[{"seq":1,"at":"t","kind":")" + std::string(kind) +
         R"(","data":)" + std::string(data) + "}]}";
}

TEST(ProvinceKinds, Names) {
  std::vector<std::string_view> names;
  for (const record_body& b : full_rows()) names.push_back(kind_of(b));
  EXPECT_EQ(names,
            (std::vector<std::string_view>{"ticket", "dossier", "history", "rating", "service"}));
}

TEST(ProvinceRoundTrip, PushOfEveryKind) {
  push p = sample_push();
  ASSERT_EQ(p.records.size(), 2 * std::variant_size_v<record_body>);
  auto decoded = decode_push(encode(p));
  ASSERT_TRUE(std::holds_alternative<push>(decoded)) << error_of(decoded);
  EXPECT_EQ(std::get<push>(decoded), p);
}

TEST(ProvinceRoundTrip, EmptyPush) {
  push p{"u", std::nullopt, {}};
  EXPECT_EQ(encode(p), R"({"unit":"u","records":[]})");
  auto decoded = decode_push(encode(p));
  ASSERT_TRUE(std::holds_alternative<push>(decoded)) << error_of(decoded);
  EXPECT_EQ(std::get<push>(decoded), p);
}

TEST(ProvinceRoundTrip, BodyOfEveryKind) {
  for (const auto& rows : {full_rows(), bare_rows()})
    for (const record_body& body : rows) {
      std::string json = encode_body(body);
      auto decoded = decode_body(kind_of(body), json);
      ASSERT_TRUE(std::holds_alternative<record_body>(decoded))
          << json << ": " << error_of(decoded);
      EXPECT_EQ(std::get<record_body>(decoded), body) << json;
    }
}

TEST(ProvinceWire, RecordShape) {
  push p{"000.00.00.H99", std::nullopt, {record{4, "2026-11-27T08:00:00+07:00", bare_rows()[4]}}};
  EXPECT_EQ(encode(p),
            R"({"unit":"000.00.00.H99","records":[{"seq":4,"at":"2026-11-27T08:00:00+07:00",)"
            R"("kind":"service","data":{"id":2,"name":"Đất đai","name_en":""}}]})");
}

TEST(ProvinceWire, OptionalMembersOmittedWhenEmpty) {
  json::value full = json::parse(encode_body(full_rows()[0]));
  json::value bare = json::parse(encode_body(bare_rows()[0]));
  for (std::string_view key : {"called_at", "started_at", "ended_at", "counter", "eta_minutes"}) {
    EXPECT_TRUE(full.get_object().contains(key)) << key;
    EXPECT_FALSE(bare.get_object().contains(key)) << key;
  }
  EXPECT_EQ(bare.get_object().size(), 7u);
  // The dossier's optional applicant members are its ID and passport numbers only.
  json::value dossier = json::parse(encode_body(full_rows()[1]));
  EXPECT_EQ(dossier.at("id_number").as_string(), "048185000123");
  EXPECT_EQ(dossier.at("passport").as_string(), "B1234567");
  EXPECT_EQ(dossier.get_object().size(), 14u);
}

TEST(ProvinceDecode, NullIsAbsentAndUnknownFieldsAreIgnored) {
  auto decoded = decode_body(
      "service",
      R"({"id":2,"name":"Đất đai","name_en":"","max_wait_minutes":null,"colour":"red"})");
  ASSERT_TRUE(std::holds_alternative<record_body>(decoded)) << error_of(decoded);
  EXPECT_EQ(std::get<record_body>(decoded), bare_rows()[4]);

  auto p = decode_push(R"({"unit":"u","version":2,"records":[{"seq":1,"at":"t","kind":"service",)"
                       R"("data":{"id":1,"name":"n","name_en":"e"},"extra":[1]}]})");
  ASSERT_TRUE(std::holds_alternative<push>(p)) << error_of(p);
  EXPECT_EQ(std::get<push>(p).records.at(0).body, record_body(service_row{1, "n", "e", {}}));
}

TEST(ProvinceDecode, LargestIntegers) {
  auto decoded =
      decode_body("rating", R"({"id":9223372036854775807,"at":"a","day":"d","counter":1,)"
                            R"("level":-2147483648,"scale":2147483647})");
  ASSERT_TRUE(std::holds_alternative<record_body>(decoded)) << error_of(decoded);
  const auto& r = std::get<rating_row>(std::get<record_body>(decoded));
  EXPECT_EQ(r.id, 9223372036854775807);
  EXPECT_EQ(r.level, -2147483648LL);
  EXPECT_EQ(r.scale, 2147483647);
}

TEST(ProvinceErrors, MissingField) {
  EXPECT_EQ(error_of(decode_push(one_record("dossier", R"({"unit":"u"})"))),
            "records[0].data.code: missing");
  EXPECT_EQ(error_of(decode_body("dossier", R"({"unit":"u"})")), "dossier.code: missing");
  EXPECT_EQ(error_of(decode_body("ticket", R"({"id":1,"day":null})")), "ticket.day: missing");
  EXPECT_EQ(error_of(decode_push(R"({"unit":"u"})")), "records: missing");
  EXPECT_EQ(error_of(decode_push(R"({"records":[]})")), "unit: missing");
  EXPECT_EQ(error_of(decode_push(R"({"unit":"u","records":[{"at":"t"}]})")),
            "records[0].seq: missing");
  EXPECT_EQ(error_of(decode_push(R"({"unit":"u","records":[{"seq":1,"at":"t"}]})")),
            "records[0].kind: missing");
  EXPECT_EQ(error_of(decode_push(R"({"unit":"u","records":[{"seq":1,"at":"t","kind":"rating"}]})")),
            "records[0].data: missing");
  EXPECT_EQ(error_of(decode_push_ack("{}")), "applied_through: missing");
}

TEST(ProvinceErrors, WrongType) {
  EXPECT_EQ(error_of(decode_body("service", R"({"id":"1","name":"n","name_en":"e"})")),
            "service.id: expected an integer, got a string");
  EXPECT_EQ(error_of(decode_body("service", R"({"id":1,"name":2,"name_en":"e"})")),
            "service.name: expected a string, got an integer");
  EXPECT_EQ(error_of(decode_body("history", R"({"id":1,"code":"c","unit":"u","at":"a","actor":"x",)"
                                            R"("action":"y","note":false})")),
            "history.note: expected a string, got a boolean");
  EXPECT_EQ(error_of(decode_push(R"({"unit":"u","records":{}})")),
            "records: expected an array, got an object");
  EXPECT_EQ(error_of(decode_push(R"({"unit":"u","records":[1]})")),
            "records[0]: expected an object, got an integer");
  EXPECT_EQ(error_of(decode_push(R"({"unit":"u","records":[{"seq":1,"at":"t","kind":7}]})")),
            "records[0].kind: expected a string, got an integer");
}

TEST(ProvinceErrors, FractionWhereAnIntegerIsRequired) {
  EXPECT_EQ(error_of(decode_body("service", R"({"id":1.5,"name":"n","name_en":"e"})")),
            "service.id: expected an integer, got a decimal number");
  EXPECT_EQ(error_of(decode_body("service", R"({"id":1.0,"name":"n","name_en":"e"})")),
            "service.id: expected an integer, got a decimal number");
  EXPECT_EQ(error_of(decode_push(R"({"unit":"u","records":[{"seq":2e0,"at":"t"}]})")),
            "records[0].seq: expected an integer, got a decimal number");
  EXPECT_EQ(error_of(decode_push_ack(R"({"applied_through":0.5})")),
            "applied_through: expected an integer, got a decimal number");
}

TEST(ProvinceErrors, IntegersOutOfRange) {
  std::string rating = R"({"id":1,"at":"a","day":"d","counter":1,"scale":3,"level":)";
  EXPECT_EQ(error_of(decode_body("rating", rating + "2147483648}")), "rating.level: out of range");
  EXPECT_EQ(error_of(decode_body("rating", R"({"id":1,"at":"a","day":"d","counter":1,)"
                                           R"("level":1,"scale":-2147483649})")),
            "rating.scale: out of range");
  EXPECT_EQ(error_of(decode_body("ticket", R"({"id":9223372036854775808})")),
            "ticket.id: out of range");
  EXPECT_EQ(error_of(decode_body("ticket", R"({"id":18446744073709551616})")),
            "ticket.id: out of range");
  EXPECT_EQ(error_of(decode_body("ticket", R"({"id":-1e300})")), "ticket.id: out of range");
  EXPECT_EQ(error_of(decode_body("service", R"({"id":1,"name":"n","name_en":"e",)"
                                            R"("max_wait_minutes":4294967296})")),
            "service.max_wait_minutes: out of range");
}

TEST(ProvinceErrors, UnknownKind) {
  EXPECT_EQ(error_of(decode_push(one_record("foo", "{}"))), "records[0].kind: unknown 'foo'");
  EXPECT_EQ(error_of(decode_body("foo", "{}")), "kind: unknown 'foo'");
  EXPECT_EQ(error_of(decode_body("", "not even JSON")), "kind: unknown ''");
}

TEST(ProvinceErrors, SeqMustIncrease) {
  push p = sample_push();
  std::swap(p.records[2].seq, p.records[3].seq);
  EXPECT_EQ(error_of(decode_push(encode(p))), "records[3].seq: not after the previous");
  p = sample_push();
  p.records[5].seq = p.records[4].seq;  // the same seq twice
  EXPECT_EQ(error_of(decode_push(encode(p))), "records[5].seq: not after the previous");
  p = sample_push();
  p.records[0].seq = 0;
  EXPECT_EQ(error_of(decode_push(encode(p))), "records[0].seq: must be at least 1");
  p.records[0].seq = -5;
  EXPECT_EQ(error_of(decode_push(encode(p))), "records[0].seq: must be at least 1");
}

TEST(ProvinceErrors, DataNotAnObject) {
  EXPECT_EQ(error_of(decode_push(one_record("ticket", "[]"))),
            "records[0].data: expected an object, got an array");
  EXPECT_EQ(error_of(decode_push(one_record("ticket", R"("x")"))),
            "records[0].data: expected an object, got a string");
  EXPECT_EQ(error_of(decode_body("ticket", "42")), "ticket: expected an object, got an integer");
  EXPECT_EQ(error_of(decode_push("[]")), "expected an object, got an array");
  EXPECT_EQ(error_of(decode_push_ack("null")), "expected an object, got null");
}

TEST(ProvinceErrors, MalformedJson) {
  for (std::string_view text :
       {"", "{", R"({"unit":"u",})", "{} {}", "\xff", R"({"unit":"\ud800"})"}) {
    std::string e = error_of(decode_push(text));
    EXPECT_TRUE(e.starts_with("malformed JSON: ")) << text << " -> " << e;
  }
  EXPECT_TRUE(
      error_of(decode_body("dossier", "{\"code\":")).starts_with("dossier: malformed JSON"));
  EXPECT_TRUE(error_of(decode_push_ack("{")).starts_with("malformed JSON"));
  std::string deep = std::string(100, '[') + std::string(100, ']');
  EXPECT_TRUE(error_of(decode_push(deep)).starts_with("malformed JSON"))
      << error_of(decode_push(deep));
}

TEST(ProvinceErrors, FirstBadRecordIsNamed) {
  push p = sample_push();
  std::string text = encode(p);
  json::value v = json::parse(text);
  v.at("records").as_array().at(3).as_object()["data"].as_object().erase("level");
  EXPECT_EQ(error_of(decode_push(json::serialize(v))), "records[3].data.level: missing");
}

TEST(ProvinceAck, RoundTrip) {
  for (std::int64_t n : {std::int64_t{0}, std::int64_t{1}, std::int64_t{9223372036854775807}}) {
    push_ack a{n};
    auto decoded = decode_push_ack(encode(a));
    ASSERT_TRUE(std::holds_alternative<push_ack>(decoded)) << error_of(decoded);
    EXPECT_EQ(std::get<push_ack>(decoded), a);
  }
  EXPECT_EQ(encode(push_ack{42}), R"({"applied_through":42})");
  EXPECT_EQ(error_of(decode_push_ack(R"({"applied_through":-1})")),
            "applied_through: must not be negative");
  EXPECT_EQ(error_of(decode_push_ack(R"({"applied_through":"3"})")),
            "applied_through: expected an integer, got a string");
}

}  // namespace
}  // namespace motcua::protocol::province
