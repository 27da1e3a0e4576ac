// Who may send each verb (docs/protocol.md "Verbs"): every verb of the protocol, sent by every
// role, against the rows below. The engine's verb table must give exactly these; a verb added
// to the protocol needs its row here as well.
#include <map>
#include <set>
#include <string_view>
#include <utility>

#include "tests/unit/engine_fixture.hpp"

namespace motcua::testing {
namespace {

using protocol::error_code;
using protocol::role;

const std::set<role> anyone{role::kiosk, role::display, role::clerk, role::manager, role::admin};
const std::set<role> kiosk{role::kiosk};
const std::set<role> clerk{role::clerk};
const std::set<role> clerk_or_manager{role::clerk, role::manager};
const std::set<role> manager_or_admin{role::manager, role::admin};

const std::map<std::string_view, std::set<role>> may_send{
    {"hello", anyone},
    {"list_services", anyone},
    {"list_procedures", anyone},
    {"lookup_dossier", anyone},
    {"take_ticket", kiosk},
    {"rate_service", kiosk},
    {"open_counter", clerk},
    {"call_next", clerk},
    {"call_ticket", clerk},
    {"recall", clerk},
    {"start_service", clerk},
    {"no_show", clerk},
    {"transfer", clerk},
    {"finish", clerk},
    {"pause_counter", clerk},
    {"resume_counter", clerk},
    {"close_counter", clerk},
    {"register_dossier", clerk},
    {"get_dossier", clerk_or_manager},
    {"search_dossiers", clerk_or_manager},
    {"advance_dossier", clerk_or_manager},
    {"get_stats", manager_or_admin},
    {"unlock_login", manager_or_admin},
    {"list_login_locks", manager_or_admin},
    {"check_in", kiosk},
    {"book", clerk},
    {"cancel_booking", clerk},
    {"move_booking", clerk},
    {"list_bookings", clerk_or_manager},
    {"list_texts", clerk_or_manager},
    {"get_recorded_days", manager_or_admin},
    {"get_province_stats", {}},  // the province hub's, never a centre's
};

// One request of every kind the protocol has, each with its fields left empty.
template <std::size_t... I>
std::vector<protocol::request_params> every_verb(std::index_sequence<I...>) {
  return {protocol::request_params(std::in_place_index<I>)...};
}
std::vector<protocol::request_params> every_verb() {
  return every_verb(std::make_index_sequence<std::variant_size_v<protocol::request_params>>{});
}

// The demo centre with an admin account as well.
const char* with_an_admin = R"({"accounts": [
  {"username": "clerk1", "role": "clerk", "password_hash": "$argon2id$v=19$m=65536,t=2,p=1$PBnmrzEP+eFBSCGijB67+A$d6yaBTUKT/RIoQ6o9QywiX+lywVRf67isEvWJdbDlUY"},
  {"username": "manager", "role": "manager", "password_hash": "$argon2id$v=19$m=65536,t=2,p=1$PBnmrzEP+eFBSCGijB67+A$d6yaBTUKT/RIoQ6o9QywiX+lywVRf67isEvWJdbDlUY"},
  {"username": "admin", "role": "admin", "password_hash": "$argon2id$v=19$m=65536,t=2,p=1$PBnmrzEP+eFBSCGijB67+A$d6yaBTUKT/RIoQ6o9QywiX+lywVRf67isEvWJdbDlUY"}
]})";

class verb_roles_test : public engine_fixture {
 protected:
  verb_roles_test() : engine_fixture(with_an_admin) {}
};

TEST_F(verb_roles_test, EachRoleMaySendExactlyItsVerbs) {
  std::map<role, engine::connection_state> as{{role::kiosk, login_device("demo-kiosk")},
                                              {role::display, login_device("demo-display")},
                                              {role::clerk, login_staff("clerk1")},
                                              {role::manager, login_staff("manager")},
                                              {role::admin, login_staff("admin")}};
  for (const auto& params : every_verb()) {
    const auto verb = protocol::verb_of(params);
    const auto row = may_send.find(verb);
    ASSERT_NE(row, may_send.end()) << verb << " has no row here";
    for (auto& [r, connection] : as) {
      const auto body = call(connection, params);
      const auto* e = std::get_if<protocol::error>(&body);
      const bool forbidden = e && e->code == error_code::forbidden;
      EXPECT_EQ(forbidden, !row->second.contains(r)) << verb << " by " << protocol::to_string(r);
    }
  }
  EXPECT_EQ(may_send.size(), every_verb().size());
}

TEST_F(verb_roles_test, BeforeHelloEveryOtherVerbAsksForALogin) {
  for (const auto& params : every_verb()) {
    if (std::holds_alternative<protocol::hello>(params)) continue;
    engine::connection_state anonymous;
    const auto body = call(anonymous, params);
    ASSERT_TRUE(std::holds_alternative<protocol::error>(body)) << protocol::verb_of(params);
    EXPECT_EQ(std::get<protocol::error>(body).code, error_code::unauthorized)
        << protocol::verb_of(params);
  }
}

}  // namespace
}  // namespace motcua::testing
