// SQL for dossiers: the dossier rows, their history (control sheet), the
// word indexes of folded names and addresses, and the tracking-book numbering.
// Prepared statements; the caller (the engine) owns the transaction. Engine
// thread only. Searches by text collect their hits in a temporary table of
// this connection (`search_hits`), one index lookup per kind of match.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "server/store/database.hpp"
#include "server/store/records.hpp"
#include "shared/domain/dossier.hpp"
#include "shared/protocol/limits.hpp"
#include "shared/protocol/messages.hpp"

namespace motcua::store {

struct dossier_record {
  std::int64_t id = 0;
  std::string code;
  std::string day;  // business day of reception, YYYY-MM-DD
  int sequence = 0;
  std::string request_key;
  std::int64_t procedure = 0;
  std::string version_from;  // the rule version in force at reception
  domain::dossier_status status = domain::dossier_status::received;
  time_point received_at;
  time_point due_at;
  std::optional<time_point> original_due_at;  // set by the one extension
  std::optional<time_point> finished_at;      // result ready, returned, refused, withdrawn, stopped
  std::optional<time_point> paused_at;        // waiting for the citizen's supplement since
  int supplements = 0;
  bool flagged = false;  // the "due within a working day" warning went out
  int step = 0;          // index into the procedure version's steps
  time_point step_started_at;
  std::optional<std::string> department;
  protocol::applicant applicant;
  std::vector<std::string> documents;
  std::optional<std::int64_t> ticket;
  std::optional<std::string> note;
  int book_volume = 0;
  int book_line = 0;
};

struct history_record {
  time_point at;
  std::string actor;
  std::string action;
  std::optional<std::string> from;
  std::optional<std::string> to;
  std::optional<std::string> note;
  std::optional<std::string> result;
  std::optional<std::string> unit;  // the unit where it was taken, when not this centre
};

// search_dossiers, as SQL filters. Times are bound as given.
struct dossier_filter {
  // Matches a dossier whose code begins with it (any case), whose ID number is it, whose
  // passport number is it upper-cased, whose phone is `phone`, or whose name or address
  // has its words in a row (without diacritics), the last one perhaps cut short.
  std::optional<std::string> text;
  std::optional<std::string> phone;  // `text` normalised as a phone number, when it is one
  std::optional<std::string> status;
  std::optional<std::int64_t> procedure;
  std::optional<time_point> from;
  std::optional<time_point> to;
  std::optional<bool> late;
  std::optional<bool> due_soon;
  time_point now;
  time_point due_soon_before;  // due at or before this counts as due soon
  int limit = protocol::default_search_page;
  int offset = 0;
};

class dossier_store {
 public:
  explicit dossier_store(database& db);

  // Every column of `d`, and its name and address in the word indexes; sets d.id.
  void insert(dossier_record& d);
  void update(const dossier_record& d);
  // Returns the history row's id.
  std::int64_t add_history(std::int64_t dossier, const history_record& h);

  std::optional<dossier_record> find_by_code(const std::string& code);
  std::optional<dossier_record> find_by_request(const std::string& day, const std::string& key);
  std::vector<history_record> history(std::int64_t dossier);
  // The same with each row's id (the province hub's key of the step).
  std::vector<std::pair<std::int64_t, history_record>> history_rows(std::int64_t dossier);
  // The dossiers with an id above `id`, by id, at most `limit` (the hub's snapshot, in parts).
  std::vector<dossier_record> after_id(std::int64_t id, int limit);
  // Open dossiers not yet flagged whose due time is at or before `threshold`.
  std::vector<dossier_record> due_by(time_point threshold);

  std::map<std::string, int> count_by_status();
  // Received on the business days from..to (YYYY-MM-DD, both included), in order of reception.
  std::vector<dossier_record> received_on_days(const std::string& from, const std::string& to);
  int next_sequence(const std::string& day);
  // Takes the tracking book's next line, counted across volumes from 1.
  int next_book_line();

  // The page of matches, newest first, and the number of matches in all. Newest first is
  // by reception time, then id; the matches of a text search by id alone, which is the
  // same order (a dossier is received when it is registered) unless the clock was set back.
  std::pair<std::vector<dossier_record>, int> search(const dossier_filter& f);

 private:
  // Fills `search_hits` with the dossiers that `f.text` matches.
  void collect_hits(const dossier_filter& f);

  database& db_;
  statement insert_;
  statement update_;
  statement add_history_;
  statement index_name_;
  statement index_address_;
  statement next_book_line_;
};

}  // namespace motcua::store
