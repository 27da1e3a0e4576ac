// intake_model: procedure search without diacritics or by code, checklist, live validation
// with the server's rules, register linked to the ticket, idempotent key.
#include "counter/model/intake_model.hpp"

#include "tests/unit/counter_fixture.hpp"

namespace motcua::testing {
namespace {

protocol::procedure_view procedure(std::int64_t id, std::string code, std::string name) {
  protocol::procedure_view p;
  p.id = id;
  p.code = std::move(code);
  p.name = std::move(name);
  p.service = 1;
  p.processing_days = 5;
  p.processing_unit = "working_days";
  p.fee = 0;
  p.documents = {{"Đơn đề nghị", true}, {"Bản sao giấy chứng nhận", true}, {"Ảnh", false}};
  p.due_at = "2026-12-03T17:00:00+07:00";
  return p;
}

class counter_intake : public ::testing::Test {
 protected:
  counter_intake() {
    model_.load();
    model_.on_reply(
        ok(net_.last_id(),
           protocol::procedures_result{{
               procedure(6, "DEMO.NCC.01", "Trợ cấp thờ cúng liệt sĩ"),
               procedure(9, "DEMO.NCC.04", "Hỗ trợ thăm viếng mộ liệt sĩ"),
               procedure(4, "DEMO.BTXH.01", "Trợ cấp xã hội hằng tháng cho người có công"),
           }}));
  }
  void fill() {
    model_.select(9);
    model_.received = {true, true, false};
    model_.full_name = "Nguyễn Văn An";
    model_.id_number = "048090001234";
    model_.phone = "0905 123 456";
    model_.address = "12 Lê Lợi, Hải Châu, Đà Nẵng";
  }
  std::vector<std::string> codes() const {
    std::vector<std::string> out;
    for (const auto* p : model_.matches()) out.push_back(p->code);
    return out;
  }

  domain::test_clock clock_{at_9am()};
  recorder net_;
  counter::intake_model model_{clock_, net_.sender(), "desk1"};
};

TEST_F(counter_intake, FindsProceduresWithoutDiacriticsOrByCode) {
  EXPECT_EQ(net_.sent.size(), 1u);
  EXPECT_EQ(codes().size(), 3u);
  model_.search = "liet si";
  EXPECT_EQ(codes(), (std::vector<std::string>{"DEMO.NCC.01", "DEMO.NCC.04"}));
  model_.search = "NGUOI CO CONG";
  EXPECT_EQ(codes(), (std::vector<std::string>{"DEMO.BTXH.01"}));
  model_.search = "demo.ncc.04";
  EXPECT_EQ(codes(), (std::vector<std::string>{"DEMO.NCC.04"}));
}

TEST_F(counter_intake, ChecksFieldsAsTypedWithTheServersRules) {
  EXPECT_FALSE(model_.problem("applicant.phone"));  // untouched: no red yet
  model_.phone = "12345";
  ASSERT_TRUE(model_.problem("applicant.phone"));
  model_.id_number = "04809000123";
  EXPECT_TRUE(model_.problem("applicant.id_number"));
  model_.foreigner = true;
  model_.passport = "c1234567";
  EXPECT_FALSE(model_.problem("applicant.passport"));
  EXPECT_FALSE(model_.problem("applicant.id_number"));
  EXPECT_FALSE(model_.valid());

  fill();
  model_.foreigner = false;
  EXPECT_TRUE(model_.valid());
  model_.received[1] = false;
  auto missing = model_.problem("documents");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->vi, "Còn thiếu: Bản sao giấy chứng nhận");
}

// The live checks are the server's text policy: an invisible character in the name, a text
// direction override in the note, each named as the server would name it.
TEST_F(counter_intake, ChecksFreeTextWithTheServersTextPolicy) {
  fill();
  model_.full_name = "Nguyễn\u200BVăn An";
  EXPECT_EQ(model_.problem("applicant.full_name")->en,
            "Full name contains a control or invisible character (U+200B).");
  model_.full_name = "Nguyễn Văn An";
  EXPECT_FALSE(model_.problem("note"));
  model_.note = "Thiếu\u202E ảnh";
  EXPECT_EQ(model_.problem("note")->vi, "Ghi chú chứa ký tự điều khiển hướng viết (U+202E).");
  EXPECT_FALSE(model_.valid());
  model_.submit(std::nullopt);
  EXPECT_EQ(net_.sent.size(), 1u);  // nothing sent
  model_.note = "Thiếu ảnh\nNộp bổ sung sau";
  EXPECT_TRUE(model_.valid());
}

TEST_F(counter_intake, SubmitShowsEveryProblemAndSendsNothingWhenInvalid) {
  model_.submit(std::nullopt);
  EXPECT_EQ(net_.sent.size(), 1u);
  EXPECT_TRUE(model_.problem("procedure"));
  EXPECT_TRUE(model_.problem("applicant.full_name"));
  EXPECT_EQ(model_.problem("applicant.address")->vi, "Cần địa chỉ người nộp.");
}

TEST_F(counter_intake, RegistersLinkedToTheTicketWithOneKeyPerForm) {
  fill();
  EXPECT_EQ(model_.selected()->due_at, "2026-12-03T17:00:00+07:00");
  model_.submit(42);
  const auto& r = net_.last<protocol::register_dossier>();
  EXPECT_EQ(r.procedure, 9);
  EXPECT_EQ(r.ticket, 42);
  EXPECT_EQ(r.documents, (std::vector<std::string>{"Đơn đề nghị", "Bản sao giấy chứng nhận"}));
  EXPECT_EQ(r.applicant.id_number, "048090001234");
  EXPECT_FALSE(r.applicant.passport);
  EXPECT_EQ(r.request_key, "desk1-1");

  // The server's field message wins; a second try keeps the key (idempotent).
  model_.on_reply(failed(net_.last_id(), protocol::error_code::invalid, "Hồ sơ chưa hợp lệ",
                         {{"applicant.phone", "Số điện thoại không đúng."}}));
  EXPECT_EQ(model_.problem("applicant.phone")->vi, "Số điện thoại không đúng.");
  model_.submit(42);
  EXPECT_EQ(net_.last<protocol::register_dossier>().request_key, "desk1-1");
  protocol::dossier_view d;
  d.code = "000.00.00.H00-261126-0001";
  model_.on_reply(ok(net_.last_id(), protocol::dossier_result{d}));
  ASSERT_TRUE(model_.registered());
  EXPECT_EQ(model_.registered()->code, d.code);

  model_.reset();
  EXPECT_FALSE(model_.registered());
  EXPECT_TRUE(model_.full_name.empty());
  EXPECT_TRUE(std::holds_alternative<protocol::list_procedures>(net_.sent.back().params));
  model_.on_reply(ok(net_.last_id(), protocol::procedures_result{{procedure(9, "X", "Y")}}));
  fill();
  model_.submit(std::nullopt);
  EXPECT_EQ(net_.last<protocol::register_dossier>().request_key, "desk1-2");
}

}  // namespace
}  // namespace motcua::testing
