// A province of centres (issue 15): what a centre sends its hub. Each change the hub needs is a
// record the centre writes to its outbox in the same SQLite transaction as the change itself,
// numbered by a per-centre sequence (`seq`, strictly increasing, never reused; gaps are allowed:
// records older than a snapshot may have been dropped). The sender posts records in order,
// `POST /api/v1/hub/records` with `Authorization: Bearer CENTRE_TOKEN` and a `push` body; the
// hub applies every record with a seq above the last it applied for that centre, in one
// PostgreSQL transaction with that last seq, and answers `push_ack`: so each record is applied
// exactly once however often it is sent.
//
// A record carries the whole row as the centre holds it after the change (a ticket, a dossier),
// or one new row (a history step, a rating): applying it is an upsert, so a record that follows
// another one about the same ticket or dossier replaces it.
//
// The province copy of a dossier holds, of the applicant, the full name and the ID or passport
// number only (to find and identify the citizen when the result is returned at another centre
// of the province); never the phone, address, e-mail or documents, which stay at the centre that
// received the dossier. Times are ISO 8601 with offset, as on the wire.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace motcua::protocol::province {

// A ticket as it stands after a change (issued, called, recalled, transferred, finished, ...).
struct ticket_row {
  std::int64_t id = 0;       // the centre's ticket id: the hub's key with the centre
  std::string day;           // business day, YYYY-MM-DD
  std::string number;        // "A012"
  std::int64_t service = 0;  // where it waits or waited last
  std::string state;         // waiting, called, serving, done, no_show, cancelled
  std::string priority;      // none, elderly, ..., appointment
  std::string issued_at;
  std::optional<std::string> called_at;   // the last call
  std::optional<std::string> started_at;  // service began
  std::optional<std::string> ended_at;
  std::optional<std::int64_t> counter;
  std::optional<int> eta_minutes;  // the wait it was told at issue
  bool operator==(const ticket_row&) const = default;
};

// A dossier as it stands after a change. `unit` is the receiving centre's unit code (also the
// first part of the code); `department` the one that handles its current step.
struct dossier_row {
  std::string code;
  std::string unit;
  std::string procedure_code;  // the national code of the procedure, e.g. "1.001612"
  std::string procedure_name;
  std::string procedure_name_en;
  std::string status;
  std::string received_at;
  std::string due_at;
  std::optional<std::string> original_due_at;  // before the one extension
  std::optional<std::string> finished_at;
  std::optional<std::string> department;
  std::string full_name;
  std::optional<std::string> id_number;
  std::optional<std::string> passport;
  bool operator==(const dossier_row&) const = default;
};

// One new step of a dossier's history (its control sheet); `unit` is the unit it happened at.
struct history_row {
  std::int64_t id = 0;  // the centre's history row id: the hub's key with the centre
  std::string code;
  std::string unit;
  std::string at;
  std::string actor;
  std::string action;
  std::optional<std::string> from;
  std::optional<std::string> to;
  std::optional<std::string> note;
  std::optional<std::string> result;  // early, on_time, late
  bool operator==(const history_row&) const = default;
};

// One citizen's rating of a counter.
struct rating_row {
  std::int64_t id = 0;  // the centre's rating id
  std::string at;
  std::string day;
  std::int64_t counter = 0;
  int level = 0;
  int scale = 3;
  std::optional<std::int64_t> ticket;
  std::optional<std::string> dossier;
  bool operator==(const rating_row&) const = default;
};

// The centre's services, as their names show on the province dashboard (sent when they change:
// at every start of the server).
struct service_row {
  std::int64_t id = 0;
  std::string name;
  std::string name_en;
  std::optional<int> max_wait_minutes;
  bool operator==(const service_row&) const = default;
};

using record_body = std::variant<ticket_row, dossier_row, history_row, rating_row, service_row>;

// The kind as written on the wire and in the outbox: "ticket", "dossier", "history", "rating",
// "service".
std::string_view kind_of(const record_body& body);

struct record {
  std::int64_t seq = 0;
  std::string at;  // when the change happened
  record_body body;
  bool operator==(const record&) const = default;
};

// POST /api/v1/hub/records. `unit` must be the unit code the bearer token is registered for.
// `after`: the last seq the centre was told the hub holds; a hub that holds less (it was restored
// from a backup, or is new) applies nothing and answers 409 with what it holds, so the centre
// gives it a snapshot.
struct push {
  std::string unit;
  std::optional<std::int64_t> after;
  std::vector<record> records;  // in increasing seq
  bool operator==(const push&) const = default;
};

// The answer: every record up to this seq is applied (the records pushed, and any before).
struct push_ack {
  std::int64_t applied_through = 0;
  bool operator==(const push_ack&) const = default;
};

// The body of a record as the outbox keeps it (a JSON object without seq and at), and back.
std::string encode_body(const record_body& body);
// Decoding says what is wrong ("dossier.code: missing") and never throws on any input.
std::variant<record_body, std::string> decode_body(std::string_view kind, std::string_view json);

std::string encode(const push& p);
std::variant<push, std::string> decode_push(std::string_view json);
std::string encode(const push_ack& a);
std::variant<push_ack, std::string> decode_push_ack(std::string_view json);

}  // namespace motcua::protocol::province
