#include "server/province/sender.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/json.hpp>
#include <stdexcept>

#include "server/store/wal_writes.hpp"
#include "shared/client/http_get.hpp"
#include "shared/protocol/province.hpp"

namespace motcua::province {

namespace wire = protocol::province;

namespace {

// How often an idle sender looks for new records: the engine writes them, and the sender has no
// other way to know of a commit. A record reaches the hub within about this long.
constexpr auto poll = std::chrono::milliseconds(200);

// Past this many records refused on their own one after the other, the fault is taken to be the
// hub's or this program's, not the records': none more is set aside until one is taken.
constexpr int max_set_aside_in_a_row = 20;

// Whether an answer is the hub refusing what a push carries: its own JSON error (not, say, a
// proxy's page) saying `invalid` (its database refuses a value), `bad_request` (a field) or
// `forbidden` (a record of another unit). Nothing of such a push was applied.
bool refuses_content(int status, std::string_view body) {
  if (status != 400 && status != 403) return false;
  boost::system::error_code ec;
  const auto answer = boost::json::parse(body, ec);
  const auto* error = !ec && answer.is_object() ? answer.as_object().if_contains("error") : nullptr;
  const auto* code = error && error->is_object() ? error->as_object().if_contains("code") : nullptr;
  if (!code || !code->is_string()) return false;
  const auto parsed = protocol::parse_error_code(code->as_string());
  return parsed == protocol::error_code::invalid || parsed == protocol::error_code::bad_request ||
         parsed == protocol::error_code::forbidden;
}

}  // namespace

sender::sender(const config::settings& settings, const std::string& db_path,
               const domain::clock& clock, metrics::registry& metrics)
    : settings_(settings),
      hub_(*settings.hub),
      clock_(clock),
      metrics_(metrics),
      db_(db_path),
      outbox_(db_),
      hub_at_(hub_),
      snapshot_(settings, db_) {}

sender::~sender() { stop(); }

void sender::start() {
  worker_.start([this] { return turn(); });
}

void sender::stop() { worker_.stop(); }

std::chrono::milliseconds sender::turn() {
  bool busy = false;
  std::chrono::milliseconds pause = poll;
  try {
    busy = step();
    failures_ = 0;
  } catch (const std::exception& e) {  // the hub down or refusing, the database busy
    reconciled_ = false;
    metrics_.hub_pushed(false);
    const auto first = std::chrono::seconds(hub_.retry_first_seconds);
    pause =
        std::min<std::chrono::milliseconds>(first * (std::int64_t{1} << std::min(failures_, 20)),
                                            std::chrono::seconds(hub_.retry_max_seconds));
    if (failures_++ == 0 || failures_ % 20 == 0)
      spdlog::warn("hub: {} (again in {} ms; the centre works on)", e.what(), pause.count());
  }
  try {
    count();
  } catch (const std::exception& e) {
    spdlog::error("hub: {}", e.what());
  }
  return busy ? std::chrono::milliseconds{0} : pause;
}

bool sender::step() {
  // The bound first, whether the hub answers or not: it matters most when it does not.
  if (outbox_.pending() > hub_.max_pending) {
    store::transaction tx(db_);
    outbox_.drop_oldest(hub_.max_pending);
    outbox_.set_snapshot({1, 0});
    tx.commit();
    spdlog::warn("hub: more than {} records waited; the oldest were dropped, a snapshot follows",
                 hub_.max_pending);
  }
  if (!reconciled_) {
    reconcile(push(wire::encode(wire::push{settings_.catalogue.unit.code, std::nullopt, {}})));
    reconciled_ = true;
  }
  auto waiting = outbox_.after(0, hub_.batch);
  if (static_cast<int>(waiting.size()) < hub_.batch && snapshot_.due())
    return snapshot_.step(clock_.now(), hub_.batch);
  if (!waiting.empty() && waiting.front().seq <= one_by_one_through_) waiting.resize(1);
  const auto now = std::chrono::steady_clock::now();
  if (waiting.empty() && now - last_push_ < std::chrono::seconds(hub_.heartbeat_seconds))
    return false;
  last_push_ = now;  // nothing waits: an empty push says whether the hub still holds it all
  wire::push batch{settings_.catalogue.unit.code, outbox_.acked(), {}};
  batch.records.reserve(waiting.size());
  for (std::size_t i = 0; i < waiting.size(); ++i) {
    const auto& r = waiting[i];
    auto body = wire::decode_body(r.kind, r.body);
    if (auto* problem = std::get_if<std::string>(&body)) {  // written by this program: never
      if (i > 0) {  // those before it go first: only the oldest record is ever set aside
        waiting.resize(i);
        break;
      }
      set_aside(r, "it does not read: " + *problem);
      return true;
    }
    batch.records.push_back(
        {r.seq, settings_.zone.format(r.at), std::move(std::get<wire::record_body>(body))});
  }
  std::int64_t held = 0;
  try {
    held = push(wire::encode(batch));
  } catch (const refused& e) {
    if (waiting.empty()) throw;  // the heartbeat refused: this centre's pushes, not a record
    refused_push(waiting, e);
    return true;
  }
  if (held < *batch.after) {  // the hub lost records since it last answered (409)
    reconcile(held);
    return true;
  }
  if (waiting.empty()) return false;
  store::transaction tx(db_);
  outbox_.acknowledge(std::min(held, waiting.back().seq));
  tx.commit();
  set_aside_in_a_row_ = 0;
  return true;
}

std::int64_t sender::push(std::string body) {
  db_.wal().make_durable();  // what it carries was read from the outbox: durable before it leaves
  auto answer =
      client::http_post(hub_at_.host, hub_at_.port, "/api/v1/hub/records", std::move(body),
                        hub_.token, std::chrono::seconds(30), hub_at_.tls);
  if (refuses_content(answer.status, answer.body))
    throw refused("the hub refused the push (" + std::to_string(answer.status) +
                  "): " + answer.body.substr(0, 200));
  // 409: the hub holds less than this centre was told; its answer says what it holds.
  if (answer.status != 200 && answer.status != 409)
    throw std::runtime_error("the hub answered " + std::to_string(answer.status) + ": " +
                             answer.body.substr(0, 200));
  auto ack = wire::decode_push_ack(answer.body);
  if (auto* problem = std::get_if<std::string>(&ack))
    throw std::runtime_error("the hub's answer: " + *problem);
  metrics_.hub_pushed(true);
  return std::get<wire::push_ack>(ack).applied_through;
}

void sender::refused_push(const std::vector<store::outbox_record>& waiting, const refused& e) {
  metrics_.hub_pushed(false);
  if (waiting.size() > 1) {
    one_by_one_through_ = waiting.back().seq;
    spdlog::warn("hub: {}; its {} records are sent again one by one", e.what(), waiting.size());
    return;
  }
  // The hub still takes this centre's pushes (a refusal of them all, say a unit code the hub no
  // longer has for this token, sets nothing aside): the record itself is at fault.
  push(wire::encode(wire::push{settings_.catalogue.unit.code, std::nullopt, {}}));
  if (++set_aside_in_a_row_ > max_set_aside_in_a_row)
    throw std::runtime_error(
        "the hub refused " + std::to_string(max_set_aside_in_a_row) +
        " records in a row on their own, and now " + e.what() +
        ": no more are set aside until one is taken (is the hub older than this centre?)");
  set_aside(waiting.front(), e.what());
}

void sender::set_aside(const store::outbox_record& r, const std::string& why) {
  store::transaction tx(db_);
  outbox_.set_aside(r.seq, clock_.now(), why);
  tx.commit();
  spdlog::error(
      "hub: record {} ({}) set aside in hub_refused, the hub will not take it: {}. The records "
      "after it go on; README \"A province of centres\" says how to send it again",
      r.seq, r.kind, why);
}

void sender::reconcile(std::int64_t hub_holds) {
  store::transaction tx(db_);
  const auto acked = outbox_.acked();
  if (hub_holds > outbox_.last_seq()) {
    spdlog::warn(
        "hub: the hub holds records up to {}, this centre numbered only up to {} "
        "(restored from a backup?): numbering after the hub's, then a snapshot",
        hub_holds, outbox_.last_seq());
    outbox_.renumber_after(hub_holds);
    outbox_.set_snapshot({1, 0});
  } else if (hub_holds < acked) {
    spdlog::warn(
        "hub: the hub holds records up to {} only, it had {} (a new or restored hub): "
        "a snapshot follows",
        hub_holds, acked);
    outbox_.set_snapshot({1, 0});
  }
  // Deletes what the hub holds; when it holds less than before, nothing (those are gone), and the
  // hub's figure is the one remembered.
  outbox_.acknowledge(hub_holds);
  tx.commit();
}

void sender::count() {
  const auto oldest = outbox_.oldest();
  const auto lag =
      oldest ? std::chrono::duration_cast<std::chrono::seconds>(clock_.now() - *oldest).count() : 0;
  metrics_.hub_outbox(outbox_.pending(), std::max<std::int64_t>(lag, 0), outbox_.acked(),
                      outbox_.refused());
}

}  // namespace motcua::province
