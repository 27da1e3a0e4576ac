// The manager's staffing tab (issue 16): what if a recorded day, or a typical weekday (the mean
// of the last same weekdays), had other counters per service and hour; and the staffing advice
// for a coming day: the fewest counters per service and hour keeping each service's p90 wait
// within its target (the service's max_wait_minutes). The recorded days come from the server
// (get_recorded_days); the simulation (sim/model, the engine's own call rule) runs here, on the
// manager's computer, so the server only reads its tables. Plain C++; UI thread only.
#pragma once

#include <chrono>
#include <future>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "shared/client/hall_mirror.hpp"
#include "shared/client/request_slot.hpp"
#include "shared/domain/clock.hpp"
#include "shared/domain/language.hpp"
#include "sim/model/recorded.hpp"
#include "sim/model/staffing.hpp"

namespace motcua::counter {

// A wire day (recorded_day_view) in the simulation's terms: minutes from the day's midnight in
// `zone`; a time or an end that does not read leaves its ticket or change out.
sim::recorded_day recorded_day_of(const protocol::recorded_day_view& v,
                                  const domain::business_zone& zone);

// One service in one hour of the what-if.
struct staffing_cell {
  int recorded_counters = 0;  // as the day(s) had them (the latest of the weekdays)
  int counters = 0;           // as the manager set them
  int joined = 0;             // citizens a day
  std::optional<double> recorded_p90, simulated_p90;  // minutes; none: nobody called
  bool over_target = false;  // the simulated p90 above the service's target
};

class staffing_model {
 public:
  staffing_model(const client::hall_mirror& centre, const domain::clock& clock,
                 client::sender send);

  // A recorded day (today's so far too).
  void show_day(std::chrono::year_month_day day);
  // The mean of the last `weeks` same weekdays before today (those with tickets).
  void show_typical(std::chrono::weekday day, int weeks = 8);
  // The advice for a coming day, from the last `weeks` same weekdays before it.
  void advise(std::chrono::year_month_day day, int weeks = 8);

  bool asking() const;  // days asked for and not all answered, or the advice being searched
  // What the what-if shows: "Thứ Hai 30/11/2026", "Thứ Hai điển hình (8 tuần)"; empty before.
  std::string title(domain::lang l) const;
  const std::vector<domain::service_id>& services() const { return services_; }
  int first_hour() const { return first_hour_; }
  int last_hour() const { return last_hour_; }
  staffing_cell at(domain::service_id service, int hour) const;
  // Sets a cell's counters (0 to 30) and simulates again.
  void set_counters(domain::service_id service, int hour, int counters);
  // Back to the recorded counters.
  void reset();

  // The advice is searched on a thread of its own (many staffings simulated): poll() takes it
  // when done (the screen, every frame); wait() blocks until then (tests).
  void poll();
  void wait();
  const std::optional<sim::staffing_advice>& advice() const { return advice_; }
  std::optional<std::chrono::year_month_day> advice_day() const { return advice_day_; }
  // The advice per service and hour as CSV (UTF-8 with a byte-order mark); headers in `l`.
  std::string advice_csv(domain::lang l) const;

  bool on_reply(const protocol::reply& r);
  void offline();
  const std::optional<protocol::error>& problem() const { return problem_; }
  // Something is shown and nothing is on its way (for --screenshot).
  bool ready() const;

 private:
  enum class kind { none, day, typical };
  // Days asked one request each (a client reads at most 1 MB a message, and a busy day's
  // record is hundreds of KB): the next goes when the last is answered.
  struct day_requests {
    client::request_slot slot;
    std::vector<std::chrono::year_month_day> left;
    std::vector<protocol::recorded_day_view> got;
    bool busy() const { return slot.busy() || !left.empty(); }
  };
  void ask(day_requests& a, std::vector<std::chrono::year_month_day> days);
  void ask_next(day_requests& a);
  // `r` answers `a`'s request: true when all its days are in (or it failed: problem_).
  bool all_in(day_requests& a, const protocol::reply& r);
  std::vector<sim::replay> replays_of(const std::vector<protocol::recorded_day_view>& days) const;
  std::map<domain::service_id, sim::minutes> targets() const;
  void shown(std::vector<sim::replay> days);
  void simulate();

  const client::hall_mirror& centre_;
  const domain::clock& clock_;
  client::sender send_;
  domain::business_zone zone_;
  day_requests what_if_, advice_asked_;
  std::optional<protocol::error> problem_;

  kind kind_ = kind::none;
  std::chrono::year_month_day day_{};                     // the day shown, or the weekday's latest
  std::pair<kind, std::chrono::year_month_day> asked_{};  // shown once its days are in
  std::vector<sim::replay> days_;                         // latest first
  sim::hall_profile profile_;                             // the typical day's
  sim::staffing recorded_, wanted_;
  std::vector<sim::hour_figures> recorded_figures_, simulated_figures_;
  std::vector<domain::service_id> services_;
  int first_hour_ = 7, last_hour_ = 17;

  std::map<domain::service_id, sim::minutes> targets_;  // of the day shown
  std::optional<std::chrono::year_month_day> advice_day_;
  std::future<sim::staffing_advice> advice_job_;
  std::optional<sim::staffing_advice> advice_;
};

}  // namespace motcua::counter
