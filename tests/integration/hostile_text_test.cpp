// Free text under the one text policy on the real server (issue 9, defects 1 and 7): names and
// other free-text fields with control, invisible or non-characters are refused with the field
// named and nothing stored; and whatever bytes a row already holds (an old row, a restored
// backup, written here straight into the SQLite file) every form, page and view still renders,
// and the server stays up.
#include <sqlite3.h>

#include <string>
#include <utility>
#include <vector>

#include "tests/integration/server_test.hpp"
#include "tests/support/http_get.hpp"

namespace motcua::testing {
namespace {

using namespace std::string_literals;
using protocol::error_code;

// Procedure 4 of the demo centre and its two required documents.
protocol::register_dossier application(const std::string& request_key, std::string full_name) {
  return {4,
          {std::move(full_name), "048185000123", {}, "0905123456", "12 Lê Duẩn, Đà Nẵng", {}},
          {"Tờ khai đề nghị trợ giúp xã hội", "Bản sao giấy tờ tùy thân"},
          request_key,
          {},
          {}};
}

std::string fields_of(const protocol::error& e) {
  std::string out;
  for (const auto& [field, problem] : e.fields) out += field + ": " + problem + "; ";
  return out;
}

// `r` is `invalid`, naming `field` (and no other), in Vietnamese with message_en in English.
void expect_invalid_field(const protocol::reply& r, const std::string& field) {
  const auto e = error_of(r);
  EXPECT_EQ(e.code, error_code::invalid) << e.message_en;
  EXPECT_EQ(e.fields.size(), 1u) << fields_of(e);
  EXPECT_EQ(e.fields.count(field), 1u) << fields_of(e);
  EXPECT_NE(e.message, e.message_en);
}

class hostile_text_test : public server_test {
 protected:
  http_response get(const std::string& target, const std::string& bearer = "") {
    return http_get(server().host(), server().port(), target, bearer);
  }

  // Runs `sql` on the database file directly, as an old version or a restored backup left it.
  void write_database(const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(db_.c_str(), &db), SQLITE_OK);
    char* error = nullptr;
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
    const std::string message = error ? error : "";
    sqlite3_free(error);
    sqlite3_close(db);
    ASSERT_EQ(rc, SQLITE_OK) << message;
  }

