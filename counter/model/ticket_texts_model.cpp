#include "counter/model/ticket_texts_model.hpp"

#include <algorithm>

#include "counter/model/format.hpp"
#include "shared/domain/glossary.hpp"

namespace motcua::counter {

namespace glossary = domain::glossary;

std::string text_line(domain::lang l, const protocol::text_view& t) {
  const auto* kind = glossary::text_kind_name(t.kind);
  const auto* state = glossary::text_state_word(t.state);
  std::string out = kind ? std::string((*kind)(l)) : t.kind;
  out.append(": ").append(state ? (*state)(l) : t.state);
  if (t.reason) {  // a reason without a word (a newer server's) is shown as it came
    const auto* reason = glossary::text_reason_word(*t.reason);
    out.append(" — ").append(reason ? (*reason)(l) : *t.reason);
  }
  return out.append(" (").append(local_hh_mm(t.at)).append(")");
}

bool on_its_way(const protocol::text_view& t) {
  return t.state == "queued" || t.state == "sending" || t.state == "sent";
}

void ticket_texts_model::follow(std::optional<protocol::ticket_id> ticket) {
  if (ticket != ticket_) {
    ticket_ = ticket;
    texts_.clear();
    answered_ = false;
    slot_.drop();  // an answer about the ticket before is not this one's
    if (ticket_) ask();
    return;
  }
  const bool changing = !answered_ || std::any_of(texts_.begin(), texts_.end(), on_its_way);
  if (ticket_ && changing && !slot_.busy() && clock_.now() - asked_at_ >= refresh_interval) ask();
}

void ticket_texts_model::refresh() {
  if (ticket_ && !slot_.busy()) ask();
}

void ticket_texts_model::ask() {
  asked_at_ = clock_.now();
  slot_.send(send_, protocol::list_texts{*ticket_});
}

bool ticket_texts_model::on_reply(const protocol::reply& r) {
  if (!slot_.take(r)) return false;
  // An error (an older server without list_texts) is an answer too: nothing to show, and not
  // asked again every interval.
  const auto* t = std::get_if<protocol::texts_result>(&r.body);
  texts_ = t ? t->texts : std::vector<protocol::text_view>{};
  answered_ = true;
  return true;
}

}  // namespace motcua::counter
