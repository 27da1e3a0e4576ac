// What managers are accountable for (get_stats, docs/domain.md "On-time figures"): queue
// figures per service and counter, dossiers by status, on-time rates per
// procedure and for the centre, average processing time, and citizens'
// satisfaction (rate_service); recorded days for the simulation. Engine thread only.
#pragma once

#include "server/config/config.hpp"
#include "server/engine/audit.hpp"
#include "server/engine/queue.hpp"
#include "server/engine/text_outbox.hpp"
#include "server/store/report_store.hpp"
#include "shared/protocol/messages.hpp"

namespace motcua::engine {

class reports {
 public:
  // `texts`: the period's text messages by state (the dashboard's line of them).
  reports(const config::settings& settings, store::report_store& store, const queue& q,
          audit_log& audit, text_outbox& texts, province_feed& province);

  protocol::reply_body get_stats(const context& c, const protocol::get_stats& r);
  protocol::reply_body rate_service(const context& c, const protocol::rate_service& r);
  // Recorded days for the what-if and the staffing advice (issue 16): 1 to 7 distinct days,
  // none after today.
  protocol::reply_body recorded_days(const context& c, const protocol::get_recorded_days& r);

 private:
  const config::settings& settings_;
  store::report_store& store_;
  const queue& queue_;
  audit_log& audit_;
  text_outbox& texts_;
  province_feed& province_;
};

}  // namespace motcua::engine
