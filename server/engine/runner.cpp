#include "server/engine/runner.hpp"

#include <algorithm>
#include <cstdlib>

#include <spdlog/spdlog.h>

#include "server/engine/overloaded.hpp"
#include "shared/protocol/codec.hpp"
#include "shared/protocol/errors.hpp"

namespace motcua::engine {

namespace {
constexpr std::size_t max_batch = 512;
constexpr auto tick_interval = std::chrono::seconds{1};
constexpr auto max_fanout_wait = std::chrono::milliseconds{10};
constexpr auto lone_gap = std::chrono::milliseconds{2};
constexpr auto due_rounding = std::chrono::milliseconds{1};
// Phones following one ticket: the citizen's and a relative's or two, not a script's hundreds.
constexpr std::ptrdiff_t max_followers_per_ticket = 4;
// How often the phones of one service hear of its queue (people ahead, the estimate): a citizen
// who has left the hall needs no more, and a busy hall's calls would otherwise cost every phone
// of the service a view each queue_changed. Their own call is never held back.
constexpr auto queue_news_interval = std::chrono::seconds{2};

// `done(value)` once the batch is durable.
template <class Done, class Value>
void answer_later(std::vector<std::function<void()>>& answers, Done done, Value value) {
  answers.push_back(
      [done = std::move(done), value = std::move(value)]() mutable { done(std::move(value)); });
}
}  // namespace

runner::runner(engine& e, metrics::registry& m)
    : engine_(e), metrics_(m), state_(current_state()) {}

runner::~runner() { stop(); }

void runner::start() {
  engine_.defer_durability();
  sync_thread_ = std::thread([this] { sync_and_hand_out(); });
  send_due_queue_changes();  // those held when the server last stopped, before anyone connects
  release();
  thread_ = std::thread([this] { run(); });
}

void runner::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
  std::lock_guard engine(engine_mutex_);  // a network thread's lone request, if any, is done
  {
    std::lock_guard lock(sync_mutex_);
    sync_stopping_ = true;
  }
  sync_wake_.notify_one();
  if (sync_thread_.joinable()) sync_thread_.join();  // everything released is handed out
}

std::optional<runner::handout> runner::take_pending() {
  if (pending_.deliveries.empty() && pending_.answers.empty() && pending_.received.empty())
    return std::nullopt;
  {
    std::lock_guard lock(fanout_->mutex);
    ++fanout_->pending;
  }
  pending_.handed_out = std::shared_ptr<const void>(fanout_.get(), [f = fanout_](const void*) {
    {
      std::lock_guard lock(f->mutex);
      --f->pending;
    }
    f->done.notify_one();
  });
  return std::exchange(pending_, {});
}

void runner::release() {
  if (std::exchange(state_changed_, false)) publish();
  auto h = take_pending();
  if (!h) return;
  {
    std::lock_guard lock(sync_mutex_);
    to_sync_.push_back(std::move(*h));
  }
  sync_wake_.notify_one();
}

void runner::sync_and_hand_out() {
  for (;;) {
    std::deque<handout> ready;
    {
      std::unique_lock lock(sync_mutex_);
      handing_out_ = false;
      sync_wake_.wait(lock, [&] { return sync_stopping_ || !to_sync_.empty(); });
      if (to_sync_.empty()) return;  // stopping, and everything released is handed out
      ready.swap(to_sync_);
      handing_out_ = true;
    }
    make_durable();  // one fdatasync for every batch released meanwhile
    for (auto& h : ready) hand_out(h);
  }
}

void runner::make_durable() {
  try {
    if (engine_.wal().make_durable()) metrics_.wal_synced();
  } catch (const std::exception& e) {
    spdlog::critical(
        "the database's WAL cannot be made durable ({}): stopping, so that nothing that may be "
        "lost is answered; started again, the server has every batch it answered",
        e.what());
    spdlog::default_logger()->flush();
    std::abort();
  }
}

void runner::hand_out(handout& h) {
  const auto now = std::chrono::steady_clock::now();
  for (auto received : h.received) metrics_.request_served(now - received);
  for (int i = 0; i < h.tickets_issued; ++i) metrics_.ticket_issued();
  // One connection's or callback's failure costs nobody else their frames or answers.
  auto guarded = [](const char* what, auto&& step) {
    try {
      step();
    } catch (const std::exception& e) {
      spdlog::error("engine: handing out {}: {}", what, e.what());
    }
  };
  for (auto& out : h.deliveries) {
    out.second.handed_out = h.handed_out;
    guarded("frames", [&] { out.first->deliver(std::move(out.second)); });
  }
  for (auto& answer : h.answers) guarded("an answer", answer);
  h.handed_out.reset();  // the connections hold it until they have taken their frames
}

