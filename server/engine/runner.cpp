#include "engine/runner.hpp"

#include <spdlog/spdlog.h>

#include "engine/texts.hpp"
#include "protocol/codec.hpp"

namespace motcua::engine {

namespace {
constexpr std::size_t max_batch = 512;
constexpr auto tick_interval = std::chrono::seconds{1};
}  // namespace

runner::runner(engine& e, metrics::registry& m) : engine_(e), metrics_(m) { publish(); }

runner::~runner() { stop(); }

void runner::start() { thread_ = std::thread([this] { run(); }); }

void runner::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
}

void runner::push(job j) {
  {
    std::lock_guard lock(mutex_);
    jobs_.push_back(std::move(j));
  }
  wake_.notify_one();
}

void runner::connect(std::uint64_t connection, std::weak_ptr<sink> to) {
  push({job::kind::connect, connection, std::move(to), {}, {}, {}, {}, {}, {}, {}, {}});
}

void runner::submit(std::uint64_t connection, protocol::request r, password_check check,
                    std::chrono::steady_clock::time_point received) {
  push({job::kind::request, connection, {}, std::move(r), check, received, {}, {}, {}, {}, {}});
}

void runner::disconnect(std::uint64_t connection) {
  push({job::kind::disconnect, connection, {}, {}, {}, {}, {}, {}, {}, {}, {}});
}

void runner::lookup(std::string code, lookup_done done) {
  push({job::kind::lookup, 0, {}, {}, {}, {}, std::move(code), std::move(done), {}, {}, {}});
}

void runner::form(form_request request, form_done done) {
  job j{job::kind::form, 0, {}, {}, {}, {}, {}, {}, {}, {}, {}};
  j.form = std::move(request);
  j.on_form = std::move(done);
  push(std::move(j));
}

void runner::lockout(auth::login_lock lock) {
  job j{job::kind::lockout, 0, {}, {}, {}, {}, {}, {}, {}, {}, {}};
  j.lock = std::move(lock);
  push(std::move(j));
}

std::shared_ptr<const metrics::public_state> runner::state() const {
  std::lock_guard lock(mutex_);
  return state_;
}

void runner::run() {
  auto next_tick = std::chrono::steady_clock::now() + tick_interval;
  for (;;) {
    std::deque<job> batch;
    {
      std::unique_lock lock(mutex_);
      wake_.wait_until(lock, next_tick, [&] { return stopping_ || !jobs_.empty(); });
      if (stopping_ && jobs_.empty()) return;
      while (!jobs_.empty() && batch.size() < max_batch) {
        batch.push_back(std::move(jobs_.front()));
        jobs_.pop_front();
      }
    }
    try {
      if (!batch.empty()) process(batch);
      if (std::chrono::steady_clock::now() >= next_tick) {
        next_tick = std::chrono::steady_clock::now() + tick_interval;
        deliver({}, engine_.tick());
        publish();
      }
    } catch (const std::exception& e) {
      spdlog::critical("engine thread: {}", e.what());
    }
  }
}

void runner::process(std::deque<job>& jobs) {
  std::vector<done> replies;
  std::vector<job*> lookups;
  std::vector<job*> forms;
  bool open = false;
  for (auto& j : jobs) {
    switch (j.kind) {
      case job::kind::lookup:
        lookups.push_back(&j);
        break;
      case job::kind::form:
        forms.push_back(&j);
        break;
      case job::kind::lockout:
        if (!open) engine_.begin();
        open = true;
        engine_.record_lockout(j.lock);
        break;
      case job::kind::connect:
        connections_[j.connection].to = std::move(j.to);
        metrics_.connected(std::nullopt, +1);
        break;
      case job::kind::disconnect:
        if (auto it = connections_.find(j.connection); it != connections_.end()) {
          auto who = it->second.state.who;
          metrics_.connected(who ? std::optional(who->role) : std::nullopt, -1);
          connections_.erase(it);
        }
        break;
      case job::kind::request: {
        auto it = connections_.find(j.connection);
        if (it == connections_.end()) break;  // gone before its turn
        if (!open) engine_.begin();
        open = true;
        bool was_anonymous = !it->second.state.who;
        auto result = engine_.handle(it->second.state, j.request, j.check);
        if (was_anonymous && it->second.state.who) {
          metrics_.connected(std::nullopt, -1);
          metrics_.connected(it->second.state.who->role, +1);
          it->second.from_seq = std::get<protocol::hello_result>(result.body).seq;
        }
        bool logged_in = was_anonymous && it->second.state.who;
        replies.push_back({j.connection, std::move(result), j.request.id, j.received, logged_in});
        break;
      }
    }
  }
  if (open) commit_and_reply(replies);
  for (auto* j : lookups) j->done(engine_.public_dossier(j->code));
  for (auto* j : forms) fill_form(*j);
}

void runner::fill_form(job& j) {
  form_outcome out;
  try {
    engine_.begin();
    out = engine_.form(j.form);
    deliver({}, engine_.commit());
  } catch (const std::exception& e) {
    spdlog::error("engine: form failed: {}", e.what());
    out = {};
    out.status = 500;
    out.message = "Lỗi máy chủ, vui lòng thử lại.";
    out.message_en = "Server error, please try again.";
  }
  j.on_form(std::move(out));
}

void runner::commit_and_reply(std::vector<done>& replies) {
  std::vector<published_event> events;
  try {
    events = engine_.commit();
    metrics_.committed(replies.size());
  } catch (const std::exception& e) {
    spdlog::error("engine: commit failed: {}", e.what());
    for (auto& r : replies) {
      r.result = {make_error(protocol::error_code::internal, "Lỗi máy chủ, vui lòng thử lại.",
                             "Server error, please try again.", false),
                  {}};
      auto it = connections_.find(r.connection);
      if (r.logged_in && it != connections_.end()) {  // that login was rolled back too
        metrics_.connected(it->second.state.who->role, -1);
        metrics_.connected(std::nullopt, +1);
        it->second.state.who.reset();
      }
      r.logged_in = false;
    }
  }
  auto now = std::chrono::steady_clock::now();
  std::map<std::uint64_t, delivery> frames;
  for (auto& r : replies) {
    auto& out = frames[r.connection];
    out.frames.push_back(std::make_shared<const std::string>(
        protocol::encode(protocol::reply{r.id, std::move(r.result.body)})));
    for (const auto& e : r.result.replay) out.frames.push_back(e.text);
    ++out.replies;
    out.logged_in = out.logged_in || r.logged_in;
    metrics_.request_served(now - r.received);
  }
  deliver(std::move(frames), events);
  if (!events.empty()) publish();
}

void runner::deliver(std::map<std::uint64_t, delivery> replies,
                     const std::vector<published_event>& events) {
  for (const auto& e : events)
    if (std::holds_alternative<protocol::ticket_issued>(e.event.body)) metrics_.ticket_issued();
  for (auto& [id, c] : connections_) {
    delivery out;
    if (auto it = replies.find(id); it != replies.end()) out = std::move(it->second);
    if (c.state.who)
      for (const auto& e : events)
        if (e.event.seq > c.from_seq) out.frames.push_back(e.text);
    if (out.frames.empty()) continue;
    if (auto to = c.to.lock()) to->deliver(std::move(out));
  }
}

void runner::publish() {
  auto s = std::make_shared<const metrics::public_state>(
      metrics::public_state{engine_.services(), engine_.dossier_counts(), engine_.login_locks()});
  std::lock_guard lock(mutex_);
  state_ = std::move(s);
}

}  // namespace motcua::engine