  client_ptr clerk_ = connect();
  const protocol::hello_result clerk_hello_ = hello_staff(*clerk_, "clerk1");
};

const std::vector<std::pair<std::string, std::string>> hostile_names{
    {"U+FFFF", "Nguyễn\uFFFFAn"},
    {"U+FDD0", "Nguyễn Văn\uFDD0An"},
    {"a single NUL", "\0"s},
    {"a NUL inside", "Nguyễn\0Văn An"s},
    {"right-to-left override", "Nguyễn \u202EnA năV"},
    {"terminal escapes", "\x1b[2J\x1b[31mNguyễn Văn An\x1b[0m"},
    {"zero-width space", "Nguyễn\u200BVăn An"},
    {"byte order mark", "\uFEFFNguyễn Văn An"},
};

TEST_F(hostile_text_test, NamesWithControlInvisibleOrNonCharactersAreRefusedAndNothingStored) {
  for (const auto& [what, name] : hostile_names) {
    SCOPED_TRACE(what);
    expect_invalid_field(clerk_->call(application("hostile " + what, name)), "applicant.full_name");
  }
  EXPECT_EQ(search_dossiers(*clerk_, {}).total, 0);
  // The same name without the bad character is stored, NFC.
  const auto d = register_dossier(*clerk_, application("clean", "Nguye\u0302\u0303n Va\u0306n An"));
  EXPECT_EQ(d.applicant.full_name, "Nguyễn Văn An");
}

TEST_F(hostile_text_test, EveryOtherFreeTextFieldFollowsThePolicy) {
  auto with_note = application("note", "Nguyễn Văn An");
  with_note.note = "Ghi chú\u202E";
  expect_invalid_field(clerk_->call(with_note), "note");
  auto with_document = application("document", "Nguyễn Văn An");
  with_document.documents.push_back("Giấy\u200Btờ");
  expect_invalid_field(clerk_->call(with_document), "documents");
  EXPECT_EQ(search_dossiers(*clerk_, {}).total, 0);

  const auto d = register_dossier(*clerk_, application("dossier", "Nguyễn Văn An"));
  expect_invalid_field(
      clerk_->call(protocol::advance_dossier{d.code, "refuse", "Lý do\x1b[2J", {}, {}}), "note");
  expect_invalid_field(
      clerk_->call(protocol::advance_dossier{d.code, "forward", {}, "Phòng\uFFFF", {}}), "to");
  EXPECT_EQ(get_dossier(*clerk_, d.code).history.size(), 1u);  // nothing happened
  advance_dossier(*clerk_, {d.code, "forward", {}, {}, {}});
  // A note keeps its lines (Forms 02 and 03 print one item per line), stored NFC.
  const auto asked = advance_dossier(
      *clerk_, {d.code, "request_supplement", "Bản sao CCCD\r\nA\u0309nh 3x4", {}, {}});
  EXPECT_EQ(asked.history.back().note, "Bản sao CCCD\nẢnh 3x4");

  auto kiosk_client = kiosk();
  open_counter(*clerk_, 1, {1});
  take(*kiosk_client, 1, "first");
  const auto second = take(*kiosk_client, 1, "second").ticket;
  expect_invalid_field(clerk_->call(protocol::call_ticket{second.id, "\uFEFFưu tiên"}), "reason");
  clerk_do(*clerk_, protocol::call_next{});
  clerk_do(*clerk_, protocol::start_service{});
  expect_invalid_field(clerk_->call(protocol::finish{"Xong\uFDD0"}), "outcome");
  expect_invalid_field(clerk_->call(protocol::transfer{2, {}, "Chuyển\u2066"}), "reason");
  EXPECT_EQ(clerk_do(*clerk_, protocol::finish{"Đã giải quyết\nHẹn thứ Hai"}).outcome,
            "Đã giải quyết\nHẹn thứ Hai");
}

TEST_F(hostile_text_test, AnyBytesAlreadyStoredRenderEverywhereAndTheServerStaysUp) {
  const auto d = register_dossier(*clerk_, application("old row", "Nguyễn Văn An"));
  advance_dossier(*clerk_, {d.code, "forward", "chuyển", {}, {}});
  stop();
  // U+FFFF, U+FDD0, bytes that are not UTF-8, NUL, a right-to-left override, an escape
  // sequence, a zero-width space and a BOM, in every free-text column.
  const std::string junk =
      "char(0xFFFF) || char(0xFDD0) || CAST(X'FFC0AFED' AS TEXT) || char(0) || char(0x202E) || "
      "char(27) || '[2J' || char(0x200B) || char(0xFEFF) || char(0x10FFFF)";
  write_database("UPDATE dossiers SET full_name = 'Nguyễn ' || " + junk + " || ' An', address = " +
                 junk + ", note = 'a' || char(10) || " + junk + ", department = 'Phòng ' || " +
                 junk + ", email = " + junk + ";" + "UPDATE dossier_history SET note = " + junk +
                 ", to_dept = 'Phòng ' || " + junk + ", from_dept = " + junk + ";");
  start();

  auto clerk = connect();
  const std::string token = hello_staff(*clerk, "clerk1").session_token.value();
  const std::string base = "/api/v1/dossiers/" + d.code + "/forms/";
  const auto today = d.received_at.substr(0, 10);
  for (const std::string& target : std::vector<std::string>{
           base + "01.pdf", base + "01.png", base + "control-sheet.pdf", base + "control-sheet.png",
           "/api/v1/tracking-book.pdf?from=" + today + "&to=" + today,
           "/api/v1/tracking-book.png?from=" + today + "&to=" + today}) {
    SCOPED_TRACE(target);
    const auto answer = get(target, token);
    EXPECT_EQ(answer.status, 200) << answer.body;
    EXPECT_TRUE(answer.body.starts_with("%PDF-") || answer.body.starts_with("\x89PNG"));
  }
  for (const std::string& target :
       std::vector<std::string>{"/tra-cuu/" + d.code, "/api/v1/dossiers/" + d.code}) {
    SCOPED_TRACE(target);
    const auto answer = get(target);
    EXPECT_EQ(answer.status, 200) << answer.body;
    EXPECT_NE(answer.body.find("\uFFFD"), std::string::npos) << answer.body;  // the step's unit
  }
  EXPECT_EQ(get("/healthz").status, 200);

  // Over the WebSocket too: the full view arrives as valid UTF-8 and the connection stays.
  const auto full = get_dossier(*clerk, d.code);
  EXPECT_TRUE(full.applicant.full_name.starts_with("Nguyễn \uFFFD\uFFFD"))
      << full.applicant.full_name;
  EXPECT_EQ(search_dossiers(*clerk, {}).total, 1);
}

}  // namespace
}  // namespace motcua::testing