void runner::send_due_queue_changes() {
  if (engine_.queue_changes_due_in() != std::chrono::milliseconds{0}) return;
  engine_.begin();  // a batch of nothing: its commit numbers the held changes
  deliver({}, engine_.commit());
  publish();
}

void runner::push(job j) {
  {
    std::lock_guard lock(mutex_);
    jobs_.push_back(std::move(j));
  }
  wake_.notify_one();
}

void runner::connect(std::uint64_t connection, std::weak_ptr<sink> to) {
  push(connect_job{.connection = connection, .to = std::move(to)});
}

void runner::submit(std::uint64_t connection, protocol::request r, auth::password_check check,
                    std::chrono::steady_clock::time_point received) {
  request_job j{
      .connection = connection, .request = std::move(r), .check = check, .received = received};
  bool lone = false;
  {
    std::lock_guard lock(mutex_);
    // A lone client: the request before this one came from the same connection, or a while ago.
    // Several clients at once are batched by the engine thread instead (group commit).
    lone = last_submitter_ == connection || received - last_submitted_ > lone_gap;
    last_submitter_ = connection;
    last_submitted_ = received;
  }
  if (!lone || !run_alone(j)) push(std::move(j));
}

bool runner::run_alone(request_job& j) {
  // Reports and searches read much: the engine thread runs them, not a network thread.
  if (std::holds_alternative<protocol::get_stats>(j.request.params) ||
      std::holds_alternative<protocol::search_dossiers>(j.request.params))
    return false;
  std::unique_lock engine(engine_mutex_, std::try_to_lock);
  if (!engine) return false;  // the engine thread has a batch
  {
    std::lock_guard lock(mutex_);
    if (stopping_ || !jobs_.empty()) return false;  // after those, in order
  }
  {
    std::lock_guard lock(sync_mutex_);
    if (handing_out_ || !to_sync_.empty()) return false;  // handed out after those, in order
  }
  {
    std::lock_guard lock(fanout_->mutex);
    if (fanout_->pending > 0) return false;  // under load: join the next batch
  }
  std::deque<job> batch;
  batch.emplace_back(std::move(j));
  try {
    process(batch);
  } catch (const std::exception& e) {
    spdlog::critical("engine, run on a network thread: {}", e.what());
  }
  if (auto h = take_pending()) {
    make_durable();
    hand_out(*h);
  }
  if (std::exchange(state_changed_, false)) show_state(current_state());
  // The engine thread checkpoints (not this thread, whose connections would wait), and sends a
  // queue change held back now that is due before its next wake-up. Due times are rounded up to
  // the millisecond, so a change the engine thread already sleeps for may read up to 1 ms
  // earlier: that is no reason to wake it (it was woken for every other ticket).
  auto due = engine_.queue_changes_due_in();
  bool wake = engine_.checkpoint_due();
  std::lock_guard lock(mutex_);
  if (due && std::chrono::steady_clock::now() + *due + due_rounding < engine_wakes_at_) wake = true;
  if (wake && engine_wakes_at_ != std::chrono::steady_clock::time_point{}) {
    engine_wakes_at_ = {};
    wake_.notify_one();
  }
  return true;
}

void runner::disconnect(std::uint64_t connection) {
  push(disconnect_job{.connection = connection});
}

void runner::lookup(std::string code, lookup_done done) {
  push(lookup_job{.code = std::move(code), .done = std::move(done)});
}

void runner::form(form_request request, form_done done) {
  push(form_job{.request = std::move(request), .done = std::move(done)});
}

void runner::lockout(auth::login_lock lock) { push(lockout_job{.lock = std::move(lock)}); }

void runner::public_route(public_request request, public_done done) {
  push(public_job{.request = std::move(request), .done = std::move(done)});
}

void runner::follow(std::string token, bool english, std::weak_ptr<ticket_sink> to,
                    follow_done done) {
  push(follow_job{
      .token = std::move(token), .english = english, .to = std::move(to), .done = std::move(done)});
}

std::shared_ptr<const metrics::public_state> runner::state() const {
  std::lock_guard lock(mutex_);
  return state_;
}

