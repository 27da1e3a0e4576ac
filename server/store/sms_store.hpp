// SQL for text messages (issue 14): the `sms_outbox` rows. The engine writes a row in the same
// transaction as the call, queue change or dossier step that causes it (one per ticket and kind:
// nothing is written twice; one per dossier step, which the state machine and the request keys
// make happen once, a supplement asked for twice writing two); the sender (server/sms) moves it
// along queued -> sending -> sent -> delivered or failed on a connection of its own.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "server/store/database.hpp"
#include "server/store/records.hpp"

namespace motcua::store {

struct sms_record {
  std::int64_t id = 0;
  std::optional<ticket_id> ticket;  // the row is about a ticket or a dossier, exactly one
  std::optional<std::int64_t> dossier;
  std::string kind;  // "ahead", "called"; "received", "supplement", "result", "late"
  std::string phone;
  std::string text;
  std::string day;    // the business day it was written on: the per-phone cap counts it there
  std::string state;  // queued, sending, sent, delivered, failed, skipped
  std::optional<std::string> reason;  // skipped: "cap", "quiet", "near", "landline"; failed: why
  int attempts = 0;
  time_point next_attempt_at;
  std::optional<std::string> answer;  // Kannel's last answer
  time_point created_at;
  time_point changed_at;
};

class sms_store {
 public:
  explicit sms_store(database& db);

  // False when the ticket has its row of that kind already (it is left as it is).
  bool insert(sms_record& r);
  bool has(ticket_id ticket, const std::string& kind);
  // The texts of tickets `phone` was given on `day` that count toward its cap (not skipped; a
  // dossier's texts are never capped and do not count).
  int counted(const std::string& phone, const std::string& day);

  // The sender's side. The queued row due first, if due by `now`.
  std::optional<sms_record> next_due(time_point now);
  // Rows a sender left `sending` (it stopped while posting): queued again.
  int requeue_sending(time_point now);
  // Writes `r`'s state, reason, attempts, next attempt, answer and change time, if the row is
  // still in state `from` (a delivery report may have overtaken the sender); false if not.
  bool update(const sms_record& r, std::string_view from);
  std::optional<sms_record> find(std::int64_t id);
  // The texts of one ticket or one dossier, oldest first (the staff's views).
  std::vector<sms_record> of_ticket(ticket_id ticket);
  std::vector<sms_record> of_dossier(std::int64_t dossier);
  // How many rows are in each state: all of them (for /metrics), or those written on the
  // business days from_day to to_day ("YYYY-MM-DD", the dashboard's period).
  std::vector<std::pair<std::string, int>> states();
  std::vector<std::pair<std::string, int>> states(const std::string& from_day,
                                                  const std::string& to_day);

 private:
  database& db_;
};

}  // namespace motcua::store
