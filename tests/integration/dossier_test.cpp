// The dossier verbs over the wire (docs/protocol.md "Verbs" and "Dossier verbs") on the real demo
// server: registration (code, due time, tracking book, validation, idempotent retry), the public
// view wherever it is shown (lookup_dossier, the HTTP API, the /tra-cuu page, dossier_changed) with
// no personal data on the wire, the full view for staff, the actions, the one extension, and
// search. Due-time arithmetic, codes and the status machine are unit-tested; here the point is what
// each role gets on its connection.
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <set>

#include <boost/json.hpp>

#include "shared/domain/clock.hpp"
#include "shared/domain/dossier_code.hpp"
#include "tests/integration/server_test.hpp"
#include "tests/support/http_get.hpp"

namespace motcua::testing {
namespace {

namespace json = boost::json;
using protocol::error_code;

const std::string unit_code = "000.00.00.H99";  // the demo centre's

// Procedure 4: 17 calendar days, two required documents and an optional one.
constexpr std::int64_t monthly_allowance = 4;
const std::string monthly_allowance_name = "Trợ cấp xã hội hằng tháng";
const std::vector<std::string> monthly_allowance_documents{"Tờ khai đề nghị trợ giúp xã hội",
                                                           "Bản sao giấy tờ tùy thân"};
const std::string optional_document = "Giấy khai sinh hoặc giấy xác nhận khuyết tật";
// Procedure 5: 6 working days, one document.
constexpr std::int64_t allowance_after_moving = 5;
const std::vector<std::string> allowance_after_moving_documents{"Văn bản đề nghị"};

const std::string review_department = "Phòng Bảo trợ xã hội";

// Applicants with nothing in common (no word of a name or address, digit run of a phone or ID
// number is shared), so that a search hit can only be the intended one.
protocol::applicant nhung() {
  return {"Nguyễn Thị Hồng Nhung",
          "048185000123",
          {},
          "0905123456",
          "12 Lê Duẩn, phường Hải Châu, Đà Nẵng",
          {}};
}
protocol::applicant binh() {
  return {"Trần Văn Bình", "001090001234", {}, "0912345678", "5 Hàng Bài, Hoàn Kiếm, Hà Nội", {}};
}
protocol::applicant duc() {
  return {"Lê Hoàng Đức", "079201000456", {}, "0987654321", "20 Pasteur, Bến Nghé, TP. HCM", {}};
}

// Nhung as a keyboard may send her: name and address decomposed (NFD), the phone written the
// international way. Stored, she must be nhung().
protocol::applicant nhung_as_typed() {
  auto a = nhung();
  a.full_name = "Nguye\u0302\u0303n Thi\u0323 Ho\u0302\u0300ng Nhung";
  a.address =
      "12 Le\u0302 Dua\u0302\u0309n, phu\u031bo\u031b\u0300ng Ha\u0309i Cha\u0302u, "
      "\u0110a\u0300 Na\u0306\u0303ng";
  a.phone = "+84 905 123 456";
  return a;
}

domain::time_point instant(const std::string& iso) {
  const auto t = domain::parse_iso8601(iso);
  if (!t) throw std::runtime_error("not an ISO 8601 time: \"" + iso + "\"");
  return *t;
}
std::chrono::year_month_day business_day(const std::string& iso) {
  return domain::business_zone{}.day_of(instant(iso));
}
std::string iso(domain::time_point t) { return domain::business_zone{}.format(t); }

std::string fields_of(const protocol::error& e) {
  std::string out;
  for (const auto& [field, problem] : e.fields) out += field + ": " + problem + "; ";
  return out.empty() ? "(no fields)" : out;
}

// What `e` says is wrong with `field`; "id_number" also matches "applicant.id_number".
std::optional<std::string> problem_with(const protocol::error& e, const std::string& field) {
  for (const auto& [name, problem] : e.fields)
    if (name == field || name.ends_with("." + field)) return problem;
  return std::nullopt;
}

bool has_non_ascii(const std::string& text) {
  return std::ranges::any_of(text, [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
}

// `r` is `invalid` naming `field`, with the problem and message in Vietnamese (as the request
// did not ask for English) and message_en in English.
void expect_invalid(const protocol::reply& r, const std::string& field) {
  const auto e = error_of(r);
  EXPECT_EQ(e.code, error_code::invalid) << e.message_en;
  const auto problem = problem_with(e, field);
  ASSERT_TRUE(problem) << "no problem named for " << field << ": " << fields_of(e);
  EXPECT_TRUE(has_non_ascii(*problem)) << "not Vietnamese: " << *problem;
  EXPECT_TRUE(has_non_ascii(e.message)) << "not Vietnamese: " << e.message;
  EXPECT_FALSE(e.message_en.empty());
  EXPECT_NE(e.message_en, e.message);
}

void expect_error(const protocol::reply& r, error_code code) {
  const auto e = error_of(r);
  EXPECT_EQ(e.code, code) << protocol::to_string(e.code) << ": " << e.message_en;
}

// The applicant's personal data in `d`.
std::vector<std::string> personal_data(const protocol::dossier_view& d) {
  std::vector<std::string> out{d.applicant.full_name, d.applicant.phone, d.applicant.address};
  if (d.applicant.id_number) out.push_back(*d.applicant.id_number);
  return out;
}

// None of `d`'s personal data is in `text` (a page, a frame or a body, exactly as sent).
void expect_no_personal_data(const std::string& text, const protocol::dossier_view& d) {
  for (const auto& secret : personal_data(d))
    EXPECT_EQ(text.find(secret), std::string::npos) << secret << " is public:\n" << text;
}

// `json_text` (a frame or an HTTP body) has none of `d`'s personal data, nor any key that would
// carry somebody's.
void expect_public_json(const std::string& json_text, const protocol::dossier_view& d) {
  expect_no_personal_data(json_text, d);
  for (const char* key :
       {"\"applicant\"", "\"full_name\"", "\"id_number\"", "\"phone\"", "\"address\""})
    EXPECT_EQ(json_text.find(key), std::string::npos) << key << " is public:\n" << json_text;
}

// `seen` is the public view of `full` (received at the same time, due at the same time...).
void expect_public_view_of(const protocol::public_dossier& seen,
                           const protocol::dossier_view& full) {
  EXPECT_EQ(seen.code, full.code);
  EXPECT_EQ(seen.procedure, full.procedure_name);
  EXPECT_EQ(seen.status, full.status);
  EXPECT_EQ(instant(seen.received_at), instant(full.received_at));
  EXPECT_EQ(instant(seen.due_at), instant(full.due_at));
  EXPECT_EQ(seen.late, full.late);
  EXPECT_FALSE(seen.history.empty());
}

// The last history row is `action` by clerk1, and the dossier is now in `status`.
void expect_step(const protocol::dossier_view& d, const std::string& action,
                 const std::string& status) {
  EXPECT_EQ(d.status, status) << "after " << action;
  ASSERT_FALSE(d.history.empty()) << "after " << action;
  EXPECT_EQ(d.history.back().action, action);
  EXPECT_EQ(d.history.back().actor, "clerk1") << "after " << action;
  EXPECT_FALSE(d.history.back().at.empty()) << "after " << action;
}

std::set<std::string> codes_of(const std::vector<protocol::dossier_view>& dossiers) {
  std::set<std::string> out;
  for (const auto& d : dossiers) out.insert(d.code);
  return out;
}

// Accepts the event frames that `wanted` accepts.
message_predicate event_frame(event_predicate wanted) {
  return [wanted = std::move(wanted)](const protocol::server_message& m) {
    const auto* e = std::get_if<protocol::event>(&m);
    return e && wanted(*e);
  };
}

class dossier_test : public server_test {
 protected:
  client_ptr staff(const std::string& username) {
    auto c = connect();
    hello_staff(*c, username);
    return c;
  }

  // A complete application for the monthly social allowance.
  static protocol::register_dossier application(const std::string& request_key,
                                                protocol::applicant who = nhung()) {
    return {monthly_allowance, std::move(who), monthly_allowance_documents, request_key, {}, {}};
  }
  protocol::dossier_view registered(const std::string& request_key,
                                    protocol::applicant who = nhung()) {
    return register_dossier(*clerk_, application(request_key, std::move(who)));
  }

  protocol::reply try_action(const std::string& code, const std::string& action,
                             std::optional<std::string> note = {},
                             std::optional<std::string> to = {},
                             std::optional<std::string> new_due_at = {}) {
    return clerk_->call(protocol::advance_dossier{code, action, std::move(note), std::move(to),
                                                  std::move(new_due_at)});
  }
  protocol::dossier_view act(const std::string& code, const std::string& action,
                             std::optional<std::string> note = {},
                             std::optional<std::string> to = {},
                             std::optional<std::string> new_due_at = {}) {
    return result_of<protocol::dossier_result>(
               try_action(code, action, std::move(note), std::move(to), std::move(new_due_at)))
        .dossier;
  }

  // A raw connection logged in with device `token`.
  std::unique_ptr<raw_client> raw_device(const std::string& token,
                                         std::optional<std::vector<std::string>> topics = {}) {
    auto c = std::make_unique<raw_client>(server());
    c->call(protocol::hello{token, {}, {}, {}, {}, std::move(topics)});
    return c;
  }

  http_response get(const std::string& target, const std::string& bearer = "") {
    return http_get(server().host(), server().port(), target, bearer);
  }

  // The text of a PDF (pdftotext), whitespace runs made single spaces: lines wrap anywhere.
  std::string pdf_text(const std::string& pdf) {
    const auto file = dir_.file("form.pdf");
    {
      std::ofstream out(file, std::ios::binary);
      out << pdf;
    }
    std::string text;
    run_options merged;
    merged.errors_to_output = true;
    const std::string raw = run_program({"pdftotext", "-enc", "UTF-8", file, "-"}, merged).output;
    for (char ch : raw) {
      bool space = ch == ' ' || ch == '\n' || ch == '\f' || ch == '\t';
      if (!space)
        text += ch;
      else if (!text.empty() && text.back() != ' ')
        text += ' ';
    }
    return text;
  }

  client_ptr clerk_ = connect();
  const protocol::hello_result clerk_hello_ = hello_staff(*clerk_, "clerk1");
};

// ---------------------------------------------------------------- registration

TEST_F(dossier_test, RegisteringGivesTheDaysCodeADueTimeABookLineAndAHistory) {
  const auto today = business_day(clerk_hello_.server_time);
  const auto first = register_dossier(*clerk_, application("first", nhung_as_typed()));

  EXPECT_EQ(first.code, domain::format_dossier_code(unit_code, today, 1));
  EXPECT_EQ(business_day(first.received_at), today);
  EXPECT_EQ(first.status, "received");
  EXPECT_EQ(first.procedure, monthly_allowance);
  EXPECT_EQ(first.procedure_name, monthly_allowance_name);
  EXPECT_EQ(first.documents, monthly_allowance_documents);
  EXPECT_FALSE(first.late);
  EXPECT_FALSE(first.original_due_at);
  EXPECT_FALSE(first.finished_at);

  // 17 calendar days from the day after receipt, ending with the office day; a due day that
  // is not a working day moves on to the next one.
  EXPECT_LT(instant(first.received_at), instant(first.due_at));
  const auto days_to_due = std::chrono::sys_days(business_day(first.due_at)) -
                           std::chrono::sys_days(business_day(first.received_at));
  EXPECT_GE(days_to_due.count(), 17) << first.received_at << " -> " << first.due_at;
  EXPECT_LE(days_to_due.count(), 28) << first.received_at << " -> " << first.due_at;
  EXPECT_EQ(domain::business_zone{}.time_of_day(instant(first.due_at)).count(), 17 * 60)
      << first.due_at;

  // Stored in NFC, the phone in its national form.
  EXPECT_EQ(first.applicant.full_name, nhung().full_name);
  EXPECT_EQ(first.applicant.address, nhung().address);
  EXPECT_EQ(first.applicant.id_number, nhung().id_number);
  EXPECT_EQ(first.applicant.phone, "0905123456") << "typed as " << nhung_as_typed().phone;

  EXPECT_GE(first.book_volume, 1);
  EXPECT_GE(first.book_line, 1);
  ASSERT_EQ(first.history.size(), 1u);
  EXPECT_EQ(first.history[0].action, "register");
  EXPECT_EQ(first.history[0].actor, "clerk1");
  EXPECT_EQ(instant(first.history[0].at), instant(first.received_at));

  const auto second = registered("second", binh());
  EXPECT_EQ(second.code, domain::format_dossier_code(unit_code, today, 2));
  EXPECT_GT(std::pair(second.book_volume, second.book_line),
            std::pair(first.book_volume, first.book_line));
  EXPECT_LE(instant(first.received_at), instant(second.received_at));
}

TEST_F(dossier_test, EachInvalidFieldIsNamedInVietnameseAndNothingIsCreated) {
  struct spoiled {
    const char* what;
    std::function<void(protocol::register_dossier&)> spoil;
    const char* field;
  };
  const std::vector<spoiled> cases{
      {"10-digit ID", [](auto& r) { r.applicant.id_number = "0481850001"; }, "id_number"},
      {"unknown province", [](auto& r) { r.applicant.id_number = "999185000123"; }, "id_number"},
      {"short phone", [](auto& r) { r.applicant.phone = "12345"; }, "phone"},
      {"no documents", [](auto& r) { r.documents.clear(); }, "documents"},
      {"a required document missing",
       [](auto& r) {
         r.documents = {monthly_allowance_documents[0], optional_document};
       },
       "documents"},
      {"empty name", [](auto& r) { r.applicant.full_name = ""; }, "full_name"},
      {"blank name", [](auto& r) { r.applicant.full_name = "   "; }, "full_name"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    auto request = application(std::string("spoiled ") + c.what);
    c.spoil(request);
    expect_invalid(clerk_->call(request), c.field);
  }

  const auto today = business_day(clerk_hello_.server_time);
  EXPECT_EQ(registered("valid at last").code, domain::format_dossier_code(unit_code, today, 1));
  EXPECT_EQ(search_dossiers(*clerk_, {}).total, 1);
}

TEST_F(dossier_test, AnUnknownProcedureIsRefusedAndNothingIsCreated) {
  auto request = application("unknown procedure");
  request.procedure = 99;
  const auto e = error_of(clerk_->call(request));
  // Invalid, naming the field, as the counter form shows it next to the procedure.
  EXPECT_EQ(e.code, error_code::invalid);
  EXPECT_TRUE(problem_with(e, "procedure")) << fields_of(e);

  const auto today = business_day(clerk_hello_.server_time);
  EXPECT_EQ(registered("valid").code, domain::format_dossier_code(unit_code, today, 1));
}

TEST_F(dossier_test, ErrorsAreInEnglishWhenTheRequestAsksForIt) {
  auto request = application("english");
  request.applicant.phone = "12345";
  const auto e = error_of(clerk_->call(request, wait_timeout, "en"));
  EXPECT_EQ(e.code, error_code::invalid);
  EXPECT_EQ(e.message, e.message_en);
  EXPECT_TRUE(problem_with(e, "phone")) << fields_of(e);
}

TEST_F(dossier_test, AKeyWhoseRequestWasRefusedMayBeUsedAgainOnceTheFormIsCorrected) {
  auto request = application("corrected");
  request.applicant.phone = "12345";
  expect_invalid(clerk_->call(request), "phone");
  request.applicant.phone = nhung().phone;
  const auto today = business_day(clerk_hello_.server_time);
  EXPECT_EQ(register_dossier(*clerk_, request).code,
            domain::format_dossier_code(unit_code, today, 1));
}

TEST_F(dossier_test, RetryingARequestKeyReturnsTheSameDossierAndRegistersItOnce) {
  const auto first = registered("retry");
  const auto retried = registered("retry");
  EXPECT_EQ(retried.code, first.code);
  EXPECT_EQ(retried.received_at, first.received_at);
  EXPECT_EQ(retried.book_line, first.book_line);

  const auto next = registered("next", binh());
  const auto today = business_day(clerk_hello_.server_time);
  EXPECT_EQ(next.code, domain::format_dossier_code(unit_code, today, 2));
  EXPECT_EQ(search_dossiers(*clerk_, {}).total, 2);
}

// ---------------------------------------------------------------- the public view

TEST_F(dossier_test, LookupAndTheApiShowThePublicViewAndNoPersonalData) {
  const auto full = registered("public");

  auto k = kiosk();
  expect_public_view_of(lookup_dossier(*k, full.code), full);
  const auto frame = raw_device("demo-kiosk")->call(protocol::lookup_dossier{full.code});
  expect_public_json(frame, full);

  const auto r = get("/api/v1/dossiers/" + full.code);
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(r.content_type.starts_with("application/json")) << r.content_type;
  expect_public_json(r.body, full);
  const auto body = json::parse(r.body).as_object();  // the view at the top level
  EXPECT_EQ(body.at("code").as_string(), full.code);
  EXPECT_EQ(body.at("procedure").as_string(), monthly_allowance_name);
  EXPECT_EQ(body.at("status").as_string(), "received");
  EXPECT_EQ(instant(json::value_to<std::string>(body.at("received_at"))),
            instant(full.received_at));
  EXPECT_EQ(instant(json::value_to<std::string>(body.at("due_at"))), instant(full.due_at));
  EXPECT_FALSE(body.at("late").as_bool());
  const auto& history = body.at("history").as_array();
  ASSERT_FALSE(history.empty());
  EXPECT_TRUE(history[0].as_object().contains("at"));
  EXPECT_TRUE(history[0].as_object().contains("step"));
}

// Citizens read the history on the kiosk and the status page: each step is named in words
// ("Tiếp nhận hồ sơ"), never by the wire's action code ("register", "forward").
TEST_F(dossier_test, PublicStepsAreNamedInWordsNotByActionCodes) {
  const auto d = registered("steps");
  act(d.code, "forward", {}, review_department);
  const auto seen = lookup_dossier(*kiosk(), d.code);
  ASSERT_EQ(seen.history.size(), 2u);
  for (const auto& step : seen.history) {
    EXPECT_FALSE(step.step.empty());
    for (const char* code :
         {"register", "forward", "request_supplement", "supplement_received", "result_ready",
          "return_result", "refuse", "withdraw", "stop", "extend"})
      EXPECT_EQ(step.step.find(code), std::string::npos) << "public step: " << step.step;
  }
}

TEST_F(dossier_test, AnUnknownCodeIsNotFoundOnTheWireAndOverHttp) {
  const std::string unknown = unit_code + "-200101-9999";
  auto k = kiosk();
  expect_error(k->call(protocol::lookup_dossier{unknown}), error_code::not_found);
  for (const auto& code : {unknown, std::string("no-such-code")}) {
    const auto r = get("/api/v1/dossiers/" + code);
    EXPECT_EQ(r.status, 404) << code;
    EXPECT_EQ(r.content_type, "application/json") << code;
    EXPECT_EQ(json::parse(r.body).at("error").at("code").as_string(), "not_found") << code;
  }
}

TEST_F(dossier_test, TheStatusPageShowsTheDossierWithoutPersonalData) {
  const auto full = registered("page");
  for (const auto& target : {"/tra-cuu/" + full.code, "/tra-cuu/" + full.code + "?lang=en"}) {
    const auto r = get(target);
    EXPECT_EQ(r.status, 200) << target;
    EXPECT_TRUE(r.content_type.starts_with("text/html")) << target << ": " << r.content_type;
    EXPECT_NE(r.body.find(full.code), std::string::npos) << target;
    expect_no_personal_data(r.body, full);
  }
  const auto missing = get("/tra-cuu/" + unit_code + "-200101-9999");
  EXPECT_EQ(missing.status, 404);
  EXPECT_TRUE(missing.content_type.starts_with("text/html")) << missing.content_type;
}

TEST_F(dossier_test, ADisplayIsToldOfEachChangeWithThePublicViewOnly) {
  // A board that lists the results ready asks for the dossiers; connected before the dossier
  // exists.
  const std::vector<std::string> topics{"calls", "dossiers"};
  const auto board_frames = raw_device("demo-display", topics);
  auto board = connect();
  hello_device(*board, "demo-display", {}, topics);
  auto k = kiosk();

  const auto d = registered("event");
  const auto frame = board_frames->frame_until(event_frame(dossier_changed(d.code)));
  expect_public_json(frame, d);
  const auto registered_event = events_until(*board, dossier_changed(d.code)).back();
  const auto* changed = body_as<protocol::dossier_changed>(registered_event);
  ASSERT_TRUE(changed);
  EXPECT_EQ(changed->dossier.status, "received");
  EXPECT_EQ(changed->dossier, lookup_dossier(*k, d.code));

  const auto forwarded = act(d.code, "forward", {}, review_department);
  expect_public_json(board_frames->frame_until(event_frame(dossier_changed(d.code))), forwarded);
  const auto forwarded_event = events_until(*board, dossier_changed(d.code)).back();
  EXPECT_EQ(body_as<protocol::dossier_changed>(forwarded_event)->dossier.status, "processing");
  EXPECT_GT(forwarded_event.seq, registered_event.seq);
}

// ---------------------------------------------------------------- the full view

TEST_F(dossier_test, StaffReadTheFullViewAndDevicesMayNot) {
  const auto d = registered("full");
  for (const char* who : {"clerk1", "manager"}) {
    SCOPED_TRACE(who);
    auto c = staff(who);
    const auto seen = get_dossier(*c, d.code);
    EXPECT_EQ(seen.code, d.code);
    EXPECT_EQ(seen.applicant, d.applicant);
    EXPECT_EQ(seen.documents, d.documents);
    EXPECT_EQ(seen.due_at, d.due_at);
    EXPECT_EQ(seen.book_line, d.book_line);
    ASSERT_FALSE(seen.history.empty());
    EXPECT_EQ(seen.history.front().action, "register");
  }
  const auto k = kiosk();
  const auto board = display();
  for (auto* device : {k.get(), board.get()})
    expect_error(device->call(protocol::get_dossier{d.code}), error_code::forbidden);
  expect_error(clerk_->call(protocol::get_dossier{unit_code + "-200101-9999"}),
               error_code::not_found);
}

// ---------------------------------------------------------------- actions

TEST_F(dossier_test, ForwardingHandsTheDossierToADepartment) {
  const auto d = registered("forward");
  const auto forwarded = act(d.code, "forward", {}, review_department);
  expect_step(forwarded, "forward", "processing");
  EXPECT_EQ(forwarded.history.size(), d.history.size() + 1);
  const auto& row = forwarded.history.back();
  ASSERT_TRUE(row.from);
  EXPECT_FALSE(row.from->empty());
  EXPECT_EQ(row.to, review_department);
  EXPECT_NE(row.from, row.to);
  EXPECT_EQ(forwarded.department, review_department);
  EXPECT_EQ(get_dossier(*clerk_, d.code).history, forwarded.history);
}

TEST_F(dossier_test, TheWholePathToReturnThenNothingMore) {
  const auto d = registered("path");
  act(d.code, "forward", {}, review_department);

  expect_invalid(try_action(d.code, "request_supplement"), "note");
  const std::string missing = "Thiếu giấy xác nhận khuyết tật";
  const auto waiting = act(d.code, "request_supplement", missing);
  expect_step(waiting, "request_supplement", "supplement_requested");
  EXPECT_EQ(waiting.history.back().note, missing);

  expect_step(act(d.code, "supplement_received"), "supplement_received", "processing");
  expect_step(act(d.code, "result_ready"), "result_ready", "result_ready");
  const auto returned = act(d.code, "return_result");
  expect_step(returned, "return_result", "returned");
  EXPECT_TRUE(returned.finished_at);
  // register, forward, request_supplement, supplement_received, result_ready, return_result:
  // the refused attempts left no row.
  EXPECT_EQ(returned.history.size(), 6u);
  EXPECT_EQ(lookup_dossier(*kiosk(), d.code).status, "returned");

  const auto later = iso(instant(returned.due_at) + std::chrono::days(7));
  for (const char* action : {"forward", "request_supplement", "supplement_received", "result_ready",
                             "return_result", "refuse", "withdraw", "stop", "extend"}) {
    SCOPED_TRACE(action);
    expect_error(try_action(d.code, action, "Lý do", review_department, later),
                 error_code::conflict);
  }
  EXPECT_EQ(get_dossier(*clerk_, d.code).history.size(), returned.history.size());
}

TEST_F(dossier_test, ARefusalNeedsAReason) {
  const auto d = registered("refuse");
  expect_invalid(try_action(d.code, "refuse"), "note");
  const std::string reason = "Không thuộc đối tượng hưởng trợ cấp";
  const auto refused = act(d.code, "refuse", reason);
  expect_step(refused, "refuse", "refused");
  EXPECT_EQ(refused.history.back().note, reason);
  EXPECT_TRUE(refused.finished_at);
}

TEST_F(dossier_test, TheApplicantMayWithdrawAReceivedDossier) {
  const auto d = registered("withdraw");
  const auto withdrawn = act(d.code, "withdraw");
  expect_step(withdrawn, "withdraw", "withdrawn");
  EXPECT_TRUE(withdrawn.finished_at);
  expect_error(try_action(d.code, "forward", {}, review_department), error_code::conflict);
}

TEST_F(dossier_test, AnUnknownActionIsInvalid) {
  const auto d = registered("unknown action");
  expect_invalid(try_action(d.code, "approve"), "action");
  EXPECT_EQ(get_dossier(*clerk_, d.code).status, "received");
}

TEST_F(dossier_test, AnActionOnAnUnknownDossierIsNotFound) {
  expect_error(try_action(unit_code + "-200101-9999", "withdraw"), error_code::not_found);
}

TEST_F(dossier_test, TheDueTimeMayBeExtendedOnceWithAReasonAndALaterDate) {
  const auto d = register_dossier(
      *clerk_,
      {allowance_after_moving, binh(), allowance_after_moving_documents, "extend", {}, {}});
  const auto due = instant(d.due_at);
  const auto later = iso(due + std::chrono::days(7));  // the same weekday: a working day
  const std::string reason = "Cần xác minh thêm nơi cư trú";

  expect_invalid(try_action(d.code, "extend", {}, {}, later), "note");
  expect_invalid(try_action(d.code, "extend", reason), "new_due_at");
  for (const auto& not_later : {iso(due), iso(due - std::chrono::days(1)), std::string("soon")}) {
    SCOPED_TRACE(not_later);
    expect_invalid(try_action(d.code, "extend", reason, {}, not_later), "new_due_at");
  }
  EXPECT_EQ(get_dossier(*clerk_, d.code).due_at, d.due_at);

  const auto extended = act(d.code, "extend", reason, {}, later);
  expect_step(extended, "extend", "received");
  EXPECT_EQ(extended.history.back().note, reason);
  EXPECT_EQ(instant(extended.due_at), instant(later));
  ASSERT_TRUE(extended.original_due_at);
  EXPECT_EQ(instant(*extended.original_due_at), due);
  EXPECT_EQ(instant(lookup_dossier(*kiosk(), d.code).due_at), instant(later));

  expect_error(try_action(d.code, "extend", reason, {}, iso(due + std::chrono::days(14))),
               error_code::conflict);
  EXPECT_EQ(instant(get_dossier(*clerk_, d.code).due_at), instant(later));
}

// ---------------------------------------------------------------- search

class dossier_search_test : public dossier_test {
 protected:
  dossier_search_test() {
    act(nhung_.code, "forward", {}, review_department);  // the one being processed
  }

  // The codes that `query` finds, checking that `total` agrees when nothing is paged.
  std::set<std::string> found(protocol::search_dossiers query) {
    const auto r = search_dossiers(*clerk_, std::move(query));
    EXPECT_EQ(r.total, static_cast<int>(r.dossiers.size()));
    return codes_of(r.dossiers);
  }
  static protocol::search_dossiers text(const std::string& t) {
    protocol::search_dossiers q;
    q.text = t;
    return q;
  }
  static protocol::search_dossiers status(const std::string& s) {
    protocol::search_dossiers q;
    q.status = s;
    return q;
  }
  using codes = std::set<std::string>;

  const protocol::dossier_view nhung_ = registered("nhung", nhung());
  const protocol::dossier_view binh_ = registered("binh", binh());
  const protocol::dossier_view duc_ = registered("duc", duc());
};

TEST_F(dossier_search_test, FindsByCodeNameWithoutDiacriticsPhoneAndIdNumber) {
  EXPECT_EQ(found(text(binh_.code)), codes{binh_.code});
  EXPECT_EQ(found(text("nguyen thi hong")), codes{nhung_.code});
  EXPECT_EQ(found(text("Nguyễn Thị Hồng Nhung")), codes{nhung_.code});
  EXPECT_EQ(found(text("le hoang duc")), codes{duc_.code});  // đ folds to d
  EXPECT_EQ(found(text("0912345678")), codes{binh_.code});
  EXPECT_EQ(found(text("079201000456")), codes{duc_.code});
  EXPECT_EQ(found(text("no such person")), codes{});
}

TEST_F(dossier_search_test, FindsByStatus) {
  EXPECT_EQ(found(status("processing")), codes{nhung_.code});
  EXPECT_EQ(found(status("received")), (codes{binh_.code, duc_.code}));
  EXPECT_EQ(found(status("returned")), codes{});
}

TEST_F(dossier_search_test, PagesWithLimitAndOffsetAndCountsTheTotal) {
  protocol::search_dossiers page;
  page.limit = 2;
  const auto first = search_dossiers(*clerk_, page);
  page.offset = 2;
  const auto second = search_dossiers(*clerk_, page);
  EXPECT_EQ(first.total, 3);
  EXPECT_EQ(second.total, 3);
  ASSERT_EQ(first.dossiers.size(), 2u);
  ASSERT_EQ(second.dossiers.size(), 1u);
  auto all = codes_of(first.dossiers);
  all.merge(codes_of(second.dossiers));
  EXPECT_EQ(all, (codes{nhung_.code, binh_.code, duc_.code}));
}

TEST_F(dossier_search_test, ManagersMaySearchAndDevicesMayNot) {
  auto manager = staff("manager");
  EXPECT_EQ(search_dossiers(*manager, {}).total, 3);
  const auto k = kiosk();
  const auto board = display();
  for (auto* device : {k.get(), board.get()})
    expect_error(device->call(protocol::search_dossiers{}), error_code::forbidden);
}

}  // namespace
}  // namespace motcua::testing

namespace motcua::testing {
namespace {

// ---------------------------------------------------------------- printed forms

// "2026-12-14T17:00:00+07:00" -> "17 giờ 00 phút, ngày 14/12/2026", as the forms print it.
std::string form_time(const std::string& iso) {
  return iso.substr(11, 2) + " giờ " + iso.substr(14, 2) + " phút, ngày " + iso.substr(8, 2) + "/" +
         iso.substr(5, 2) + "/" + iso.substr(0, 4);
}

TEST_F(dossier_test, StaffDownloadTheFormsAsPdfWithTheCodeTheNameAndTheDueTime) {
  const auto d = registered("forms");
  const std::string token = clerk_hello_.session_token.value();
  const std::string base = "/api/v1/dossiers/" + d.code + "/forms/";

  auto receipt = get(base + "01.pdf", token);
  ASSERT_EQ(receipt.status, 200) << receipt.body;
  EXPECT_EQ(receipt.content_type, "application/pdf");
  EXPECT_TRUE(receipt.body.starts_with("%PDF-"));
  auto text = pdf_text(receipt.body);
  EXPECT_NE(text.find(d.code), std::string::npos) << text;
  EXPECT_NE(text.find("Nguyễn Thị Hồng Nhung"), std::string::npos) << text;
  EXPECT_NE(text.find(form_time(d.due_at)), std::string::npos) << form_time(d.due_at) << text;
  EXPECT_NE(text.find(monthly_allowance_name), std::string::npos);
  // The same page as an image, for the counter's preview.
  auto preview = get(base + "01.png", token);
  EXPECT_EQ(preview.status, 200);
  EXPECT_EQ(preview.content_type, "image/png");
  EXPECT_TRUE(preview.body.starts_with("\x89PNG\r\n\x1a\n"));

  // The letters exist once the action that calls for them was taken.
  EXPECT_EQ(get(base + "02.pdf", token).status, 409);
  act(d.code, "forward");
  act(d.code, "request_supplement", "Giấy khai sinh của con; Giấy xác nhận khuyết tật");
  text = pdf_text(get(base + "02.pdf", token).body);
  EXPECT_NE(text.find("Giấy xác nhận khuyết tật"), std::string::npos) << text;
  EXPECT_NE(text.find("Nguyễn Thị Hồng Nhung"), std::string::npos) << text;

  // The control sheet (Form 06 of the 2025 set) lists each hand-over; by name too.
  text = pdf_text(get(base + "control-sheet.pdf", token).body);
  EXPECT_NE(text.find(review_department), std::string::npos) << text;
  EXPECT_EQ(pdf_text(get(base + "06.pdf", token).body), text);  // (the files differ in their dates)

  const auto refused = registered("refused", binh());
  act(refused.code, "refuse", "Hồ sơ không thuộc thẩm quyền");
  text = pdf_text(get("/api/v1/dossiers/" + refused.code + "/forms/03.pdf", token).body);
  EXPECT_NE(text.find("Hồ sơ không thuộc thẩm quyền"), std::string::npos) << text;
  EXPECT_NE(text.find("Trần Văn Bình"), std::string::npos) << text;

  const auto today = d.received_at.substr(0, 10);
  auto book = get("/api/v1/tracking-book.pdf?from=" + today + "&to=" + today, token);
  ASSERT_EQ(book.status, 200) << book.body;
  text = pdf_text(book.body);
  EXPECT_NE(text.find(d.code), std::string::npos) << text;
  EXPECT_NE(text.find("Trần Văn Bình"), std::string::npos) << text;
}

TEST_F(dossier_test, FormsNeedAStaffSessionAndAKnownDossierAndForm) {
  const auto d = registered("guarded");
  const std::string token = clerk_hello_.session_token.value();
  const std::string receipt = "/api/v1/dossiers/" + d.code + "/forms/01.pdf";
  auto anonymous = get(receipt);
  EXPECT_EQ(anonymous.status, 401);
  EXPECT_NE(anonymous.body.find("\"unauthorized\""), std::string::npos) << anonymous.body;
  EXPECT_EQ(get(receipt, "not-a-session").status, 401);
  EXPECT_EQ(get("/api/v1/dossiers/" + unit_code + "-000101-0001/forms/01.pdf", token).status, 404);
  EXPECT_EQ(get("/api/v1/dossiers/" + d.code + "/forms/99.pdf", token).status, 400);
  EXPECT_EQ(get("/api/v1/tracking-book.pdf?from=2026-12-01&to=2026-01-01", token).status, 400);
  // The public view of the same dossier stays open to anybody.
  EXPECT_EQ(get("/api/v1/dossiers/" + d.code).status, 200);
}

}  // namespace
}  // namespace motcua::testing
