// The glossary: every domain word that citizens and clerks read in more than one place (the
// kiosk, the hall board, the public status page, the printed forms, the counter), in Vietnamese
// and English, so that a status, a due time or a priority is called the same everywhere.
// Wording follows the legal forms (docs/domain.md "The citizen's path and the forms"): the
// receipt is "giấy tiếp nhận hồ sơ và hẹn trả kết quả" and its due time "hẹn trả kết quả"
// (Form 01); a step or a dossier is "trước hạn / đúng hạn / quá hạn" (the control sheet, 2018
// Form 05, 2025 Form 06; "đúng hạn" is also the national index's on-time rate, Decision
// 766/QĐ-TTg); the decisions: docs/domain.md "Words: the glossary". Words of one screen only
// stay with that screen.
#pragma once

#include <string_view>

#include "shared/domain/dossier.hpp"
#include "shared/domain/language.hpp"
#include "shared/domain/ticket.hpp"

namespace motcua::domain::glossary {

// A dossier status in plain words ("Đã có kết quả – mời đến nhận").
text status_name(dossier_status s);
// What the citizen does next, one sentence per status: the kiosk's dossier lookup and the
// public status page say the same.
text status_hint(dossier_status s);

// The receipt (Form 01), as a sentence names it.
inline constexpr text receipt{"giấy tiếp nhận hồ sơ và hẹn trả kết quả", "receipt"};
// When the dossier was received.
inline constexpr text received_on{"Ngày tiếp nhận", "Received"};
// The time the result is due, as the receipt calls it.
inline constexpr text result_due{"Hẹn trả kết quả", "Result due"};

// Against the due time (the control sheet's column; a dossier is either on time or late).
inline constexpr text early{"Trước hạn", "Early"};
inline constexpr text on_time{"Đúng hạn", "On time"};
inline constexpr text late{"Quá hạn", "Late"};
// Open, due by the end of the next working day (the `due_soon` flag).
inline constexpr text due_soon{"Sắp đến hạn", "Due soon"};
inline constexpr text late_dossiers{"Hồ sơ quá hạn", "Late dossiers"};
inline constexpr text on_time_rate{"Tỷ lệ đúng hạn", "On-time rate"};
// A control-sheet row's result as on the wire ("early", "on_time", "late"); nullptr for any
// other value.
const text* step_result_word(std::string_view result);

// The heading of a dossier's history (the public page, the kiosk, the counter).
inline constexpr text progress{"Quá trình xử lý", "Progress"};
// A row of a dossier's history: "register" or a dossier action, as what was done ("Chuyển xử
// lý"); nullptr for anything else.
const text* step_name(std::string_view action);

// Text messages to the citizen (issue 14): the heading, a text's kind ("ahead", "called",
// "received", "supplement", "result", "late"), its state ("queued", "sending", "sent",
// "delivered", "failed", "skipped") and why it was not sent or failed ("cap", "quiet", "near",
// "landline", "refused", "report"), as on the wire; nullptr for any other value.
inline constexpr text text_messages{"Tin nhắn", "Text messages"};
const text* text_kind_name(std::string_view kind);
const text* text_state_word(std::string_view state);
const text* text_reason_word(std::string_view reason);

// The word for a priority ticket (a column, the ticket's line).
inline constexpr text priority_mark{"Ưu tiên", "Priority"};
// A ticket's state ("Đang chờ", "Đang phục vụ").
text ticket_state_name(ticket_state s);
// A priority group as the kiosk offers it and the counter shows it ("Người cao tuổi");
// `none`: "Không thuộc diện ưu tiên".
text priority_name(priority p);

// A level of the satisfaction scale (docs/domain.md "On-time figures and satisfaction"), 1
// (worst) to `levels` (3 or 5): "Không hài lòng", "Hài lòng", "Rất hài lòng" on 3 levels.
text rating_word(int levels, int level);

}  // namespace motcua::domain::glossary
