#include "shared/protocol/codec.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>
#include <vector>

// GCC 12 flags designated initializers that leave members at their defaults, which is how
// the sample messages below are written on purpose.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace motcua::protocol {
namespace {

applicant citizen() {
  return applicant{.full_name = "Nguyễn Thị Hồng Nhung",
                   .id_number = "048185000123",
                   .phone = "0905123456",
                   .address = "12 Lê Duẩn, Hải Châu, Đà Nẵng",
                   .email = "nhung@example.vn"};
}

public_dossier public_view() {
  return public_dossier{"000.00.00.H99-261127-0001",
                        "Trợ cấp xã hội hằng tháng",
                        "Monthly social allowance",
                        "processing",
                        "2026-11-27T08:05:00+07:00",
                        "2026-12-14T17:00:00+07:00",
                        false,
                        {{"2026-11-27T08:05:00+07:00", "Tiếp nhận hồ sơ"},
                         {"2026-11-27T10:00:00+07:00", "Thẩm định"}}};
}

dossier_view full_dossier() {
  dossier_view d;
  d.code = "000.00.00.H99-261127-0001";
  d.procedure = 4;
  d.procedure_name = "Trợ cấp xã hội hằng tháng";
  d.status = "processing";
  d.received_at = "2026-11-27T08:05:00+07:00";
  d.due_at = "2026-12-15T17:00:00+07:00";
  d.original_due_at = "2026-12-14T17:00:00+07:00";
  d.late = true;
  d.due_soon = true;
  d.applicant = citizen();
  d.documents = {"Tờ khai"};
  d.ticket = 9;
  d.note = "n";
  d.department = "Phòng Bảo trợ xã hội";
  d.book_volume = 1;
  d.book_line = 37;
  d.history = {
      {"2026-11-27T08:05:00+07:00", "clerk1", "register", {}, "Bộ phận Một cửa", {}, {}, {}},
      {"2026-11-27T10:00:00+07:00",
       "clerk1",
       "forward",
       "Bộ phận Một cửa",
       "Phòng Bảo trợ xã hội",
       "Chuyển thẩm định",
       "on_time",
       {}},
      {"2026-11-28T10:00:00+07:00",
       "clerk1",
       "forward",
       "Phòng Bảo trợ xã hội",
       "Lãnh đạo Sở",
       {},
       "early",
       "000.00.10.H26"}};
  return d;
}

namespace json = boost::json;

// ---------------------------------------------------------------- sample values

ticket full_ticket() {
  ticket t;
  t.id = 9'000'000'000;  // beyond 32 bits
  t.number = "A012";
  t.service = 3;
  t.priority = priority::elderly;
  t.state = ticket_state::serving;
  t.issued_at = "2026-11-27T08:05:00+07:00";
  t.called_at = "2026-11-27T08:20:00+07:00";
  t.started_at = "2026-11-27T08:21:30+07:00";
  t.finished_at = "2026-11-27T08:40:00+07:00";
  t.counter = 2;
  t.target_counter = 4;
  t.recalls = 2;
  t.outcome = "Đã xử lý xong";
  return t;
}

ticket bare_ticket() {
  ticket t;
  t.id = 7;
  t.number = "B001";
  t.service = 1;
  t.issued_at = "2026-11-27T07:30:00+07:00";
  return t;
}

service_view open_service() {
  return {.id = 1,
          .code = "HT",
          .name = "Hộ tịch",
          .name_en = "Civil status",
          .prefix = "A",
          .open = true,
          .waiting = 12,
          .eta_minutes = 25,
          .closure = std::nullopt,
          .max_wait_minutes = 30,
          .max_service_minutes = 15};
}

service_view closed_service() {
  service_view s = open_service();
  s.id = 2;
  s.open = false;
  s.closure = service_closure{error_code::limit, "Đã hết số hôm nay", "Daily cap reached"};
  return s;
}

counter_view busy_counter() {
  return {.id = 2,
          .name = "Quầy 2",
          .state = counter_state::open,
          .services = {3, 1},
          .ticket = full_ticket(),
          .clerk = "clerk1",
          .clerk_name = "Nguyễn Văn An",
          .served_today = 14,
          .average_service_seconds = 310,
          .appointments_called = 1,
          .appointments_in_a_row = 3};
}

counter_view idle_counter() { return {.id = 6, .name = "Quầy 6"}; }

call_view sample_call() {
  return {.ticket = full_ticket(),
          .counter = 2,
          .counter_name = "Quầy 2",
          .at = "2026-11-27T08:20:00+07:00",
          .recall = true};
}

snapshot full_snapshot() {
  return {.services = {open_service(), closed_service()},
          .counters = {busy_counter(), idle_counter()},
          .waiting = {bare_ticket(), full_ticket()},
          .recent_calls = {sample_call()},
          .my_counter = 2};
}

// ---------------------------------------------------------------- helpers

json::object parse(const std::string& text) { return json::parse(text).as_object(); }

request decoded_request(std::string_view text) {
  auto result = decode_request(text);
  if (auto* f = std::get_if<decode_failure>(&result)) {
    ADD_FAILURE() << "decode failed: " << f->error.message_en << "\n  input: " << text;
    return {};
  }
  return std::get<request>(result);
}

decode_failure failed_request(std::string_view text) {
  auto result = decode_request(text);
  if (std::holds_alternative<request>(result)) {
    ADD_FAILURE() << "decoded, expected a failure: " << text;
    return {};
  }
  auto failure = std::get<decode_failure>(result);
  EXPECT_EQ(failure.error.code, error_code::bad_request);
  EXPECT_FALSE(failure.error.message.empty());
  EXPECT_TRUE(failure.error.fields.empty());
  return failure;
}

std::string request_error(std::string_view text) { return failed_request(text).error.message_en; }

server_message decoded_message(std::string_view text) {
  auto result = decode_server_message(text);
  if (auto* e = std::get_if<error>(&result)) {
    ADD_FAILURE() << "decode failed: " << e->message_en << "\n  input: " << text;
    return reply{};
  }
  return std::get<server_message>(result);
}

std::string message_error(std::string_view text) {
  auto result = decode_server_message(text);
  if (std::holds_alternative<server_message>(result)) {
    ADD_FAILURE() << "decoded, expected a failure: " << text;
    return {};
  }
  const auto& e = std::get<error>(result);
  EXPECT_EQ(e.code, error_code::bad_request);
  return e.message_en;
}

void expect_round_trip(const request& r) {
  std::string text = encode(r);
  SCOPED_TRACE(text);
  EXPECT_EQ(decoded_request(text), r);
}

template <class Message>
void expect_round_trip(const Message& m) {
  std::string text = encode(m);
  SCOPED_TRACE(text);
  server_message decoded = decoded_message(text);
  ASSERT_TRUE(std::holds_alternative<Message>(decoded));
  EXPECT_EQ(std::get<Message>(decoded), m);
}

// ---------------------------------------------------------------- names

TEST(Names, ErrorCodes) {
  for (auto c : {error_code::bad_request, error_code::invalid, error_code::unauthorized,
                 error_code::forbidden, error_code::not_found, error_code::conflict,
                 error_code::empty, error_code::limit, error_code::closed, error_code::internal})
    EXPECT_EQ(parse_error_code(to_string(c)), c);
  EXPECT_EQ(to_string(error_code::not_found), "not_found");
  EXPECT_FALSE(parse_error_code("oops"));
}

TEST(Names, Roles) {
  for (auto r : {role::kiosk, role::display, role::clerk, role::manager, role::admin,
                 role::province_manager})
    EXPECT_EQ(parse_role(to_string(r)), r);
  EXPECT_EQ(to_string(role::province_manager), "province_manager");
  EXPECT_EQ(to_string(role::display), "display");
  EXPECT_FALSE(parse_role("root"));
  EXPECT_FALSE(parse_role(""));
}

TEST(Names, CounterStates) {
  for (auto s : {counter_state::closed, counter_state::open, counter_state::paused})
    EXPECT_EQ(parse_counter_state(to_string(s)), s);
  EXPECT_EQ(to_string(counter_state::paused), "paused");
  EXPECT_FALSE(parse_counter_state("busy"));
}

TEST(Names, Verbs) {
  EXPECT_EQ(verb_of(hello{}), "hello");
  EXPECT_EQ(verb_of(list_services{}), "list_services");
  EXPECT_EQ(verb_of(take_ticket{}), "take_ticket");
  EXPECT_EQ(verb_of(open_counter{}), "open_counter");
  EXPECT_EQ(verb_of(call_next{}), "call_next");
  EXPECT_EQ(verb_of(call_ticket{}), "call_ticket");
  EXPECT_EQ(verb_of(recall{}), "recall");
  EXPECT_EQ(verb_of(start_service{}), "start_service");
  EXPECT_EQ(verb_of(no_show{}), "no_show");
  EXPECT_EQ(verb_of(transfer{}), "transfer");
  EXPECT_EQ(verb_of(finish{}), "finish");
  EXPECT_EQ(verb_of(pause_counter{}), "pause_counter");
  EXPECT_EQ(verb_of(resume_counter{}), "resume_counter");
  EXPECT_EQ(verb_of(close_counter{}), "close_counter");
  EXPECT_EQ(verb_of(unlock_login{}), "unlock_login");
  EXPECT_EQ(verb_of(list_login_locks{}), "list_login_locks");
  EXPECT_EQ(verb_of(list_texts{}), "list_texts");
  EXPECT_EQ(verb_of(get_recorded_days{}), "get_recorded_days");
  EXPECT_EQ(verb_of(get_province_stats{}), "get_province_stats");
}

TEST(Names, Events) {
  EXPECT_EQ(event_name_of(ticket_issued{}), "ticket_issued");
  EXPECT_EQ(event_name_of(ticket_called{}), "ticket_called");
  EXPECT_EQ(event_name_of(ticket_changed{}), "ticket_changed");
  EXPECT_EQ(event_name_of(queue_changed{}), "queue_changed");
  EXPECT_EQ(event_name_of(counter_changed{}), "counter_changed");
  EXPECT_EQ(event_name_of(stats{}), "stats");
}

// ---------------------------------------------------------------- requests: round trips

TEST(RequestRoundTrip, EveryVerb) {
  std::vector<request> requests{
      {1, std::nullopt, hello{.device_token = "demo-kiosk"}},
      {2, "en",
       hello{.device_token = "d",
             .username = "clerk1",
             .password = "demo",
             .session_token = "s",
             .since = 9'000'000'000}},
      {3, std::nullopt, hello{.session_token = "tok"}},
      {4, "vi", hello{.username = "clerk1", .password = "demo", .since = 0}},
      {5, std::nullopt, list_services{}},
      {6, std::nullopt, take_ticket{.service = 3, .request_key = "uuid-1"}},
      {7, "en",
       take_ticket{
           .service = 3, .request_key = "uuid-2", .priority = priority::pregnant, .lang = "en"}},
      {8, "vi", take_ticket{.service = 1, .request_key = "k", .priority = priority::merit}},
      {9, std::nullopt, open_counter{.counter = 2, .services = {3, 1, 9'000'000'000}}},
      {10, std::nullopt, call_next{}},
      {11, std::nullopt, call_ticket{.ticket = 44}},
      {12, std::nullopt, call_ticket{.ticket = 45, .reason = "Người cao tuổi"}},
      {13, std::nullopt, recall{}},
      {14, std::nullopt, start_service{}},
      {15, std::nullopt, no_show{}},
      {16, std::nullopt, transfer{.service = 2}},
      {17, std::nullopt, transfer{.service = 2, .counter = 5, .reason = "Sai quầy"}},
      {18, std::nullopt, finish{}},
      {19, std::nullopt, finish{.outcome = "done"}},
      {20, std::nullopt, pause_counter{}},
      {21, std::nullopt, resume_counter{}},
      {22, std::nullopt, close_counter{}},
      {23, std::nullopt, list_procedures{}},
      {24, std::nullopt, list_procedures{.service = 2}},
      {25, "en",
       register_dossier{.procedure = 4,
                        .applicant = citizen(),
                        .documents = {"Tờ khai", "Bản sao giấy tờ tùy thân"},
                        .request_key = "r-1",
                        .ticket = 17,
                        .note = "Ghi chú"}},
      {26, std::nullopt,
       register_dossier{.procedure = 1,
                        .applicant = {.full_name = "John Smith",
                                      .passport = "C1234567",
                                      .phone = "0905123456",
                                      .address = "Đà Nẵng"},
                        .request_key = "r-2"}},
      {27, std::nullopt, get_dossier{"000.00.00.H99-261127-0001"}},
      {28, std::nullopt, search_dossiers{}},
      {29, std::nullopt,
       search_dossiers{.text = "nguyen",
                       .status = "processing",
                       .procedure = 4,
                       .from = "2026-11-01",
                       .to = "2026-12-01",
                       .late = true,
                       .due_soon = false,
                       .limit = 20,
                       .offset = 40}},
      {30, std::nullopt, advance_dossier{.code = "C", .action = "forward", .to = "Phòng A"}},
      {31, std::nullopt,
       advance_dossier{.code = "C",
                       .action = "extend",
                       .note = "Xin lỗi",
                       .new_due_at = "2026-12-20T17:00:00+07:00"}},
      {32, std::nullopt, lookup_dossier{"000.00.00.H99-261127-0001"}},
      {33, std::nullopt, get_stats{}},
      {34, std::nullopt, get_stats{"2026-11-01", "2026-12-01"}},
      {35, std::nullopt, rate_service{3, 2, 41, "000.00.00.H99-261127-0001", "rate-1"}},
      {36, std::nullopt, rate_service{1, 1, {}, {}, "rate-2"}},
      {37, std::nullopt, unlock_login{.username = "clerk1"}},
      {38, "en", unlock_login{.username = "clerk1", .address = "10.0.0.66"}},
      {39, std::nullopt, unlock_login{.address = "10.0.0.66"}},
      {40, std::nullopt, list_login_locks{}},
      {41, std::nullopt,
       book{.service = 1,
            .start = "2026-12-01T08:00:00+07:00",
            .full_name = "Nguyễn Văn An",
            .phone = "0905123456",
            .request_key = "6f1c2a4e-booking-0001"}},
      {42, "en",
       book{.service = 3,
            .start = "2026-12-01T13:30:00+07:00",
            .full_name = "Kim Min Jun",
            .phone = "0912345678",
            .request_key = "6f1c2a4e-booking-0002",
            .id_number = "048185000123",
            .procedure = 1,
            .lang = "en"}},
      {43, std::nullopt, check_in{.code = "K7M2Q9TX"}},
      {44, std::nullopt, check_in{.phone = "0905 123 456"}},
      {45, std::nullopt, list_bookings{.date = "2026-12-01"}},
      {46, std::nullopt, list_bookings{"2026-12-01", 3}},
      {47, std::nullopt, cancel_booking{"K7M2Q9TX", "Công dân báo bận"}},
      {48, std::nullopt, move_booking{"K7M2Q9TX", "2026-12-01T09:15:00+07:00"}},
      {49, std::nullopt, list_texts{41}},
      {50, std::nullopt, get_recorded_days{{"2026-11-30", "2026-11-23"}}},
      {51, std::nullopt, get_province_stats{}},
      {52, "en", get_province_stats{"2026-12-01", "2026-12-05", "000.00.11.H26"}},
      {-1, std::nullopt, call_next{}},
      {INT64_MAX, std::nullopt, call_next{}},
      {INT64_MIN, std::nullopt, call_next{}},
  };
  for (const auto& r : requests) expect_round_trip(r);
}

TEST(RequestRoundTrip, EveryVerbIsCovered) {
  // A new verb must be added to EveryVerb above.
  EXPECT_EQ(std::variant_size_v<request_params>, 32u);
}

// ---------------------------------------------------------------- requests: wire shape

TEST(RequestWire, ExactText) {
  EXPECT_EQ(encode(request{5, std::nullopt, call_next{}}), R"({"type":"call_next","id":5})");
  EXPECT_EQ(encode(request{6, std::nullopt, take_ticket{.service = 3, .request_key = "k"}}),
            R"({"type":"take_ticket","id":6,"service":3,"request_key":"k","priority":"none"})");
  EXPECT_EQ(encode(request{7, "en", transfer{.service = 2}}),
            R"({"type":"transfer","id":7,"lang":"en","service":2})");
  EXPECT_EQ(encode(request{8, std::nullopt, open_counter{.counter = 1, .services = {2, 3}}}),
            R"({"type":"open_counter","id":8,"counter":1,"services":[2,3]})");
}

TEST(RequestWire, TakeTicketLanguageIsTheTopLevelLang) {
  auto o = parse(encode(
      request{1, std::nullopt, take_ticket{.service = 1, .request_key = "k", .lang = "en"}}));
  EXPECT_EQ(o.at("lang"), "en");
  // Where it stands in the text: after the fields, or where the request's own `lang` is.
  EXPECT_EQ(
      encode(request{1, std::nullopt, take_ticket{.service = 1, .request_key = "k", .lang = "en"}}),
      R"({"type":"take_ticket","id":1,"service":1,"request_key":"k","priority":"none","lang":"en"})");
  EXPECT_EQ(
      encode(request{1, "vi", take_ticket{.service = 1, .request_key = "k", .lang = "en"}}),
      R"({"type":"take_ticket","id":1,"lang":"en","service":1,"request_key":"k","priority":"none"})");

  request r =
      decoded_request(R"({"type":"take_ticket","id":1,"service":1,"request_key":"k","lang":"en"})");
  EXPECT_EQ(r.lang, "en");
  EXPECT_EQ(std::get<take_ticket>(r.params).lang, "en");

  r = decoded_request(R"({"type":"take_ticket","id":1,"service":1,"request_key":"k"})");
  EXPECT_EQ(r.lang, std::nullopt);
  EXPECT_EQ(std::get<take_ticket>(r.params).lang, "vi");
  EXPECT_EQ(std::get<take_ticket>(r.params).priority, priority::none);
}

TEST(RequestWire, HelloOmitsMissingCredentials) {
  auto o = parse(encode(request{1, std::nullopt, hello{.device_token = "t"}}));
  EXPECT_EQ(o.size(), 3u);
  EXPECT_EQ(o.at("device_token"), "t");
}

TEST(RequestDecode, AcceptsNullForOptionalsAndIgnoresUnknownFields) {
  request r = decoded_request(
      R"({"type":"transfer","id":3,"service":2,"counter":null,"reason":null,"extra":[1,{}]})");
  EXPECT_EQ(r, (request{3, std::nullopt, transfer{.service = 2}}));
  r = decoded_request(R"({"type":"hello","id":1,"device_token":"x","since":null,"lang":null})");
  EXPECT_EQ(r, (request{1, std::nullopt, hello{.device_token = "x"}}));
}

TEST(RequestDecode, KeyOrderDoesNotMatter) {
  request r = decoded_request(R"({"service":4,"request_key":"k","id":2,"type":"take_ticket"})");
  EXPECT_EQ(r, (request{2, std::nullopt, take_ticket{.service = 4, .request_key = "k"}}));
}

TEST(RequestDecode, LargeIntegerIds) {
  request r = decoded_request(R"({"type":"call_ticket","id":9223372036854775807,)"
                              R"("ticket":9223372036854775807})");
  EXPECT_EQ(r.id, INT64_MAX);
  EXPECT_EQ(std::get<call_ticket>(r.params).ticket, INT64_MAX);
}

TEST(RequestDecode, UnicodeEscapesInStrings) {
  request r =
      decoded_request(R"({"type":"finish","id":1,"outcome":"\u0110\u00e3 xong \ud83d\ude00"})");
  EXPECT_EQ(std::get<finish>(r.params).outcome, "Đã xong 😀");
}

// ---------------------------------------------------------------- requests: malformed frames

TEST(RequestMalformed, NotJson) {
  auto f = failed_request("this is not json");
  EXPECT_EQ(f.id, std::nullopt);
  EXPECT_EQ(f.error.message_en, "malformed JSON: syntax error at offset 0");
  EXPECT_EQ(f.error.message, "Yêu cầu không hợp lệ: JSON không hợp lệ: syntax error tại vị trí 0");
  EXPECT_EQ(request_error(R"({"type":"call_next","id":1)"),
            "malformed JSON: incomplete JSON at offset 26");
  EXPECT_EQ(request_error(R"({"type":"call_next","id":1}x)"),
            "malformed JSON: extra data at offset 27");
  EXPECT_EQ(request_error(""), "malformed JSON: incomplete JSON at offset 0");
  EXPECT_EQ(request_error("{\"type\":\"call_next\",\"id\":1,\"x\":\"\xff\"}").substr(0, 15),
            "malformed JSON:");
}

TEST(RequestMalformed, NotAnObject) {
  for (std::string_view text : {"[1,2,3]", "42", "\"hello\"", "null", "true"}) {
    auto f = failed_request(text);
    EXPECT_EQ(f.id, std::nullopt);
    EXPECT_EQ(f.error.message_en, "frame is not a JSON object") << text;
  }
}

TEST(RequestMalformed, MissingType) {
  auto f = failed_request(R"({"id":4,"service":1})");
  EXPECT_EQ(f.id, 4);
  EXPECT_EQ(f.error.message_en, "type: required field is missing");
  EXPECT_EQ(f.error.message, "Yêu cầu không hợp lệ: type: thiếu trường bắt buộc");
}

TEST(RequestMalformed, TypeNotAString) {
  auto f = failed_request(R"({"type":5,"id":4})");
  EXPECT_EQ(f.id, 4);
  EXPECT_EQ(f.error.message_en, "type: expected a string, got an integer");
  EXPECT_EQ(request_error(R"({"type":["hello"],"id":4})"), "type: expected a string, got an array");
}

TEST(RequestMalformed, UnknownVerb) {
  auto f = failed_request(R"({"type":"foo","id":8})");
  EXPECT_EQ(f.id, 8);
  EXPECT_EQ(f.error.message_en, "unknown verb 'foo'");
  EXPECT_EQ(f.error.message, "Yêu cầu không hợp lệ: lệnh không xác định 'foo'");
  EXPECT_EQ(request_error(R"({"type":"","id":8})"), "unknown verb ''");
  EXPECT_EQ(request_error(R"({"type":"reply","id":8})"), "unknown verb 'reply'");
}

TEST(RequestMalformed, MissingOrNullId) {
  auto f = failed_request(R"({"type":"call_next"})");
  EXPECT_EQ(f.id, std::nullopt);
  EXPECT_EQ(f.error.message_en, "id: required field is missing");
  f = failed_request(R"({"type":"call_next","id":null})");
  EXPECT_EQ(f.id, std::nullopt);
  EXPECT_EQ(f.error.message_en, "id: required field is missing");
}

TEST(RequestMalformed, IdNotAnInteger) {
  auto f = failed_request(R"({"type":"call_next","id":"1"})");
  EXPECT_EQ(f.id, std::nullopt);
  EXPECT_EQ(f.error.message_en, "id: expected an integer, got a string");
  EXPECT_EQ(request_error(R"({"type":"call_next","id":1.5})"),
            "id: expected an integer, got a number");
  EXPECT_EQ(request_error(R"({"type":"call_next","id":3.0})"),
            "id: expected an integer, got a number");
  EXPECT_EQ(request_error(R"({"type":"call_next","id":true})"),
            "id: expected an integer, got a boolean");
  f = failed_request(R"({"type":"call_next","id":18446744073709551615})");
  EXPECT_EQ(f.id, std::nullopt);
  EXPECT_EQ(f.error.message_en, "id: integer out of range");
}

TEST(RequestMalformed, IdIsKeptWhenTheParamsAreBad) {
  auto f = failed_request(R"({"type":"take_ticket","id":77,"service":"x","request_key":"k"})");
  EXPECT_EQ(f.id, 77);
}

TEST(RequestMalformed, Lang) {
  EXPECT_EQ(request_error(R"({"type":"call_next","id":1,"lang":"fr"})"),
            "lang: unknown value 'fr' (expected one of vi, en)");
  EXPECT_EQ(request_error(R"({"type":"call_next","id":1,"lang":1})"),
            "lang: expected a string, got an integer");
}

TEST(RequestMalformed, EnglishRequestsGetEnglishMessages) {
  auto f = failed_request(R"({"type":"take_ticket","id":1,"lang":"en","service":"x"})");
  EXPECT_EQ(f.error.message, "take_ticket.service: expected an integer, got a string");
  EXPECT_EQ(f.error.message_en, f.error.message);
}

TEST(RequestMalformed, TakeTicketFields) {
  auto f = failed_request(R"({"type":"take_ticket","id":1,"service":"3","request_key":"k"})");
  EXPECT_EQ(f.error.message_en, "take_ticket.service: expected an integer, got a string");
  EXPECT_EQ(f.error.message,
            "Yêu cầu không hợp lệ: take_ticket.service: phải là số nguyên, nhận được chuỗi");
  EXPECT_EQ(request_error(R"({"type":"take_ticket","id":1,"service":3.0,"request_key":"k"})"),
            "take_ticket.service: expected an integer, got a number");
  EXPECT_EQ(request_error(R"({"type":"take_ticket","id":1,"request_key":"k"})"),
            "take_ticket.service: required field is missing");
  EXPECT_EQ(request_error(R"({"type":"take_ticket","id":1,"service":3})"),
            "take_ticket.request_key: required field is missing");
  EXPECT_EQ(request_error(R"({"type":"take_ticket","id":1,"service":3,"request_key":7})"),
            "take_ticket.request_key: expected a string, got an integer");
  EXPECT_EQ(request_error(R"({"type":"take_ticket","id":1,"service":3,"request_key":""})"),
            "take_ticket.request_key: must not be empty");
  EXPECT_EQ(request_error(R"({"type":"take_ticket","id":1,"service":3,"request_key":"k",)"
                          R"("priority":1})"),
            "take_ticket.priority: expected a string, got an integer");
  EXPECT_EQ(request_error(R"({"type":"take_ticket","id":1,"service":3,"request_key":"k",)"
                          R"("priority":"vip"})"),
            "take_ticket.priority: unknown value 'vip' "
            "(expected one of none, merit, elderly, disabled, pregnant, child, appointment)");
  EXPECT_EQ(request_error(R"({"type":"take_ticket","id":1,"service":3,"request_key":"k",)"
                          R"("lang":"de"})"),
            "lang: unknown value 'de' (expected one of vi, en)");
  EXPECT_EQ(request_error(R"({"type":"take_ticket","id":1,"service":[[[3]]],"request_key":"k"})"),
            "take_ticket.service: expected an integer, got an array");
}

TEST(RequestMalformed, OpenCounterFields) {
  EXPECT_EQ(request_error(R"({"type":"open_counter","id":1,"counter":"1","services":[1]})"),
            "open_counter.counter: expected an integer, got a string");
  EXPECT_EQ(request_error(R"({"type":"open_counter","id":1,"counter":1})"),
            "open_counter.services: required field is missing");
  EXPECT_EQ(request_error(R"({"type":"open_counter","id":1,"counter":1,"services":3})"),
            "open_counter.services: expected an array, got an integer");
  EXPECT_EQ(request_error(R"({"type":"open_counter","id":1,"counter":1,"services":{}})"),
            "open_counter.services: expected an array, got an object");
  EXPECT_EQ(request_error(R"({"type":"open_counter","id":1,"counter":1,"services":[]})"),
            "open_counter.services: must not be empty");
  auto f = failed_request(R"({"type":"open_counter","id":1,"counter":1,"services":[1,2,true]})");
  EXPECT_EQ(f.error.message_en, "open_counter.services[2]: expected an integer, got a boolean");
  EXPECT_EQ(f.error.message,
            "Yêu cầu không hợp lệ: open_counter.services[2]: phải là số nguyên, "
            "nhận được giá trị logic");
  EXPECT_EQ(request_error(R"({"type":"open_counter","id":1,"counter":1,"services":[null]})"),
            "open_counter.services[0]: expected an integer, got null");
  EXPECT_EQ(request_error(R"({"type":"open_counter","id":1,"counter":1,"services":["1"]})"),
            "open_counter.services[0]: expected an integer, got a string");
  EXPECT_EQ(request_error(R"({"type":"open_counter","id":1,"counter":1,"services":[1.5]})"),
            "open_counter.services[0]: expected an integer, got a number");
}

TEST(RequestMalformed, CallTicketFields) {
  EXPECT_EQ(request_error(R"({"type":"call_ticket","id":1})"),
            "call_ticket.ticket: required field is missing");
  EXPECT_EQ(request_error(R"({"type":"call_ticket","id":1,"ticket":"A012"})"),
            "call_ticket.ticket: expected an integer, got a string");
  EXPECT_EQ(request_error(R"({"type":"call_ticket","id":1,"ticket":5,"reason":5})"),
            "call_ticket.reason: expected a string, got an integer");
  EXPECT_EQ(request_error(R"({"type":"call_ticket","id":1,"ticket":5,"reason":{"a":1}})"),
            "call_ticket.reason: expected a string, got an object");
}

TEST(RequestMalformed, TransferFields) {
  EXPECT_EQ(request_error(R"({"type":"transfer","id":1})"),
            "transfer.service: required field is missing");
  EXPECT_EQ(request_error(R"({"type":"transfer","id":1,"service":false})"),
            "transfer.service: expected an integer, got a boolean");
  EXPECT_EQ(request_error(R"({"type":"transfer","id":1,"service":2,"counter":"3"})"),
            "transfer.counter: expected an integer, got a string");
  EXPECT_EQ(request_error(R"({"type":"transfer","id":1,"service":2,"counter":3,"reason":[]})"),
            "transfer.reason: expected a string, got an array");
}

TEST(RequestMalformed, FinishOutcome) {
  EXPECT_EQ(request_error(R"({"type":"finish","id":1,"outcome":1})"),
            "finish.outcome: expected a string, got an integer");
}

TEST(RequestMalformed, HelloCredentials) {
  const std::string missing =
      "hello: device_token, session_token, or username and password are required";
  auto f = failed_request(R"({"type":"hello","id":1})");
  EXPECT_EQ(f.id, 1);
  EXPECT_EQ(f.error.message_en, missing);
  EXPECT_EQ(request_error(R"({"type":"hello","id":1,"username":"clerk1"})"), missing);
  EXPECT_EQ(request_error(R"({"type":"hello","id":1,"password":"demo","since":3})"), missing);
  EXPECT_EQ(request_error(R"({"type":"hello","id":1,"device_token":null})"), missing);
  EXPECT_EQ(request_error(R"({"type":"hello","id":1,"device_token":5})"),
            "hello.device_token: expected a string, got an integer");
  EXPECT_EQ(request_error(R"({"type":"hello","id":1,"device_token":"t","since":"5"})"),
            "hello.since: expected an integer, got a string");
}

TEST(RequestMalformed, DeeplyNestedGarbage) {
  std::string deep(100'000, '[');
  auto f = failed_request(deep);
  EXPECT_EQ(f.id, std::nullopt);
  EXPECT_EQ(f.error.message_en.rfind("malformed JSON: ", 0), 0u) << f.error.message_en;

  std::string nested = R"({"type":"take_ticket","id":5,"service":)" + std::string(40, '[') +
                       std::string(40, ']') + R"(,"request_key":"k"})";
  f = failed_request(nested);
  EXPECT_EQ(f.error.message_en.rfind("malformed JSON: too deep at offset ", 0), 0u)
      << f.error.message_en;

  std::string objects;
  for (int i = 0; i < 50'000; ++i) objects += R"({"a":)";
  EXPECT_EQ(request_error(objects).rfind("malformed JSON: ", 0), 0u);
}

// ---------------------------------------------------------------- replies

TEST(ReplyRoundTrip, Errors) {
  expect_round_trip(reply{1, error{error_code::empty, "Không có ai đang chờ", "Nobody waiting"}});
  expect_round_trip(reply{std::nullopt, error{error_code::bad_request, "x", "y"}});
  expect_round_trip(
      reply{2, error{error_code::invalid,
                     "Dữ liệu không hợp lệ",
                     "Invalid",
                     {{"id_number", "must be 12 digits"}, {"phone", "not a Vietnamese number"}}}});
  expect_round_trip(reply{3, error{error_code::internal, "", "", {}}});
  expect_round_trip(
      reply{4, error{error_code::limit, "Đăng nhập sai nhiều lần", "Too many", {}, 30}});
}

TEST(ReplyRoundTrip, HelloResults) {
  expect_round_trip(reply{1, hello_result{.role = role::clerk,
                                          .user = "clerk1",
                                          .display_name = "Nguyễn Văn An",
                                          .session_token = "abc",
                                          .session_expires_at = "2026-11-28T08:00:00+07:00",
                                          .seq = 9'000'000'001,
                                          .server_time = "2026-11-27T08:00:00+07:00",
                                          .snapshot = full_snapshot(),
                                          .replayed = std::nullopt}});
  expect_round_trip(reply{2, hello_result{.role = role::display,
                                          .user = "display-1",
                                          .seq = 0,
                                          .server_time = "2026-11-27T08:00:00+07:00",
                                          .snapshot = snapshot{}}});
  expect_round_trip(reply{3, hello_result{.role = role::manager,
                                          .user = "manager",
                                          .seq = 12,
                                          .server_time = "2026-11-27T08:00:00+07:00",
                                          .replayed = 4}});
  for (auto r : {role::kiosk, role::admin})
    expect_round_trip(reply{4, hello_result{.role = r, .user = "u", .server_time = "t"}});
}

TEST(ReplyRoundTrip, ServicesResults) {
  expect_round_trip(reply{1, services_result{}});
  expect_round_trip(reply{2, services_result{{open_service(), closed_service()}}});
}

TEST(ReplyRoundTrip, TicketResults) {
  expect_round_trip(
      reply{1, ticket_result{.ticket = full_ticket(), .ahead = 3, .eta_minutes = 12}});
  expect_round_trip(reply{2, ticket_result{.ticket = bare_ticket()}});
  expect_round_trip(reply{3, ticket_result{.ticket = bare_ticket(), .ahead = 0}});
  for (auto state : {ticket_state::waiting, ticket_state::called, ticket_state::done,
                     ticket_state::no_show, ticket_state::cancelled}) {
    ticket t = bare_ticket();
    t.state = state;
    for (auto p : {priority::none, priority::merit, priority::disabled, priority::child}) {
      t.priority = p;
      expect_round_trip(reply{4, ticket_result{.ticket = t}});
    }
  }
}

TEST(ReplyRoundTrip, CounterResults) {
  expect_round_trip(reply{1, counter_result{busy_counter()}});
  expect_round_trip(reply{2, counter_result{idle_counter()}});
  counter_view paused = busy_counter();
  paused.state = counter_state::paused;
  paused.ticket.reset();
  expect_round_trip(reply{3, counter_result{paused}});
}

TEST(ReplyRoundTrip, DossierResults) {
  expect_round_trip(reply{1, procedures_result{}});
  expect_round_trip(reply{2, procedures_result{{procedure_view{1,
                                                               "DEMO.LD.01",
                                                               "Cấp giấy phép lao động",
                                                               "Work permit",
                                                               3,
                                                               10,
                                                               "working_days",
                                                               600000,
                                                               {{"Hộ chiếu", true}, {"Ảnh", false}},
                                                               "2026-12-10T17:00:00+07:00"}}}});
  auto full = full_dossier();
  expect_round_trip(reply{3, dossier_result{full}});
  full.texts = {text_view{"received", "delivered", std::nullopt, "2026-11-27T08:01:00+07:00"},
                text_view{"late", "skipped", "cap", "2026-12-08T09:00:00+07:00"}};
  expect_round_trip(reply{7, dossier_result{full}});
  full.texts.clear();
  full.history.clear();
  expect_round_trip(reply{4, dossiers_result{{full, full}, 57}});
  expect_round_trip(reply{5, dossiers_result{}});
  expect_round_trip(reply{6, lookup_result{public_view()}});
}

TEST(ReplyRoundTrip, StatsAndRatingResults) {
  stats_result s;
  s.period_from = "2026-11-01T00:00:00+07:00";
  s.period_to = "2026-12-01T00:00:00+07:00";
  s.queue = {service_stats{1, 4, 20, 14, 2, 600, 420, 300}};
  s.counters = {counter_figures{2, "Quầy 2", 14, 310}};
  s.dossier_counts = {status_count{"processing", 3}, status_count{"returned", 12}};
  s.centre = procedure_figures{0, "", 15, 13, 13.0 / 15, 6.25};
  s.by_procedure = {procedure_figures{4, "Trợ cấp xã hội hằng tháng", 15, 13, 0.8666, 6.25}};
  s.ratings = rating_figures{3, {1, 2, 9}, 0.75};
  s.queue_totals = service_stats{0, 6, 30, 20, 3, 900, 400, 310, 780, 600};
  s.hours = {hour_figures{7, 12, 4}, hour_figures{8, 18, 16}};
  s.open_dossiers = open_dossier_figures{40, 3, 2};
  expect_round_trip(reply{1, s});
  s.bookings = booking_figures{2, 7, 1, 3, wait_figures{7, 120, 300}, wait_figures{23, 540, 1260}};
  expect_round_trip(reply{4, s});
  s.texts = {status_count{"delivered", 41}, status_count{"skipped", 2}};
  expect_round_trip(reply{5, s});
  expect_round_trip(reply{2, stats_result{}});
  expect_round_trip(reply{3, rating_result{7, 3, 3}});
}

TEST(ReplyWire, LookupPutsThePublicViewAtTheTopLevel) {
  auto o = parse(encode(reply{9, lookup_result{public_view()}}));
  EXPECT_EQ(o.at("code"), "000.00.00.H99-261127-0001");
  EXPECT_EQ(o.at("status"), "processing");
  EXPECT_EQ(o.at("late"), false);
  EXPECT_EQ(o.at("history").at(0).at("step"), "Tiếp nhận hồ sơ");
  EXPECT_FALSE(o.contains("dossier"));
}

TEST(ReplyRoundTrip, LoginLocksResults) {
  login_lock_view clerk{"username", "clerk1", 6, "2026-11-27T08:01:00+07:00", 60};
  login_lock_view address{"address", "10.0.0.66", 20, "2026-11-27T08:00:30+07:00", 30};
  expect_round_trip(reply{1, login_locks_result{}});
  expect_round_trip(reply{2, login_locks_result{{clerk, address}, std::nullopt}});
  expect_round_trip(reply{3, login_locks_result{{address}, std::vector{clerk}}});
  auto o = parse(encode(reply{4, login_locks_result{{clerk}, std::nullopt}}));
  EXPECT_EQ(o.at("locks").at(0).at("retry_after"), 60);
  EXPECT_EQ(o.at("locks").at(0).at("kind"), "username");
  EXPECT_FALSE(o.contains("unlocked"));
}

// A booking as the staff see it, checked in.
booking_view staff_booking() {
  return {.code = "K7M2Q9TX",
          .service = 1,
          .procedure = 6,
          .start = "2026-12-01T08:00:00+07:00",
          .end = "2026-12-01T08:15:00+07:00",
          .status = domain::booking_status::checked_in,
          .check_in_from = "2026-12-01T07:30:00+07:00",
          .check_in_until = "2026-12-01T08:10:00+07:00",
          .full_name = "Nguyễn Văn An",
          .phone = "0905123456",
          .id_number = "048185000123",
          .lang = "vi",
          .created_at = "2026-11-26T09:00:00+07:00",
          .booked_by = "public",
          .ticket = 41};
}

TEST(ReplyRoundTrip, BookingResults) {
  auto own = staff_booking();
  own.status = domain::booking_status::booked;
  own.id_number.reset();
  own.booked_by.reset();
  own.ticket.reset();
  own.manage_token = std::string(64, 'a');
  expect_round_trip(reply{1, booking_result{own}});
  auto cancelled = staff_booking();
  cancelled.status = domain::booking_status::cancelled;
  cancelled.cancel_reason = "Công dân báo bận";
  expect_round_trip(reply{2, booking_result{cancelled}});
  expect_round_trip(reply{3, bookings_result{"2026-12-01", {}, {}}});
  expect_round_trip(reply{
      4, bookings_result{
             "2026-12-01",
             {staff_booking(), cancelled},
             {slot_view{1, "2026-12-01T08:00:00+07:00", "2026-12-01T08:15:00+07:00", 1, 0, 2, true},
              slot_view{1, "2026-12-01T08:15:00+07:00", "2026-12-01T08:30:00+07:00", 2, 2, 0,
                        false}}}});
  auto o = parse(encode(reply{5, booking_result{staff_booking()}}));
  EXPECT_EQ(o.at("booking").at("status"), "checked_in");
  EXPECT_FALSE(o.at("booking").as_object().contains("manage_token"));
}

TEST(ReplyRoundTrip, TextsResults) {
  expect_round_trip(reply{1, texts_result{}});
  expect_round_trip(reply{
      2, texts_result{{text_view{"ahead", "queued", std::nullopt, "2026-12-05T08:10:00+07:00"},
                       text_view{"called", "failed", "refused", "2026-12-05T08:31:00+07:00"}}}});
  auto o = parse(encode(reply{3, texts_result{}}));
  EXPECT_TRUE(o.at("texts").as_array().empty()) << "an empty list is still the reply's key";
}

TEST(ReplyRoundTrip, RecordedDaysResults) {
  expect_round_trip(reply{1, recorded_days_result{}});
  recorded_day_view day{"2026-11-30", {}, {}};
  day.tickets.push_back(
      {"2026-11-30T08:05:00+07:00",
       1,
       domain::priority::elderly,
       false,
       6,
       {{1, 2, "2026-11-30T08:09:00+07:00", "2026-11-30T08:20:00+07:00", "transferred"},
        {4, 6, "2026-11-30T08:21:00+07:00", std::nullopt, "open"}}});
  day.tickets.push_back(
      {"2026-11-30T08:06:00+07:00", 2, domain::priority::none, true, std::nullopt, {}});
  day.counters.push_back({"2026-11-30T07:00:00+07:00", 2, true, {1, 2}});
  day.counters.push_back({"2026-11-30T11:30:00+07:00", 2, false, {1, 2}});
  expect_round_trip(reply{2, recorded_days_result{{day, {"2026-11-23", {}, {}}}}});
  auto o = parse(encode(reply{3, recorded_days_result{{day}}}));
  EXPECT_EQ(o.at("recorded_days").at(0).at("tickets").at(0).at("visits").at(1).at("end"), "open");
}

TEST(ReplyRoundTrip, ProvinceStatsResults) {
  province_stats_result empty;
  empty.period_from = "2026-12-04";
  empty.period_to = "2026-12-05";
  empty.month_from = "2026-12-01";
  empty.generated_at = "2026-12-04T10:00:00+07:00";
  expect_round_trip(reply{1, empty});
  auto o = parse(encode(reply{1, empty}));
  EXPECT_TRUE(o.at("centres").as_array().empty()) << "an empty list is still the reply's key";
  province_stats_result full = empty;
  full.unit = "000.00.11.H26";
  full.centres.push_back({"000.00.11.H26", "Phường Hải Châu", "2026-12-04T09:59:00+07:00", 2, 1800,
                          5, 2, 1200, 2, 1, 0.5, 2});
  full.centres.push_back(
      {"000.00.12.H26", "Phường Thanh Khê", std::nullopt, 0, 0, 0, 0, 0, 0, 0, 1, 0});
  full.province = {"", "", std::nullopt, 2, 1800, 5, 2, 1200, 2, 1, 0.5, 2};
  full.procedures.push_back(
      {"1.001612", "Đăng ký khai sinh", "Birth registration", 3, 2, 2.0 / 3, 1});
  full.services.push_back({1, "Hộ tịch", "Civil status", 2, 1800, 5, 2, 1200});
  full.late.push_back({"000.00.11.H26-261201-0001", "000.00.11.H26", "Đăng ký khai sinh",
                       "Birth registration", "processing", "2026-12-01T08:00:00+07:00",
                       "2026-12-03T17:00:00+07:00", "Tư pháp"});
  full.late_total = 2;
  expect_round_trip(reply{2, full});
}

TEST(ReplyRoundTrip, EveryResultKindIsCovered) { EXPECT_EQ(std::variant_size_v<reply_body>, 17u); }

TEST(ReplyWire, Success) {
  auto o = parse(encode(reply{7, ticket_result{.ticket = bare_ticket(), .ahead = 2}}));
  EXPECT_EQ(o.at("type"), "reply");
  EXPECT_EQ(o.at("id"), 7);
  EXPECT_EQ(o.at("ok"), true);
  EXPECT_EQ(o.at("ahead"), 2);
  EXPECT_FALSE(o.contains("eta_minutes"));
  EXPECT_FALSE(o.contains("error"));
  const auto& t = o.at("ticket").as_object();
  EXPECT_EQ(t.at("number"), "B001");
  EXPECT_EQ(t.at("priority"), "none");
  EXPECT_EQ(t.at("state"), "waiting");
  EXPECT_EQ(t.at("recalls"), 0);
  for (const char* absent :
       {"called_at", "started_at", "finished_at", "counter", "target_counter", "outcome"})
    EXPECT_FALSE(t.contains(absent)) << absent;  // omitted, not null
}

TEST(ReplyWire, ErrorExactText) {
  EXPECT_EQ(encode(reply{std::nullopt, error{error_code::bad_request, "m", "e"}}),
            R"({"type":"reply","id":null,"ok":false,)"
            R"("error":{"code":"bad_request","message":"m","message_en":"e"}})");
  EXPECT_EQ(encode(reply{3, error{error_code::invalid, "m", "e", {{"phone", "bad"}}}}),
            R"({"type":"reply","id":3,"ok":false,"error":{"code":"invalid","message":"m",)"
            R"("message_en":"e","fields":{"phone":"bad"}}})");
  EXPECT_EQ(encode(reply{4, error{error_code::limit, "m", "e", {}, 30}}),
            R"({"type":"reply","id":4,"ok":false,"error":{"code":"limit","message":"m",)"
            R"("message_en":"e","retry_after":30}})");
}

TEST(ReplyWire, HelloSnapshotAndClosure) {
  auto o = parse(encode(reply{1, hello_result{.role = role::clerk,
                                              .user = "clerk1",
                                              .seq = 5,
                                              .server_time = "t",
                                              .snapshot = full_snapshot()}}));
  EXPECT_EQ(o.at("role"), "clerk");
  EXPECT_FALSE(o.contains("session_token"));
  EXPECT_FALSE(o.contains("replayed"));
  const auto& snap = o.at("snapshot").as_object();
  EXPECT_EQ(snap.at("my_counter"), 2);
  const auto& services = snap.at("services").as_array();
  ASSERT_EQ(services.size(), 2u);
  EXPECT_FALSE(services[0].as_object().contains("closure"));
  EXPECT_EQ(services[1].at("closure").at("code"), "limit");
  EXPECT_EQ(services[1].at("closure").at("message_en"), "Daily cap reached");
  const auto& idle = snap.at("counters").as_array()[1].as_object();
  EXPECT_EQ(idle.at("state"), "closed");
  EXPECT_EQ(idle.at("services"), json::array{});
  EXPECT_FALSE(idle.contains("ticket"));
  EXPECT_FALSE(idle.contains("clerk"));
}

TEST(ReplyDecode, AcceptsNullOptionalsAndChoosesResultByKey) {
  auto m = decoded_message(
      R"({"type":"reply","id":4,"ok":true,"ahead":null,"eta_minutes":null,"ticket":{"id":1,)"
      R"("number":"A001","service":1,"priority":"none","state":"waiting","issued_at":"t",)"
      R"("called_at":null,"counter":null,"outcome":null,"recalls":0}})");
  ticket expected{.id = 1, .number = "A001", .service = 1, .issued_at = "t"};
  EXPECT_EQ(std::get<reply>(m), (reply{4, ticket_result{.ticket = expected}}));

  m = decoded_message(R"({"type":"reply","id":5,"ok":true,"services":[]})");
  EXPECT_EQ(std::get<reply>(m), (reply{5, services_result{}}));
}

TEST(ReplyDecode, Malformed) {
  EXPECT_EQ(message_error(R"({"type":"reply","id":1})"), "ok: required field is missing");
  EXPECT_EQ(message_error(R"({"type":"reply","id":1,"ok":"yes"})"),
            "ok: expected a boolean, got a string");
  EXPECT_EQ(message_error(R"({"type":"reply","id":"1","ok":true,"services":[]})"),
            "id: expected an integer, got a string");
  EXPECT_EQ(message_error(R"({"type":"reply","id":1,"ok":true})"),
            "reply: no result (expected one of role, services, ticket, counter, procedures, "
            "dossier, dossiers, code, period_from, rating, locks, booking, bookings, texts, "
            "recorded_days, centres)");
  EXPECT_EQ(message_error(R"({"type":"reply","id":1,"ok":false})"),
            "reply.error: required field is missing");
  EXPECT_EQ(message_error(R"({"type":"reply","id":1,"ok":false,"error":{"code":"oops",)"
                          R"("message":"m"}})"),
            "reply.error.code: unknown value 'oops' (expected one of bad_request, invalid, "
            "unauthorized, forbidden, not_found, conflict, empty, limit, closed, internal)");
  EXPECT_EQ(message_error(R"({"type":"reply","id":1,"ok":false,"error":{"code":"invalid",)"
                          R"("message":"m","fields":{"phone":1}}})"),
            "reply.error.fields.phone: expected a string, got an integer");
  EXPECT_EQ(message_error(R"({"type":"reply","id":1,"ok":true,"ticket":{"id":1,"number":"A1",)"
                          R"("service":1,"priority":"none","state":"lost","issued_at":"t"}})"),
            "reply.ticket.state: unknown value 'lost' "
            "(expected one of waiting, called, serving, done, no_show, cancelled)");
  EXPECT_EQ(message_error(R"({"type":"reply","id":1,"ok":true,"role":"root","user":"u",)"
                          R"("seq":1,"server_time":"t"})"),
            "reply.role: unknown value 'root' "
            "(expected one of kiosk, display, clerk, manager, admin, province_manager)");
  EXPECT_EQ(message_error(R"({"type":"reply","id":1,"ok":true,"role":"kiosk","user":"u",)"
                          R"("seq":1,"server_time":"t","snapshot":{"services":[{}]}})"),
            "reply.snapshot.services[0].id: required field is missing");
  EXPECT_EQ(message_error(R"({"type":"reply","id":1,"ok":true,"counter":{"id":1,"name":"Q",)"
                          R"("state":"busy","services":[]}})"),
            "reply.counter.state: unknown value 'busy' (expected one of closed, open, paused)");
  EXPECT_EQ(message_error(R"({"type":"reply","id":1,"ok":true,"ticket":{"id":1,"number":"A1",)"
                          R"("service":1,"priority":"none","state":"waiting","issued_at":"t",)"
                          R"("recalls":4294967296}})"),
            "reply.ticket.recalls: integer out of range");
}

// ---------------------------------------------------------------- events

TEST(EventRoundTrip, EveryKind) {
  std::vector<event> events{
      {1, ticket_issued{bare_ticket()}},
      {2, ticket_issued{full_ticket()}},
      {3, ticket_called{full_ticket(), 2, "Quầy 2", false}},
      {4, ticket_called{bare_ticket(), 6, "Quầy 6", true}},
      {5, ticket_changed{full_ticket()}},
      {6, queue_changed{3, 12, 25}},
      {7, queue_changed{3, 0, 0}},
      {8, counter_changed{busy_counter()}},
      {9, counter_changed{idle_counter()}},
      {10, stats{"2026-11-27T08:00:05+07:00", {}, 0}},
      {9'000'000'000,
       stats{"2026-11-27T08:00:05+07:00",
             {service_stats{1, 4, 20, 14, 2, 600, 420, 300}, service_stats{.service = 2}},
             3}},
  };
  for (const auto& e : events) expect_round_trip(e);
  expect_round_trip(event{11, dossier_changed{public_view(), true}});
  expect_round_trip(event{12, dossier_changed{public_dossier{.code = "X"}, false}});
  expect_round_trip(event{13, booking_changed{staff_booking()}});
  EXPECT_EQ(std::variant_size_v<event_body>, 8u);
}

TEST(EventWire, ExactText) {
  EXPECT_EQ(encode(event{42, queue_changed{3, 12, 25}, 7}),
            R"({"type":"event","seq":42,"topic":"queue/3","topic_seq":7,"event":"queue_changed",)"
            R"("service":3,"waiting":12,"eta_minutes":25})");
  auto o = parse(encode(event{43, ticket_called{bare_ticket(), 2, "Quầy 2", true}, 5}));
  EXPECT_EQ(o.at("event"), "ticket_called");
  EXPECT_EQ(o.at("topic"), "calls");
  EXPECT_EQ(o.at("topic_seq"), 5);
  EXPECT_EQ(o.at("counter"), 2);
  EXPECT_EQ(o.at("counter_name"), "Quầy 2");
  EXPECT_EQ(o.at("recall"), true);
  EXPECT_EQ(o.at("ticket").at("number"), "B001");
  o = parse(encode(event{44, stats{"t", {service_stats{.service = 1, .issued = 3}}, 2}}));
  EXPECT_EQ(o.at("counters_open"), 2);
  EXPECT_EQ(o.at("services").at(0).at("issued"), 3);
  EXPECT_EQ(o.at("services").at(0).at("average_service_seconds"), 0);
}

TEST(EventDecode, Malformed) {
  EXPECT_EQ(message_error(R"({"type":"event","event":"queue_changed"})"),
            "seq: required field is missing");
  EXPECT_EQ(message_error(R"({"type":"event","seq":1})"), "event: required field is missing");
  EXPECT_EQ(message_error(R"({"type":"event","seq":1,"event":"ticket_moved"})"),
            "unknown event 'ticket_moved'");
  EXPECT_EQ(message_error(R"({"type":"event","seq":1,"event":"dossier_changed"})"),
            "dossier_changed.dossier: required field is missing");
  EXPECT_EQ(message_error(R"({"type":"event","seq":1,"event":"queue_changed","service":1,)"
                          R"("waiting":"3","eta_minutes":1})"),
            "queue_changed.waiting: expected an integer, got a string");
  EXPECT_EQ(message_error(R"({"type":"event","seq":1,"event":"stats","at":"t","counters_open":1,)"
                          R"("services":[{"service":1,"waiting":0,"issued":0,"served":0,)"
                          R"("no_show":0,"longest_wait_seconds":0,"average_wait_seconds":0,)"
                          R"("average_service_seconds":0},{"service":2,"issued":"many"}]})"),
            "stats.services[1].waiting: required field is missing");
  EXPECT_EQ(message_error(R"({"type":"event","seq":1,"event":"ticket_called","counter":1,)"
                          R"("counter_name":"Q","ticket":[]})"),
            "ticket_called.ticket: expected an object, got an array");
}

TEST(ServerMessageDecode, Envelope) {
  EXPECT_EQ(message_error("[]"), "frame is not a JSON object");
  EXPECT_EQ(message_error("{"), "malformed JSON: incomplete JSON at offset 1");
  EXPECT_EQ(message_error(R"({"seq":1})"), "type: required field is missing");
  EXPECT_EQ(message_error(R"({"type":"hello","id":1})"),
            "type: unknown message type 'hello' (expected reply or event)");
  auto result = decode_server_message(R"({"type":"event"})");
  ASSERT_TRUE(std::holds_alternative<error>(result));
  EXPECT_EQ(std::get<error>(result).message, "Thông điệp không hợp lệ: seq: thiếu trường bắt buộc");
}

// ---------------------------------------------------------------- single views

TEST(ViewEncode, TicketIsTheSameObjectAsInAReply) {
  for (const ticket& t : {full_ticket(), bare_ticket()}) {
    json::value alone = json::parse(encode(t));
    json::value in_reply = parse(encode(reply{1, ticket_result{.ticket = t}})).at("ticket");
    EXPECT_EQ(alone, in_reply);
  }
  EXPECT_EQ(encode(bare_ticket()),
            R"({"id":7,"number":"B001","service":1,"priority":"none","state":"waiting",)"
            R"("issued_at":"2026-11-27T07:30:00+07:00","recalls":0})");
}

TEST(ViewEncode, CounterIsTheSameObjectAsInAReply) {
  for (const counter_view& c : {busy_counter(), idle_counter()}) {
    json::value alone = json::parse(encode(c));
    json::value in_reply = parse(encode(reply{1, counter_result{c}})).at("counter");
    EXPECT_EQ(alone, in_reply);
  }
  EXPECT_EQ(encode(idle_counter()), R"({"id":6,"name":"Quầy 6","state":"closed","services":[],)"
                                    R"("served_today":0,"average_service_seconds":0,)"
                                    R"("appointments_called":0,"appointments_in_a_row":2})");
}

// ---------------------------------------------------------------- HTTP bodies

TEST(HttpBodies, Services) {
  EXPECT_EQ(encode_services({}), "[]");
  std::string text = encode_services({open_service(), closed_service()});
  json::value v = json::parse(text);
  ASSERT_TRUE(v.is_array());
  ASSERT_EQ(v.as_array().size(), 2u);
  const auto& first = v.as_array()[0].as_object();
  EXPECT_EQ(first.at("id"), 1);
  EXPECT_EQ(first.at("code"), "HT");
  EXPECT_EQ(first.at("name"), "Hộ tịch");
  EXPECT_EQ(first.at("name_en"), "Civil status");
  EXPECT_EQ(first.at("prefix"), "A");
  EXPECT_EQ(first.at("open"), true);
  EXPECT_EQ(first.at("waiting"), 12);
  EXPECT_EQ(first.at("eta_minutes"), 25);
  EXPECT_EQ(first.at("max_wait_minutes"), 30);
  EXPECT_EQ(first.at("max_service_minutes"), 15);
  // The same objects as in a services reply.
  auto m = decoded_message(R"({"type":"reply","id":1,"ok":true,"services":)" + text + "}");
  EXPECT_EQ(std::get<services_result>(std::get<reply>(m).body).services,
            (std::vector<service_view>{open_service(), closed_service()}));
}

TEST(HttpBodies, Error) {
  EXPECT_EQ(encode_http_error(error{error_code::not_found, "Không tìm thấy", "Not found", {}}),
            R"({"error":{"code":"not_found","message":"Không tìm thấy",)"
            R"("message_en":"Not found"}})");
  EXPECT_EQ(encode_http_error(
                error{error_code::invalid, "Sai", "Wrong", {{"phone", "Số điện thoại sai"}}}),
            R"({"error":{"code":"invalid","message":"Sai","message_en":"Wrong",)"
            R"("fields":{"phone":"Số điện thoại sai"}}})");
  error later{error_code::conflict, "Chưa đến giờ", "Too early", {}};
  later.retry_at = "2026-12-01T07:30:00+07:00";
  EXPECT_EQ(encode_http_error(later),
            R"({"error":{"code":"conflict","message":"Chưa đến giờ","message_en":"Too early",)"
            R"("retry_at":"2026-12-01T07:30:00+07:00"}})");
}

TEST(HttpBodies, ABookingAndTheSlotsOfADay) {
  auto o = json::parse(encode(booking_result{staff_booking()})).as_object();
  EXPECT_EQ(o.at("booking").at("code"), "K7M2Q9TX");
  EXPECT_EQ(o.at("booking").at("start"), "2026-12-01T08:00:00+07:00");
  auto s = json::parse(encode(slots_result{
                           1,
                           "2026-12-01",
                           {slot_view{std::nullopt, "2026-12-01T08:00:00+07:00",
                                      "2026-12-01T08:15:00+07:00", 2, 1, std::nullopt, false}},
                           {},
                           {}}))
               .as_object();
  EXPECT_EQ(s.at("service"), 1);
  EXPECT_EQ(s.at("date"), "2026-12-01");
  const auto& slot = s.at("slots").at(0).as_object();
  EXPECT_EQ(slot.at("capacity"), 2);
  EXPECT_EQ(slot.at("free"), 1);
  EXPECT_FALSE(slot.contains("booked"));
  EXPECT_FALSE(slot.contains("service"));
  EXPECT_FALSE(s.contains("reason"));
  auto closed =
      json::parse(encode(slots_result{1, "2026-11-29", {}, "Ngày nghỉ", "Day off"})).as_object();
  EXPECT_EQ(closed.at("reason"), "Ngày nghỉ");
  EXPECT_EQ(closed.at("reason_en"), "Day off");
  EXPECT_TRUE(closed.at("slots").as_array().empty());
}

TEST(HttpBodies, ABookingsBodyIsReadLikeTheBookVerb) {
  auto b = decode_book(R"({"service":1,"start":"2026-12-01T08:00:00+07:00","full_name":"An",)"
                       R"("phone":"0905123456","request_key":"k","procedure":6,"lang":"en"})");
  ASSERT_TRUE(std::holds_alternative<book>(b));
  EXPECT_EQ(std::get<book>(b),
            (book{1, "2026-12-01T08:00:00+07:00", "An", "0905123456", "k", std::nullopt, 6, "en"}));
  // Missing fields are left to the validation, which names each of them.
  EXPECT_EQ(std::get<book>(decode_book("{}")), book{});
  auto wrong = std::get<error>(decode_book(R"({"service":"1"})"));
  EXPECT_EQ(wrong.code, error_code::bad_request);
  EXPECT_EQ(wrong.message_en, "service: expected an integer, got a string");
  EXPECT_EQ(std::get<error>(decode_book(R"({"lang":"fr"})")).message_en,
            "lang: unknown value 'fr' (expected one of vi, en)");
  EXPECT_EQ(std::get<error>(decode_book("[1]")).message_en, "frame is not a JSON object");
}

TEST(HttpBodies, AMoveBodyIsTheNewStartOfTheBookingItsAddressNames) {
  EXPECT_EQ(std::get<move_booking>(
                decode_move(R"({"start":"2026-12-01T09:15:00+07:00"})", "K7M2Q9TX", false)),
            (move_booking{"K7M2Q9TX", "2026-12-01T09:15:00+07:00"}));
  auto none = std::get<error>(decode_move("{}", "K7M2Q9TX", true));
  EXPECT_EQ(none.code, error_code::bad_request);
  EXPECT_EQ(none.message, none.message_en) << "?lang=en";
  EXPECT_NE(none.message_en.find("start"), std::string::npos);
  auto vietnamese = std::get<error>(decode_move(R"({"start":8})", "K7M2Q9TX", false));
  EXPECT_NE(vietnamese.message, vietnamese.message_en);
  EXPECT_EQ(std::get<error>(decode_move("[", "K7M2Q9TX", false)).code, error_code::bad_request);
}

}  // namespace
}  // namespace motcua::protocol
