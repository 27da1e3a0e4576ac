// The printed forms: wording and time formats, QR codes, and every form rendered for a demo
// dossier, then read back with poppler-utils (pdftotext, pdfinfo, pdftoppm) and zbar-tools
// (zbarimg), which scripts/deps.sh installs. Set MOTCUA_FORMS_OUT to a directory to keep the
// PDFs there; otherwise they go to a temporary directory that is removed.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <thread>

#include "server/docs/pdf.hpp"
#include "server/docs/wording.hpp"
#include "shared/domain/dossier_code.hpp"
#include "shared/render/qr.hpp"
#include "tests/support/child_process.hpp"

namespace motcua::docs {
namespace {

using namespace std::chrono;
using namespace std::chrono_literals;

const domain::business_zone zone;

time_point local(year_month_day day, minutes time_of_day) { return zone.at(day, time_of_day); }

constexpr year_month_day reception_day{2026y, November, 27d};  // a Friday
const time_point received = local(reception_day, 8h + 5min);
const time_point due = local(2026y / December / 11d, 17h);
const std::string due_text = "17 giờ 00 phút, ngày 11/12/2026";
const std::string name = "Nguyễn Thị Hồng Nhung";
const std::string procedure = "Trợ cấp xã hội hằng tháng";
// A clearly fake unit code (docs/domain.md "Dossier codes").
const std::string code = domain::format_dossier_code("000.00.00.H99", reception_day, 1);
const std::string lookup_url = "https://motcua.example.vn/tra-cuu/" + code;

TEST(FormTime, HoursMinutesAndDate) {
  EXPECT_EQ(format_form_time(due, zone), due_text);
  EXPECT_EQ(format_form_time(received, zone), "08 giờ 05 phút, ngày 27/11/2026");
}

TEST(FormTime, InTheBusinessZone) {
  const time_point utc_evening = sys_days{2026y / November / 26d} + 16h + 59min;
  EXPECT_EQ(format_form_time(utc_evening, zone), "23 giờ 59 phút, ngày 26/11/2026");
  EXPECT_EQ(format_form_time(utc_evening + 1min, zone), "00 giờ 00 phút, ngày 27/11/2026");
  const domain::business_zone utc = *domain::business_zone::parse("UTC");
  EXPECT_EQ(format_form_time(utc_evening, utc), "16 giờ 59 phút, ngày 26/11/2026");
}

TEST(FormTime, SecondsAreDropped) {
  EXPECT_EQ(format_form_time(due + 59s + 999ms, zone), due_text);
}

TEST(FormDate, PlaceAndDateLine) {
  EXPECT_EQ(domain::format_ddmmyyyy(2027y / January / 2d), "02/01/2027");
  EXPECT_EQ(format_place_date("Đà Nẵng", reception_day), "Đà Nẵng, ngày 27 tháng 11 năm 2026");
  // Days below 10 and months 1 and 2 take a leading zero; the other months do not.
  EXPECT_EQ(format_place_date("Đà Nẵng", 2026y / March / 5d), "Đà Nẵng, ngày 05 tháng 3 năm 2026");
  EXPECT_EQ(format_place_date("Huế", 2027y / February / 1d), "Huế, ngày 01 tháng 02 năm 2027");
  EXPECT_EQ(format_place_date("", 2026y / January / 9d), "Ngày 09 tháng 01 năm 2026");
}

TEST(FormHeadings, NumbersDependOnTheSet) {
  const std::pair<form_kind, std::pair<int, int>> numbers[] = {
      {form_kind::receipt, {1, 1}},       {form_kind::supplement_request, {2, 2}},
      {form_kind::refusal, {3, 3}},       {form_kind::apology, {4, 4}},
      {form_kind::control_sheet, {5, 6}}, {form_kind::tracking_book, {6, 7}},
  };
  for (const auto& [kind, expected] : numbers) {
    SCOPED_TRACE(static_cast<int>(kind));
    EXPECT_EQ(heading_of(kind, form_set::y2018)->number, expected.first);
    EXPECT_EQ(heading_of(kind, form_set::y2025)->number, expected.second);
  }
  EXPECT_FALSE(heading_of(form_kind::stop_notice, form_set::y2018));
  EXPECT_EQ(heading_of(form_kind::stop_notice, form_set::y2025)->number, 5);
  EXPECT_EQ(form_label(5), "Mẫu số 05");
  EXPECT_EQ(step_result_label(step_result::late), "Quá hạn");
}

TEST(Qr, SmallestVersionThatHoldsTheText) {
  const render::qr_matrix short_code = render::encode_qr("A");
  EXPECT_EQ(short_code.size, 21);  // version 1
  EXPECT_EQ(short_code.dark.size(), 21u * 21u);
  EXPECT_TRUE(short_code.at(0, 0));  // finder pattern corner
  const render::qr_matrix url = render::encode_qr(lookup_url);
  EXPECT_GT(url.size, 21);
  EXPECT_EQ((url.size - 17) % 4, 0);
  EXPECT_THROW(render::encode_qr(""), std::invalid_argument);
  EXPECT_THROW(render::encode_qr(std::string(3000, 'x')), std::invalid_argument);
}

// ---- Rendering ----

unit_info demo_unit() {
  return {"UBND thành phố Đà Nẵng", "Trung tâm Phục vụ hành chính công", "Đà Nẵng"};
}

applicant demo_applicant() {
  return {name, "048187000123", "12 Lê Duẩn, phường Hải Châu, thành phố Đà Nẵng", "0905123456",
          "nhung@example.vn"};
}

letter_head head(const std::string& serial, const std::string& dossier_code, time_point issued) {
  return {demo_unit(), serial, dossier_code, demo_applicant(), procedure, issued};
}

form01 demo_form01() {
  form01 f;
  f.unit = demo_unit();
  f.serial = "125/TNHS";
  f.dossier_code = code;
  f.who = demo_applicant();
  f.procedure = procedure;
  f.documents = {{"Tờ khai đề nghị trợ cấp xã hội hằng tháng (Mẫu số 1a)", true, 1},
                 {"Căn cước của người đề nghị", false, 1},
                 {"Giấy xác nhận khuyết tật", false, 2}};
  f.legal_time = "10 ngày làm việc";
  f.received_at = received;
  f.due_at = due;
  f.result_place = "Quầy trả kết quả, Trung tâm Phục vụ hành chính công";
  f.fee = "Không";
  f.book_volume = 3;
  f.book_line = 125;
  f.clerk = "Trần Văn Bình";
  f.lookup_url = lookup_url;
  return f;
}

// Runs a program and returns what it printed; fails the test on a non-zero exit.
std::string run(const std::vector<std::string>& argv) {
  const auto r = motcua::testing::run_program(argv);
  EXPECT_EQ(r.exit_code, 0) << argv.front() << ": " << r.errors;
  return r.output;
}

class RenderedForms : public ::testing::Test {
 protected:
  struct probe {
    std::filesystem::path file;
    std::string text;  // pdftotext -layout
    std::string info;  // pdfinfo
  };

