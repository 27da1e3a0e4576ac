#include "counter/model/dossier_list_model.hpp"

#include <chrono>

#include "counter/model/format.hpp"
#include "shared/domain/calendar.hpp"
#include "shared/protocol/limits.hpp"

namespace motcua::counter {

std::optional<protocol::search_dossiers> dossier_list_model::request() {
  protocol::search_dossiers q;
  if (!text.empty()) q.text = text;
  if (!status.empty()) q.status = status;
  auto date = [&](const std::string& typed, int plus_days, const char* field,
                  std::optional<std::string>& out) {
    if (typed.empty()) return true;
    auto d = parse_ui_date(typed);
    if (!d) {
      problem_ = protocol::error{protocol::error_code::invalid,
                                 "Ngày phải có dạng dd/mm/yyyy.",
                                 "Dates are written dd/mm/yyyy.",
                                 {{field, "dd/mm/yyyy"}}};
      return false;
    }
    out = domain::format_iso_date(std::chrono::sys_days{*d} + std::chrono::days{plus_days});
    return true;
  };
  // `to` on the wire is exclusive: the day after the last day shown.
  if (!date(from, 0, "from", q.from) || !date(to, 1, "to", q.to)) return std::nullopt;
  if (filter == dossier_filter::late) q.late = true;
  if (filter == dossier_filter::due_soon) q.due_soon = true;
  q.limit = protocol::max_search_page;
  return q;
}

void dossier_list_model::search() {
  problem_.reset();
  auto q = request();
  if (!q) return;
  searched_ = true;
  slot_.send(send_, std::move(*q));
}

bool dossier_list_model::on_reply(const protocol::reply& r) {
  if (!slot_.take(r)) return false;
  answered_ = true;
  if (const auto* e = client::error_of(r)) {
    problem_ = *e;
  } else if (const auto* d = std::get_if<protocol::dossiers_result>(&r.body)) {
    results_ = d->dossiers;
    total_ = d->total;
  }
  return true;
}

void dossier_list_model::on_event(const protocol::event& e) {
  if (searched_ && std::holds_alternative<protocol::dossier_changed>(e.body) && !slot_.busy())
    search();
}

}  // namespace motcua::counter
