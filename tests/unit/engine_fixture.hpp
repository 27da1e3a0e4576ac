// A real engine on a real SQLite file in a temporary directory, driven by a
// test clock. Each call runs one batch (begin, handle, commit), as the engine
// thread does.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <vector>

#include "server/config/config.hpp"
#include "server/engine/engine.hpp"
#include "server/store/database.hpp"
#include "tests/support/temp_dir.hpp"

namespace motcua::testing {

using namespace std::chrono_literals;

// Thursday 26 November 2026, 08:00 in Hà Nội (01:00 UTC).
inline domain::time_point thursday_8am() {
  return domain::business_zone{}.at(std::chrono::year{2026} / 11 / 26, std::chrono::hours{8});
}

class engine_fixture : public ::testing::Test {
 protected:
  explicit engine_fixture(const std::string& overrides = "") : settings_(config::demo(overrides)) {
    // Each queue change its own event, unless the test asks for coalescing: the test clock only
    // moves when a test moves it.
    if (overrides.find("queue_changed_interval_ms") == std::string::npos)
      settings_.queue_changed_interval_ms = 0;
    restart();
  }

  void restart() {
    engine_.reset();
    engine_ = std::make_unique<engine::engine>(settings_, dir_.file("motcua.db"), clock_, logins_);
  }

  engine::connection_state login_device(const std::string& token) {
    engine::connection_state c;
    auto body = call(c, protocol::hello{token, {}, {}, {}, {}, {}});
    EXPECT_TRUE(std::holds_alternative<protocol::hello_result>(body));
    return c;
  }

  engine::connection_state login_staff(const std::string& username) {
    engine::connection_state c;
    auto body =
        call(c, protocol::hello{{}, username, "demo", {}, {}, {}}, auth::password_check::accepted);
    EXPECT_TRUE(std::holds_alternative<protocol::hello_result>(body));
    return c;
  }

  protocol::reply_body call(engine::connection_state& c, protocol::request_params p,
                            auth::password_check check = auth::password_check::not_needed) {
    engine_->begin();
    auto out = engine_->handle(c, protocol::request{next_id_++, {}, std::move(p)}, check);
    for (auto& e : engine_->commit()) events_.push_back(e.event);
    replayed_ = std::move(out.replay);
    return out.body;
  }

  // The ticket of a successful reply; fails the test otherwise.
  protocol::ticket ticket_of(const protocol::reply_body& body) {
    if (const auto* e = std::get_if<protocol::error>(&body)) {
      ADD_FAILURE() << "unexpected error " << protocol::to_string(e->code) << ": " << e->message_en;
      return {};
    }
    return std::get<protocol::ticket_result>(body).ticket;
  }

  protocol::error error_of(const protocol::reply_body& body) {
    if (!std::holds_alternative<protocol::error>(body)) {
      ADD_FAILURE() << "expected an error";
      return {};
    }
    return std::get<protocol::error>(body);
  }

  protocol::ticket take(engine::connection_state& kiosk, domain::service_id service,
                        const std::string& key,
                        domain::priority priority = domain::priority::none) {
    return ticket_of(call(kiosk, protocol::take_ticket{service, key, priority, "vi", {}, {}}));
  }

  void open(engine::connection_state& clerk, domain::counter_id counter,
            std::vector<domain::service_id> services) {
    auto body = call(clerk, protocol::open_counter{counter, std::move(services)});
    ASSERT_TRUE(std::holds_alternative<protocol::counter_result>(body));
  }

  // The phone a ticket's texts go to, as stored (read on a connection of its own).
  std::optional<std::string> stored_phone(domain::ticket_id ticket) {
    store::database db(dir_.file("motcua.db"));
    auto q = db.prepare("SELECT phone FROM tickets WHERE id = ?");
    q.bind(1, ticket);
    return q.step() ? q.optional_text(0) : std::nullopt;
  }

  temp_dir dir_;
  domain::test_clock clock_{thursday_8am()};
  config::settings settings_;
  auth::login_guard logins_{settings_.limits, clock_};
  std::unique_ptr<engine::engine> engine_;
  std::int64_t next_id_ = 1;
  std::vector<protocol::event> events_;
  std::vector<engine::published_event> replayed_;
};

}  // namespace motcua::testing
