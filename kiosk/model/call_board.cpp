#include "kiosk/model/call_board.hpp"

#include <algorithm>

namespace motcua::kiosk {

call_board::call_board(const domain::clock& clock, call_board_options options)
    : clock_(clock), options_(options) {}

void call_board::apply(const client::inbox_item& item) {
  if (const auto* reply = std::get_if<protocol::reply>(&item)) {
    const auto* hello = std::get_if<protocol::hello_result>(&reply->body);
    if (hello && hello->snapshot) {
      // A fresh picture: the server's latest call takes the big place (no flash), the others
      // the list; nothing is announced.
      const auto& calls = hello->snapshot->recent_calls;
      queue_.clear();
      current_.reset();
      history_.clear();
      if (!calls.empty()) {
        current_ = calls.front();
        shown_at_ = clock_.now() - options_.min_show;
        history_.assign(calls.begin() + 1, calls.end());
        if (history_.size() > options_.history) history_.resize(options_.history);
      }
    }
  }
  const bool applied = hall_.apply(item);  // false: an event seen already
  const auto* event = std::get_if<protocol::event>(&item);
  if (applied && event && std::holds_alternative<protocol::ticket_called>(event->body)) {
    const auto& call = hall_.calls().front();  // the mirror's view of this call
    queue_.push_back({call, !stale(call)});
  }
  tick();
}

bool call_board::stale(const protocol::call_view& call) const {
  const auto at = domain::parse_iso8601(call.at);
  return at && clock_.now() - *at > options_.stale_after;
}

void call_board::tick() {
  while (!queue_.empty() && (!current_ || clock_.now() - shown_at_ >= options_.min_show))
    show_next();
}

void call_board::show_next() {
  if (current_) to_history(std::move(*current_));
  auto next = std::move(queue_.front());
  queue_.pop_front();
  current_ = std::move(next.call);
  shown_at_ = next.fresh ? clock_.now() : clock_.now() - options_.min_show;
  if (next.fresh)
    announcements_.push_back({current_->ticket.number, current_->counter, current_->recall});
}

void call_board::to_history(protocol::call_view call) {
  history_.push_front(std::move(call));
  if (history_.size() > options_.history) history_.pop_back();
}

bool call_board::flashing() const { return current_ && clock_.now() - shown_at_ < options_.flash; }

std::vector<announcement> call_board::take_announcements() {
  return std::exchange(announcements_, {});
}

std::optional<std::chrono::milliseconds> call_board::next_deadline() const {
  const auto shown_for = clock_.now() - shown_at_;
  if (!queue_.empty()) return std::max(options_.min_show - shown_for, std::chrono::milliseconds{0});
  if (flashing()) return options_.flash - shown_for;
  return std::nullopt;
}

}  // namespace motcua::kiosk
