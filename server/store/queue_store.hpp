// SQL for the queue: tickets, visits, counters, the event seq and staff
// sessions. Prepared statements only; the caller (the engine) owns the
// transaction. Engine thread only.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "server/store/database.hpp"
#include "server/store/records.hpp"

namespace motcua::store {

struct queue_figures {
  std::map<service_id, protocol::service_stats> services;
  protocol::service_stats totals;  // `service` 0
  // The waits of tickets of priority appointment, and of every other ticket.
  protocol::wait_figures appointment_waits, walk_in_waits;
};

class queue_store {
 public:
  explicit queue_store(database& db);

  // Tickets.
  void insert_ticket(ticket_record& t);  // sets t.id
  void update_ticket(const ticket_record& t);
  void insert_visit(ticket_record& t);  // new call: sets t.visit
  void update_visit(const ticket_record& t);
  std::vector<ticket_record> tickets_of_day(const std::string& day);
  // The tickets of `from_day` and later with an id above `id`, by id, at most `limit` (the
  // province hub's snapshot, in parts).
  std::vector<ticket_record> tickets_after(std::int64_t id, const std::string& from_day, int limit);
  // The calls of the tickets of `day`, in the order they were made: the counter and the
  // ticket's priority (each counter's run of appointments, domain/call_order.hpp).
  std::vector<std::pair<counter_id, domain::priority>> calls_of_day(const std::string& day);
  // Tickets of earlier days still waiting, called or serving.
  std::vector<ticket_record> open_tickets_before(const std::string& day);
  // Durations (seconds) from call to end of the latest finished visits.
  std::vector<int> recent_service_seconds(service_id service, int limit);
  // Per service and for all services together: issued, served, no_show and
  // the average and 90th-percentile wait and service times between the two
  // instants (the other fields are left at zero), and the waits of appointments and walk-ins.
  queue_figures day_figures(time_point day_start, time_point day_end);
  // How far each estimate told at issue was from the wait (issue to first call), in minutes
  // (positive: the citizen waited longer than told), for the tickets first called in
  // [day_start, day_end) that have one; by the service the ticket was issued for.
  std::map<service_id, std::vector<double>> eta_errors(time_point day_start, time_point day_end);

  // Counters.
  void save_counter(const counter_record& c);
  std::vector<counter_record> counters();

  // Event sequence.
  std::int64_t last_seq();
  void set_last_seq(std::int64_t seq);

  // Staff sessions, by SHA-256 of the token.
  void insert_session(const std::string& token_hash, const std::string& username,
                      time_point created, time_point expires);
  std::optional<session_record> find_session(const std::string& token_hash, time_point now);

 private:
  database& db_;
  statement insert_ticket_;
  statement update_ticket_;
  statement insert_visit_;
  statement update_visit_;
  statement save_counter_;
  statement set_seq_;
};

}  // namespace motcua::store
