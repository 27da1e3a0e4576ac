// The province dashboard (issue 15): motcua-counter logged in to the province hub (motcua-hub) as
// a province manager. Every centre side by side from get_province_stats: waiting now, the longest
// wait now, the period's p90 wait, tickets served, the month's on-time rate of dossiers and the
// late ones; the procedures and the late dossiers of the province. drill() opens one centre: its
// services and procedures and its late dossiers. The hub sends no events: the figures are asked
// again every refresh_every while the period includes today (tick(), each frame).
// csv() exports the tables like the centre's dashboard. Plain C++; UI thread only.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "shared/client/request_slot.hpp"
#include "shared/domain/clock.hpp"
#include "shared/domain/language.hpp"

namespace motcua::counter {

class province_model {
 public:
  static constexpr std::chrono::seconds refresh_every{30};

  province_model(const domain::clock& clock, client::sender send);

  // The period: whole days, both included; starts as today.
  std::chrono::year_month_day from() const { return from_; }
  std::chrono::year_month_day to() const { return to_; }
  // Changes the period (a `to` before `from` is moved to `from`) and asks again.
  void set_range(std::chrono::year_month_day from, std::chrono::year_month_day to);
  bool includes_today() const;
  // Back to today only, and asks again.
  void show_today();
  // One centre (its unit code), or the whole province again: asks again.
  void drill(std::optional<std::string> unit);
  const std::optional<std::string>& unit() const { return unit_; }

  void refresh();
  // Asks again when refresh_every has passed since the last answer and the period includes
  // today, or since a refusal (the hub restarting, say) when there are no figures to show.
  void tick();

  // The last answer for the period and the drill-down shown (none while a new one is asked).
  const std::optional<protocol::province_stats_result>& figures() const { return figures_; }
  bool busy() const { return slot_.busy(); }
  bool on_reply(const protocol::reply& r);
  void offline();
  const std::optional<protocol::error>& problem() const { return problem_; }
  // The name of the centre of `unit` as the hub lists it (the unit itself when unknown).
  std::string centre_name(const std::string& unit) const;

  // Every table as CSV, UTF-8 with a byte-order mark; headers in `l`.
  std::string csv(domain::lang l) const;

 private:
  const domain::clock& clock_;
  client::sender send_;
  domain::business_zone zone_;
  std::chrono::year_month_day from_, to_;
  std::optional<std::string> unit_;
  client::request_slot slot_;
  std::optional<protocol::province_stats_result> figures_;
  domain::time_point answered_at_{};
  std::optional<protocol::error> problem_;

  // Sends get_province_stats for the period and the drill-down.
  void ask();
};

}  // namespace motcua::counter
