// The manager's live dashboard. Queue figures of now (waiting per service, longest wait,
// counters with their clerk, ticket and serving time) come from the hall mirror and the clock, so
// they move without any request; the day's figures (average and 90th-percentile wait and
// service time, issued and served per hour, no-shows, dossiers) come from get_stats for the
// chosen date range, asked again at each `stats` event while the range includes today; the
// on-time rates from get_stats for the current month; the late list from search_dossiers. The
// bookings (issue 13): the period's check-in and no-show rates and the waits of appointments
// against walk-ins from get_stats, the places booked on the days ahead from list_bookings (each
// asked again at a booking_changed).
// csv() exports the tables (UTF-8 with a byte-order mark for spreadsheet programs).
// Plain C++; UI thread only.
#pragma once

#include <array>
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "shared/client/hall_mirror.hpp"
#include "shared/client/request_slot.hpp"
#include "shared/domain/clock.hpp"
#include "shared/domain/language.hpp"

namespace motcua::counter {

// How good the period's wait estimates were (issue 16), for the services table: the share told
// within ±5 minutes, then the bias ("82% · +1:20": waited 1:20 longer than told on average;
// "-0:40" shorter), or "—" with no ticket to compare.
std::string estimate_text(const protocol::service_stats& s);

struct service_row {
  const protocol::service_view* service = nullptr;
  int waiting = 0;
  std::chrono::seconds longest_wait{0};  // now
  bool over_target = false;              // longest wait above the service's max_wait_minutes
  protocol::service_stats figures;       // the period's (zeros before the first reply)
};

// The period's text messages to citizens (issue 14) by where they got: `sent` counts those
// the gateway took whose delivery is not reported yet.
struct text_figures {
  int waiting = 0;  // queued or sending (in the quiet hours, or the gateway down)
  int sent = 0;
  int delivered = 0;
  int failed = 0;
  int skipped = 0;  // not sent: the daily cap, the quiet hours, a landline
};

struct counter_row {
  const protocol::counter_view* counter = nullptr;
  std::chrono::seconds serving{0};  // since the current ticket was called or started
  bool over_target = false;         // serving longer than its service's max_service_minutes
};

// The places held on one day ahead: bookings booked or checked in, against the places its
// slots offer.
struct day_bookings {
  std::chrono::year_month_day day;
  int booked = 0;
  int capacity = 0;
  bool over_booked = false;  // a slot holds more than its capacity (the capacity was lowered)
};

// How many days with slots the dashboard shows, from today.
inline constexpr int booking_days_shown = 5;

class dashboard_model {
 public:
  dashboard_model(const client::hall_mirror& centre, const domain::clock& clock,
                  client::sender send);

  // The period shown: whole days, both included. Starts as today.
  std::chrono::year_month_day from() const { return from_; }
  std::chrono::year_month_day to() const { return to_; }
  // Changes the period (a `to` before `from` is moved to `from`) and asks again.
  void set_range(std::chrono::year_month_day from, std::chrono::year_month_day to);
  bool includes_today() const;
  // Back to today only.
  void show_today();
  // Asks for the period's and the month's figures and the late dossiers.
  void refresh();

  // Now.
  int waiting_total() const;
  std::chrono::seconds longest_wait() const;
  std::vector<service_row> services() const;
  std::vector<counter_row> counters() const;
  // The period.
  const std::optional<protocol::stats_result>& period() const { return period_; }
  const std::optional<protocol::stats_result>& month() const { return month_; }
  // No-shows among the tickets called (0 when none).
  double no_show_rate() const;
  int dossiers_received() const;
  // The period's booked citizens who checked in: checked_in / (checked_in + missed), and those
  // who did not (missed); nothing before get_stats answers or when none was due.
  std::optional<double> check_in_rate() const;
  std::optional<double> booking_no_show_rate() const;
  // The period's texts (zeros before get_stats answers or without a gateway).
  text_figures texts() const;
  // Today and the next days that have slots (booking_days_shown at most), as answered so far.
  std::vector<day_bookings> bookings_ahead() const;
  bool asking_ahead() const;
  // Open dossiers past their due time (search_dossiers late, unfinished ones).
  const std::vector<protocol::dossier_view>& late() const { return late_; }

  bool on_reply(const protocol::reply& r);
  void on_event(const protocol::event& e);
  void offline();
  const std::optional<protocol::error>& problem() const { return problem_; }

  // Every table of the dashboard as CSV, UTF-8 with a byte-order mark; headers in `l`.
  std::string csv(domain::lang l) const;

 private:
  void ask_period();
  void ask_late();
  void ask_ahead();

  const client::hall_mirror& centre_;
  const domain::clock& clock_;
  client::sender send_;
  domain::business_zone zone_;
  std::chrono::year_month_day from_, to_;
  client::request_slot period_slot_, month_slot_, late_slot_;
  std::optional<protocol::stats_result> period_, month_;
  std::vector<protocol::dossier_view> late_;
  // Calendar days from today, enough to find booking_days_shown working days over a weekend
  // and a holiday or two; a day off has no slots.
  static constexpr int days_asked = 9;
  std::array<client::request_slot, days_asked> ahead_slots_;
  std::array<std::optional<day_bookings>, days_asked> ahead_;
  std::optional<protocol::error> problem_;
};

}  // namespace motcua::counter
