// Text messages (issue 14), the sending side: a thread of its own that posts the outbox's due
// rows (store/sms_store.hpp) to Kannel's sendsms interface and records each answer, so that the
// engine's writer never waits on HTTP.
//
// A row goes queued -> sending (written before the post) -> sent (Kannel accepted it: 202) or
// back to queued with a later next_attempt_at (Kannel unreachable or answering 5xx: back-off
// doubling from retry_first_seconds up to retry_max_seconds), or failed (any other answer: a
// refusal that a retry would only repeat). Delivery reports move a sent row to delivered or
// failed (report()). A row that comes due in the quiet hours (a retry, or one written before
// them) waits for their end, or is skipped if it is a `called` text (engine::quiet_end).
//
// At least once, not exactly once: Kannel's sendsms has no idempotency key, so a row left
// `sending` by a crash (killed between marking it and recording Kannel's answer: one HTTP round
// trip on the loopback) is posted again at the next start. Kannel may have taken it then, so that
// citizen may get the same text twice; the other choice (marking it failed) would lose a text
// that perhaps never left, and a lost "your number is called" costs the citizen their turn, a
// duplicate only the price of one message. Every row Kannel answered is never posted again.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "server/config/config.hpp"
#include "server/metrics/metrics.hpp"
#include "server/store/database.hpp"
#include "server/store/sms_store.hpp"
#include "shared/domain/clock.hpp"
#include "shared/os/worker.hpp"

namespace motcua::sms {

// The path and query of Kannel's sendsms request for `r` (text, coding, and the delivery
// report's URL on `report_base`, this server as Kannel reaches it).
std::string sendsms_target(const config::text_messages& sms, const std::string& report_base,
                           const store::sms_record& r);

class sender {
 public:
  // `report_base`: sms.report_base_url, or this server's own listening address.
  // It counts the outbox's states into `metrics` (motcua_sms_messages) every few seconds.
  sender(const config::text_messages& sms, const domain::business_zone& zone,
         std::string report_base, const std::string& db_path, const domain::clock& clock,
         metrics::registry& metrics);
  ~sender();
  sender(const sender&) = delete;
  sender& operator=(const sender&) = delete;

  void start();
  void stop();  // finishes the post in progress, then joins

 private:
  // Counts the states now and then, posts the row due first; the pause before the next step.
  std::chrono::milliseconds step();
  // Posts the row due first, if any; false when none is due.
  bool send_next();

  const config::text_messages& sms_;
  const domain::business_zone zone_;
  const std::string report_base_;
  const domain::clock& clock_;
  metrics::registry& metrics_;
  store::database db_;
  store::sms_store store_;
  std::chrono::steady_clock::time_point counted_;  // the outbox's states last counted
  os::worker worker_;
};

}  // namespace motcua::sms