  static void SetUpTestSuite() {
    if (const char* keep = std::getenv("MOTCUA_FORMS_OUT")) {
      dir_ = keep;
      std::filesystem::create_directories(dir_);
      return;
    }
    std::string pattern = (std::filesystem::temp_directory_path() / "motcua-forms-XXXXXX");
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    dir_ = pattern;
    remove_dir_ = true;
  }

  static void TearDownTestSuite() {
    if (remove_dir_) std::filesystem::remove_all(dir_);
  }

  // Writes `pdf` as `name`.pdf and reads it back.
  static probe read_back(const std::string& name, const std::string& pdf) {
    probe p{dir_ / (name + ".pdf"), "", ""};
    std::ofstream(p.file, std::ios::binary) << pdf;
    p.text = run({"pdftotext", "-layout", p.file.string(), "-"});
    p.info = run({"pdfinfo", p.file.string()});
    return p;
  }

  // The value of `key` in pdfinfo's output ("Page size" -> "419.53 x 595.28 pts (A5)").
  static std::string info_field(const probe& p, const std::string& key) {
    const std::size_t at = p.info.find("\n" + key + ":");
    if (at == std::string::npos) return "";
    const std::size_t start = p.info.find_first_not_of(' ', at + key.size() + 2);
    return p.info.substr(start, p.info.find('\n', start) - start);
  }