void runner::run() {
  auto next_tick = std::chrono::steady_clock::now() + tick_interval;
  for (;;) {
    std::deque<job> batch;
    auto wake_at = next_tick;
    {
      std::lock_guard engine(engine_mutex_);
      if (auto due = engine_.queue_changes_due_in())
        wake_at = std::min(wake_at, std::chrono::steady_clock::now() + *due);
      std::lock_guard lock(mutex_);  // set before a lone request may look at it
      engine_wakes_at_ = wake_at;
    }
    {
      std::unique_lock lock(mutex_);
      wake_.wait_until(lock, wake_at,
                       [&] { return stopping_ || !jobs_.empty() || engine_wakes_at_ != wake_at; });
      engine_wakes_at_ = {};  // awake
      if (stopping_ && jobs_.empty()) return;
    }
    {
      std::unique_lock lock(fanout_->mutex);
      // One batch may be on its way (its fsync, or the network threads taking its frames) while
      // the next one runs: a pipeline two deep.
      fanout_->done.wait_for(lock, max_fanout_wait, [&] { return fanout_->pending <= 1; });
    }
    std::lock_guard engine(engine_mutex_);
    {
      std::lock_guard lock(mutex_);
      // No wait for more: while this batch runs, the last one's fsync is under way, and the
      // requests arriving meanwhile make the next batch (pipelined group commit).
      while (!jobs_.empty() && batch.size() < max_batch) {
        batch.push_back(std::move(jobs_.front()));
        jobs_.pop_front();
      }
    }
    try {
      if (!batch.empty()) process(batch);
      send_due_queue_changes();
      if (std::chrono::steady_clock::now() >= next_tick) {
        next_tick = std::chrono::steady_clock::now() + tick_interval;
        deliver({}, engine_.tick());
        publish();
      }
    } catch (const std::exception& e) {
      spdlog::critical("engine thread: {}", e.what());
    }
    release();
    try {
      // After the batch is released to the sync thread. The WAL is durable before a checkpoint
      // copies it into the database file (a failure ends the process, as on the sync thread).
      if (engine_.checkpoint_due()) {
        make_durable();
        engine_.checkpoint_if_due();
      }
    } catch (const std::exception& e) {
      spdlog::critical("engine thread: {}", e.what());
    }
  }
}

void runner::process(std::deque<job>& jobs) {
  std::vector<done> replies;
  std::vector<lookup_job*> lookups;
  std::vector<form_job*> forms;
  std::vector<std::pair<public_job*, public_answer>> publics;
  std::vector<follow_job*> follows;
  bool open = false;
  // Something threw outside a request's own savepoint (a lockout's record, the batch's start):
  // nothing of the batch is kept, and every request in it is answered with an error.
  bool abandoned = false;
  auto open_batch = [&] {
    if (!open) engine_.begin();
    open = true;
  };
  for (auto& j : jobs) {
    try {
      std::visit(overloaded{
                     [&](lookup_job& l) { lookups.push_back(&l); },
                     [&](follow_job& f) { follows.push_back(&f); },
                     [&](form_job& f) { forms.push_back(&f); },
                     [&](lockout_job& l) {
                       if (abandoned) return;  // still held in memory (login_guard)
                       open_batch();
                       engine_.record_lockout(l.lock);
                     },
                     [&](public_job& b) {
                       publics.emplace_back(&b, public_answer{});
                       if (abandoned) return;
                       open_batch();
                       publics.back().second = engine_.public_route(b.request);
                     },
                     [&](connect_job& c) {
                       connections_[c.connection].to = std::move(c.to);
                       metrics_.connected(std::nullopt, +1);
                     },
                     [&](disconnect_job& d) {
                       if (auto it = connections_.find(d.connection); it != connections_.end()) {
                         auto who = it->second.state.who;
                         metrics_.connected(who ? std::optional(who->role) : std::nullopt, -1);
                         connections_.erase(it);
                       }
                     },
                     [&](request_job& r) {
                       if (!connections_.count(r.connection)) return;  // gone before its turn
                       replies.push_back({r.connection, {}, r.request.id, r.received});
                       if (abandoned) return;
                       open_batch();
                       handle(r, replies.back());
                     },
                 },
                 j);
    } catch (const std::exception& e) {
      spdlog::error("engine: batch abandoned: {}", e.what());
      abandoned = true;
    }
  }
  if ((open || abandoned) && !commit_and_reply(replies, abandoned))
    for (auto& [job, answer] : publics) answer = {protocol::internal_error(false)};
  for (auto& [job, answer] : publics)
    answer_later(pending_.answers, std::move(job->done), std::move(answer));
  for (auto* l : lookups)
    answer_later(pending_.answers, std::move(l->done), engine_.public_dossier(l->code));
  for (auto* f : follows) start_following(*f);
  for (auto* f : forms) fill_form(*f);
}

