// Rows of the queue tables as the engine keeps them in memory.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "shared/domain/clock.hpp"
#include "shared/domain/ticket.hpp"
#include "shared/protocol/messages.hpp"

namespace motcua::store {

using domain::counter_id;
using domain::service_id;
using domain::ticket_id;
using domain::time_point;

// A ticket with its latest visit (call at a counter), if any.
struct ticket_record {
  ticket_id id = 0;
  std::string day;  // business day, YYYY-MM-DD
  std::string number;
  service_id issued_service = 0;  // numbering series (keeps the prefix)
  int sequence = 0;
  service_id service = 0;  // where it waits now (changes on transfer)
  domain::priority priority = domain::priority::none;
  domain::ticket_state state = domain::ticket_state::waiting;
  std::string request_key;
  std::string device;
  std::string lang;
  time_point issued_at;  // kept on transfer: it decides the call order
  std::optional<counter_id> target_counter;

  std::optional<std::int64_t> visit;
  std::optional<counter_id> counter;
  std::optional<std::string> clerk;
  std::optional<time_point> called_at;
  std::optional<time_point> started_at;
  std::optional<time_point> ended_at;
  int recalls = 0;
  std::optional<std::string> outcome;
  std::optional<std::string> dossier;       // the dossier code this visit is about
  std::optional<std::string> public_token;  // its page's capability (none before schema 8)
  std::optional<std::string> phone;         // normalised, for text messages (issue 14; schema 9)
  std::optional<int> eta_minutes;           // the wait it was told at issue (issue 16; schema 11)
};

struct counter_record {
  counter_id id = 0;
  protocol::counter_state state = protocol::counter_state::closed;
  std::optional<std::string> clerk;
  std::vector<service_id> services;
  std::optional<ticket_id> ticket;
  time_point since;
};

struct session_record {
  std::string username;
  time_point expires_at;
};

}  // namespace motcua::store