  // 148 x 210 mm; pdfinfo names A4 but not A5.
  static void expect_a5(const probe& p) {
    EXPECT_EQ(info_field(p, "Page size"), "419.53 x 595.28 pts");
  }

  static void expect_contains(const probe& p, const std::vector<std::string>& expected) {
    for (const std::string& e : expected)
      EXPECT_NE(p.text.find(e), std::string::npos) << "missing \"" << e << "\" in\n" << p.text;
  }

  static inline std::filesystem::path dir_;
  static inline bool remove_dir_ = false;
};

TEST_F(RenderedForms, Form01ReceiptAndAppointment) {
  for (form_set set : {form_set::y2018, form_set::y2025}) {
    const std::string suffix = set == form_set::y2018 ? "-2018" : "-2025";
    const probe p = read_back("form01" + suffix, render(demo_form01(), set, zone));
    expect_a5(p);
    EXPECT_EQ(info_field(p, "Pages"), "1");
    expect_contains(p, {"Mẫu số 01",
                        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                        "Độc lập - Tự do - Hạnh phúc",
                        "UBND THÀNH PHỐ ĐÀ NẴNG",
                        "TRUNG TÂM PHỤC VỤ HÀNH",
                        "Số: 125/TNHS",
                        "Đà Nẵng, ngày 27 tháng 11 năm 2026",
                        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
                        "Mã hồ sơ: " + code,
                        name,
                        "048187000123",
                        procedure,
                        "Bản chính",
                        "Bản sao",
                        "10 ngày làm việc",
                        "08 giờ 05 phút, ngày 27/11/2026",
                        due_text,
                        "Quyển số: 3",
                        "Số thứ tự: 125",
                        "NGƯỜI NỘP HỒ SƠ",
                        "NGƯỜI TIẾP NHẬN HỒ SƠ",
                        "Trần Văn Bình"});
  }
}

TEST_F(RenderedForms, Form01QrCodeHoldsTheLookupUrl) {
  const probe p = read_back("form01-qr", render(demo_form01(), form_set::y2018, zone));
  const std::filesystem::path png = dir_ / "form01-qr";
  run({"pdftoppm", "-png", "-r", "150", "-singlefile", p.file.string(), png.string()});
  EXPECT_EQ(run({"zbarimg", "--quiet", "--raw", png.string() + ".png"}), lookup_url + "\n");
}

TEST_F(RenderedForms, LettersAndControlSheet) {
  const form02 f2{
      head("126/BSHS", code, received),
      {"Giấy xác nhận khuyết tật (bản sao có chứng thực)", "Sơ yếu lý lịch có xác nhận"},
      "Hồ sơ thiếu giấy tờ theo quy định",
      due,
      "Trần Văn Bình",
      "0236 3 123 456"};
  const form03 f3{head("127/TCHS", "", received),
                  {"Thủ tục không thuộc thẩm quyền <của đơn vị> & cần nộp tại UBND xã"},
                  "Trần Văn Bình"};
  const signer director{"GIÁM ĐỐC", "Lê Văn Cường"};
  const form04 f4{head("15/XL", code, local(2026y / December / 9d, 9h)),
                  received,
                  due,
                  local(2026y / December / 18d, 17h),
                  "Cần xác minh thêm thông tin",
                  director};
  const stop_notice f5{head("16/DGQ", code, local(2026y / December / 1d, 10h)), received,
                       "Công dân đề nghị rút hồ sơ", director};
  control_sheet sheet{demo_unit(),
                      code,
                      demo_applicant(),
                      procedure,
                      received,
                      due,
                      {{"Bộ phận Một cửa", "Phòng Bảo trợ xã hội", received + 25min, {}, ""},
                       {"Phòng Bảo trợ xã hội", "Lãnh đạo Sở",
                        local(2026y / December / 7d, 14h + 30min), step_result::early, "Trình ký"},
                       {"Lãnh đạo Sở", "Bộ phận Một cửa", local(2026y / December / 11d, 16h),
                        step_result::on_time, ""}}};

  struct expectation {
    std::string name;
    std::string pdf;
    std::vector<std::string> text;
  };
  const std::vector<expectation> cases = {
      {"form02",
       render(f2, form_set::y2018, zone),
       {"Mẫu số 02", "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ", "Mã hồ sơ: " + code, name,
        "1) Giấy xác nhận khuyết tật", "2) Sơ yếu lý lịch", "Hạn bổ sung hồ sơ: " + due_text,
        "0236 3 123 456", "NGƯỜI HƯỚNG DẪN"}},
      {"form03",
       render(f3, form_set::y2018, zone),
       {"Mẫu số 03", "PHIẾU TỪ CHỐI TIẾP NHẬN, GIẢI QUYẾT HỒ SƠ", name, procedure,
        "<của đơn vị> & cần nộp", "NGƯỜI TIẾP NHẬN HỒ SƠ"}},
      {"form04",
       render(f4, form_set::y2018, zone),
       {"Mẫu số 04", "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ", "Mã hồ sơ: " + code, name,
        "Thời gian hẹn trả kết quả: " + due_text,
        "Thời gian trả kết quả mới: 17 giờ 00 phút, ngày 18/12/2026",
        "Đà Nẵng, ngày 09 tháng 12 năm 2026", "GIÁM ĐỐC", "Lê Văn Cường"}},
      {"form04-2025",
       render(f4, form_set::y2025, zone),
       {"Mẫu số 04", "VĂN BẢN XIN LỖI", "Mã hồ sơ: " + code, name}},
      {"form05-2025-stop",
       render(f5, form_set::y2025, zone),
       {"Mẫu số 05", "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ", "Mã hồ sơ: " + code, name,
        "Công dân đề nghị rút hồ sơ"}},
      {"control-sheet-2018",
       render(sheet, form_set::y2018, zone),
       {"Mẫu số 05", "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ", "Mã hồ sơ: " + code, name,
        "Thời gian trả kết quả: " + due_text, "Phòng Bảo trợ xã hội", "Trước hạn", "Đúng hạn",
        "Trình ký"}},
      {"control-sheet-2025", render(sheet, form_set::y2025, zone), {"Mẫu số 06", code, name}},
  };
  for (const expectation& c : cases) {
    SCOPED_TRACE(c.name);
    const probe p = read_back(c.name, c.pdf);
    expect_a5(p);
    expect_contains(p, c.text);
  }
  EXPECT_THROW(render(f5, form_set::y2018, zone), std::invalid_argument);
}

TEST_F(RenderedForms, TrackingBookOverSeveralA4LandscapePages) {
  tracking_book book{demo_unit(), 3, 2026y / November / 1d, 2026y / November / 30d, {}};
  for (int i = 1; i <= 40; ++i) {
    const year_month_day day = year_month_day{sys_days{2026y / November / 2d} + days{i % 28}};
    book.rows.push_back({i, domain::format_dossier_code("000.00.00.H99", day, i),
                         i == 1 ? name : "Người nộp số " + std::to_string(i), procedure,
                         local(day, 8h + minutes{i}), due,
                         i % 3 == 0 ? std::optional(due - 2h) : std::nullopt,
                         i % 3 == 0 ? "Đã trả kết quả" : "Đang giải quyết"});
  }
  for (form_set set : {form_set::y2018, form_set::y2025}) {
    const std::string number = set == form_set::y2018 ? "06" : "07";
    const probe p = read_back("tracking-book-" + number, render(book, set, zone));
    EXPECT_EQ(info_field(p, "Page size"), "841.89 x 595.28 pts (A4)");
    EXPECT_GE(std::stoi("0" + info_field(p, "Pages")), 2);
    expect_contains(
        p, {"Mẫu số " + number, "SỔ THEO DÕI HỒ SƠ", "từ ngày 01/11/2026 đến ngày 30/11/2026",
            book.rows.front().dossier_code, book.rows.back().dossier_code, name, "Đã trả kết quả",
            "Trang 1", "Trang 2"});
    // The headings repeat on every page.
    std::size_t headings = 0;
    for (std::size_t at = 0; (at = p.text.find("Tình trạng", at)) != std::string::npos; ++at)
      ++headings;
    EXPECT_GE(headings, 2u);
  }
}

// Whatever bytes a stored field holds (an old row, a restored backup), every form renders; what
// cannot be shown prints as U+FFFD. Cairo refuses non-characters (U+FFFF: "input string not
// valid UTF-8"), GMarkup invalid UTF-8.
TEST_F(RenderedForms, AnyStoredBytesPrintAsReplacementCharacters) {
  using namespace std::string_literals;
  const std::string junk = "\uFFFF\uFDD0\xE1\xBB\xFF\0\u202E\x1b[2J\u200B\uFEFF\U0010FFFF<b>&"s;
  form01 f = demo_form01();
  f.unit.parent = junk;  // upper-cased in the header
  f.who.full_name = "Nguyễn " + junk + " An";
  f.who.address = junk;
  f.procedure = junk;
  f.dossier_code = "CODE" + junk;
  f.documents.push_back({junk, false, 1});
  f.clerk = junk;
  for (output out : {output::pdf, output::png_first_page}) {
    std::string file;
    ASSERT_NO_THROW(file = render(f, form_set::y2025, zone, out));
    EXPECT_TRUE(file.starts_with("%PDF-") || file.starts_with("\x89PNG"));
  }
  const probe p = read_back("form01-hostile", render(f, form_set::y2025, zone));
  expect_contains(p, {"Nguyễn \uFFFD\uFFFD", "<b>&"});

  control_sheet sheet{demo_unit(),
                      "CODE" + junk,
                      f.who,
                      junk,
                      received,
                      due,
                      {{junk, junk, received, step_result::late, "a\n" + junk}}};
  tracking_book book{demo_unit(),
                     1,
                     2026y / November / 1d,
                     2026y / November / 30d,
                     {{1, junk, junk, junk, received, due, std::nullopt, junk}}};
  form02 letter{head(junk, junk, received), {junk, junk}, junk, std::nullopt, junk, junk};
  for (output out : {output::pdf, output::png_first_page}) {
    EXPECT_NO_THROW(render(sheet, form_set::y2025, zone, out));
    EXPECT_NO_THROW(render(book, form_set::y2025, zone, out));
    EXPECT_NO_THROW(render(letter, form_set::y2025, zone, out));
  }
}

TEST(Render, ConcurrentRendersAreIndependent) {
  std::vector<std::string> pdfs(4);
  std::vector<std::thread> threads;
  for (std::string& pdf : pdfs)
    threads.emplace_back([&pdf] { pdf = render(demo_form01(), form_set::y2025, zone); });
  for (std::thread& t : threads) t.join();
  for (const std::string& pdf : pdfs) {
    EXPECT_EQ(pdf.substr(0, 5), "%PDF-");
    EXPECT_NE(pdf.find("%%EOF"), std::string::npos);
  }
}

}  // namespace
}  // namespace motcua::docs