void runner::handle(request_job& j, done& reply) {
  auto& c = connections_.at(j.connection);
  bool was_anonymous = !c.state.who;
  reply.result = engine_.handle(c.state, j.request, j.check);
  if (!was_anonymous || !c.state.who) return;
  const auto* hello = std::get_if<protocol::hello_result>(&reply.result.body);
  if (!hello) {  // the hello's writes were undone with its request (internal): so is the login
    c.state.who.reset();
    return;
  }
  metrics_.connected(std::nullopt, -1);
  metrics_.connected(c.state.who->role, +1);
  c.from_seq = hello->seq;
  reply.logged_in = true;
}

void runner::abandon() {
  try {
    engine_.abandon();
  } catch (const std::exception& e) {  // the next batch's begin() tries the reload again
    spdlog::critical("engine: abandoning a batch: {}", e.what());
  }
}

void runner::fill_form(form_job& j) {
  form_outcome out;
  try {
    engine_.begin();
    out = engine_.form(j.request);
    deliver({}, engine_.commit());
  } catch (const std::exception& e) {
    spdlog::error("engine: form failed: {}", e.what());
    abandon();  // when the form itself threw (its commit abandons its own batch)
    out = {};
    out.status = 500;
    const auto error = protocol::internal_error(false);
    out.message = error.message;
    out.message_en = error.message_en;
  }
  answer_later(pending_.answers, std::move(j.done), std::move(out));
}

bool runner::commit_and_reply(std::vector<done>& replies, bool abandoned) {
  std::vector<published_event> events;
  bool committed = false;
  if (abandoned) {
    abandon();
  } else {
    try {
      events = engine_.commit();
      metrics_.committed(replies.size());
      committed = true;
    } catch (const std::exception& e) {
      spdlog::error("engine: commit failed: {}", e.what());
    }
  }
  if (!committed) {
    for (auto& r : replies) {
      r.result = {protocol::internal_error(false), {}};
      auto it = connections_.find(r.connection);
      if (r.logged_in && it != connections_.end()) {  // that login was rolled back too
        metrics_.connected(it->second.state.who->role, -1);
        metrics_.connected(std::nullopt, +1);
        it->second.state.who.reset();
      }
      r.logged_in = false;
    }
  }
  std::map<std::uint64_t, delivery> frames;
  for (auto& r : replies) {
    auto& out = frames[r.connection];
    const auto* refusal = std::get_if<protocol::error>(&r.result.body);
    out.bad_credentials =
        out.bad_credentials || (refusal && refusal->code == protocol::error_code::unauthorized);
    out.own.emplace_back(protocol::encode(protocol::reply{r.id, std::move(r.result.body)}));
    for (const auto& e : r.result.replay) out.own.push_back(e.text);
    ++out.replies;
    out.logged_in = out.logged_in || r.logged_in;
    pending_.received.push_back(r.received);
  }
  deliver(std::move(frames), events);
  if (!events.empty()) state_changed_ = true;
  return committed;
}

void runner::deliver(std::map<std::uint64_t, delivery> replies,
                     const std::vector<published_event>& events) {
  for (const auto& e : events)
    if (std::holds_alternative<protocol::ticket_issued>(e.event.body)) ++pending_.tickets_issued;
  // The batch's events of each subscription, made once for all its connections (every kiosk
  // shares its role's): each event serialised once, nothing copied per connection.
  struct topic_events {
    std::shared_ptr<const std::vector<frame>> frames;  // none when no event is in its topics
    std::vector<std::int64_t> seqs;
  };
  std::map<const protocol::subscription*, topic_events> by_topics;
  auto events_of = [&](const protocol::subscription& topics) -> const topic_events& {
    auto [it, added] = by_topics.try_emplace(&topics);
    if (added) {
      auto frames = std::make_shared<std::vector<frame>>();
      for (const auto& e : events)
        if (topics.has(e.topic)) {
          frames->push_back(e.text);
          it->second.seqs.push_back(e.event.seq);
        }
      if (!frames->empty()) it->second.frames = std::move(frames);
    }
    return it->second;
  };
  auto send = [&](connection& c, delivery out) {
    if (c.state.who && !events.empty()) {
      const auto& mine = events_of(*c.state.topics);
      // Events are in seq order; those up to from_seq are in its snapshot.
      auto first = std::ranges::upper_bound(mine.seqs, c.from_seq);
      if (first != mine.seqs.end()) {
        out.events = mine.frames;
        out.first_event = static_cast<std::size_t>(first - mine.seqs.begin());
      }
    }
    if (out.own.empty() && !out.events) return;
    if (auto to = c.to.lock()) pending_.deliveries.emplace_back(std::move(to), std::move(out));
  };
  // Those waiting for a reply first: a kiosk's round trip does not wait behind the events
  // written to a thousand displays. Each connection still gets its frames in order.
  for (auto& [id, out] : replies)
    if (auto it = connections_.find(id); it != connections_.end()) send(it->second, std::move(out));
  for (auto& [id, c] : connections_)
    if (!replies.count(id)) send(c, {});
  refresh_followers(events);
}

