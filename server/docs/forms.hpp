// What each printed form of the one-stop section shows (docs/domain.md "The citizen's path
// and the forms"): plain values
// filled in by the caller, rendered by docs/pdf.hpp. The forms are those of Circular
// 01/2018/TT-VPCP and of Circular 03/2025/TT-VPCP; which set is printed is configuration
// (form_set), and decides the form numbers and a few titles (docs/wording.hpp).
//
// Contracts shared by every struct: strings are UTF-8 (NFC, as stored), printed as given
// (no trimming or case change, except unit names in the header, which are upper-cased);
// instants are printed in the business zone given to render, to the minute (seconds are
// dropped). An empty optional string field is left out of the form.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "shared/domain/clock.hpp"

namespace motcua::docs {

using domain::time_point;

// Which official set of forms is printed.
enum class form_set {
  y2018,  // Circular 01/2018/TT-VPCP: 01-04, 05 control sheet, 06 tracking book
  y2025,  // Circular 03/2025/TT-VPCP: 01-04, 05 stop notice, 06 control sheet, 07 book
};

// The unit issuing the form, as printed in the top-left header block.
struct unit_info {
  std::string parent;    // governing body, e.g. "UBND thành phố Đà Nẵng"; optional
  std::string name;      // e.g. "Trung tâm Phục vụ hành chính công"
  std::string province;  // place in "Đà Nẵng, ngày 27 tháng 11 năm 2026"; optional
};

struct applicant {
  std::string full_name;
  std::string id_number;  // personal ID or passport number; printed on Form 01 only
  std::string address;    // optional
  std::string phone;      // optional
  std::string email;      // optional
};

// One paper received with the dossier.
struct document_line {
  std::string name;
  bool original = false;  // bản chính; otherwise bản sao (copy)
  int count = 1;
};

// Form 01: receipt and appointment (giấy tiếp nhận hồ sơ và hẹn trả kết quả).
struct form01 {
  unit_info unit;
  std::string serial;  // "Số: ..." under the unit; optional
  std::string dossier_code;
  applicant who;
  std::string procedure;
  std::vector<document_line> documents;
  int sets = 1;            // number of sets (bộ) of the dossier
  std::string legal_time;  // as published, e.g. "10 ngày làm việc"
  time_point received_at;  // also the date of the form
  time_point due_at;
  std::string result_place;  // where the result is collected
  std::string fee;           // e.g. "Không" or "50.000 đồng"
  int book_volume = 1;       // tracking book volume (quyển số) ...
  int book_line = 1;         // ... and line (số thứ tự)
  std::string clerk;         // receiving clerk, under the signature
  // Public lookup page of the dossier (contains the code), drawn as a QR code with the code
  // under it; optional (no QR code without it).
  std::string lookup_url;
};

// What every letter to the applicant (Forms 02 to 05) starts with.
struct letter_head {
  unit_info unit;
  std::string serial;        // optional
  std::string dossier_code;  // optional on Forms 02 and 03: a dossier refused at the counter
                             // has none
  applicant who;
  std::string procedure;
  time_point issued_at;  // the date of the letter
};

// Form 02: request to supplement the dossier, listing every missing item at once.
struct form02 {
  letter_head head;
  std::vector<std::string> items;  // every paper or content to add or complete
  std::string reason;              // optional
  std::optional<time_point> deadline;
  std::string clerk;        // who guides the applicant, under the signature
  std::string clerk_phone;  // optional
};

// Form 03: refusal to accept or process the dossier, with the reasons in writing.
struct form03 {
  letter_head head;
  std::vector<std::string> reasons;
  std::string clerk;
};

// The person signing a letter for the agency: "THỦ TRƯỞNG CƠ QUAN" and a name.
struct signer {
  std::string title = "THỦ TRƯỞNG CƠ QUAN";
  std::string name;
};

// Form 04: apology and new result date (2025: apology and request to extend); the date may be
// moved only once.
struct form04 {
  letter_head head;
  time_point received_at;
  time_point old_due_at;
  time_point new_due_at;
  std::string reason;
  signer by;
};

// Notice of stopping processing (Form 05 of the 2025 set only).
struct stop_notice {
  letter_head head;
  time_point received_at;
  std::string reason;
  signer by;
};

// How a step finished against its allotted time.
enum class step_result { early, on_time, late };  // trước hạn, đúng hạn, quá hạn

// One hand-over of the dossier between units.
struct handover {
  std::string giving_unit;
  std::string receiving_unit;
  time_point at;
  std::optional<step_result> result;  // of the giving unit's step; none for the first
  std::string note;                   // optional
};

// Processing control sheet (Form 05 of 2018, 06 of 2025); it travels with the dossier.
struct control_sheet {
  unit_info unit;
  std::string dossier_code;
  applicant who;  // name and phone are printed
  std::string procedure;
  time_point received_at;
  time_point due_at;
  std::vector<handover> rows;  // printed in this order
};

struct book_row {
  int line = 0;  // số thứ tự in the book
  std::string dossier_code;
  std::string applicant;
  std::string procedure;
  time_point received_at;
  time_point due_at;
  std::optional<time_point> returned_at;
  std::string status;  // the configured status name, e.g. "Đã trả kết quả"
};

// The tracking book (Form 06 of 2018, 07 of 2025) for the days from..to, A4 landscape.
struct tracking_book {
  unit_info unit;
  int volume = 1;
  std::chrono::year_month_day from;
  std::chrono::year_month_day to;
  std::vector<book_row> rows;  // printed in this order, over as many pages as needed
};

}  // namespace motcua::docs