void runner::start_following(follow_job& j) {
  std::erase_if(followers_, [](const follower& f) { return f.to.expired(); });
  using answer = std::variant<protocol::error, first_view>;
  auto found = engine_.followed(j.token, j.english);
  if (auto* refusal = std::get_if<protocol::error>(&found))
    return answer_later(pending_.answers, std::move(j.done), answer{std::move(*refusal)});
  if (std::ranges::count(followers_, j.token, &follower::token) >= max_followers_per_ticket)
    return answer_later(
        pending_.answers, std::move(j.done),
        answer{make_error(protocol::error_code::limit,
                          "Số này đang được theo dõi trên quá nhiều máy.",
                          "This ticket is followed on too many devices.", j.english)});
  auto& [id, view] = std::get<followed_ticket>(found);
  auto text = protocol::encode(view);
  const bool over = domain::is_terminal(view.state);
  if (!over) followers_.push_back({j.to, std::move(j.token), id, view.service, text});
  answer_later(pending_.answers, std::move(j.done), answer{first_view{std::move(text), over}});
}

void runner::refresh_followers(const std::vector<published_event>& events) {
  if (followers_.empty()) return;
  std::set<domain::ticket_id> tickets, calls;
  for (const auto& e : events)
    std::visit(
        overloaded{[&](const protocol::queue_changed& q) { queue_news_[q.service].pending = true; },
                   [&](const protocol::ticket_called& c) { calls.insert(c.ticket.id); },
                   [&](const protocol::ticket_changed& c) { tickets.insert(c.ticket.id); },
                   [](const auto&) {}},
        e.event.body);
  // The services whose queue news is due: changed, and last told queue_news_interval ago (the
  // engine thread's tick, every second, comes back for the others).
  const auto now = std::chrono::steady_clock::now();
  std::set<protocol::service_id> queues;
  for (auto& [service, news] : queue_news_)
    if (news.pending && (!news.told || now - *news.told >= queue_news_interval)) {
      queues.insert(service);
      news = {false, now};
    }
  if (queues.empty() && tickets.empty() && calls.empty()) return;
  std::erase_if(followers_, [&](follower& f) {
    // Untouched followers cost a few lookups, no atomic operation (an ended stream's entry goes
    // when its ticket or service next changes, or at the next start_following).
    const bool called = calls.contains(f.ticket);
    if (!called && !tickets.contains(f.ticket) && !queues.contains(f.service)) return false;
    auto to = f.to.lock();
    if (!to) return true;
    auto now = engine_.followed(f.token, false);
    auto* found = std::get_if<followed_ticket>(&now);
    if (!found) {  // gone with the day's roll-over: the page, reconnecting, finds it no more
      pending_.answers.push_back([to] { to->gone(); });
      return true;
    }
    auto text = protocol::encode(found->view);
    const bool over = domain::is_terminal(found->view.state);
    // A call again (recall) shows the same view again: the phone rings once more.
    if (called || text != f.last)
      pending_.answers.push_back([to, text, over] { to->show(text, over); });
    f.service = found->view.service;
    f.last = std::move(text);
    return over;
  });
}

std::shared_ptr<const metrics::public_state> runner::current_state() const {
  return std::make_shared<const metrics::public_state>(metrics::public_state{
      engine_.services(), engine_.dossier_counts(), engine_.login_locks(), engine_.eta_accuracy()});
}

void runner::publish() {
  pending_.answers.push_back([this, s = current_state()] { show_state(s); });
}

void runner::show_state(std::shared_ptr<const metrics::public_state> s) {
  std::lock_guard lock(mutex_);
  state_ = std::move(s);
}

}  // namespace motcua::engine
