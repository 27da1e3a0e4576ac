#include "server/sms/sender.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <stdexcept>

#include "server/engine/text_outbox.hpp"
#include "server/store/wal_writes.hpp"
#include "shared/client/http_get.hpp"
#include "shared/domain/text.hpp"

namespace motcua::sms {
namespace {

// How often an idle sender looks for due rows: the engine writes them, so a text waits at most
// this long before its post (the sender has no other way to know of a commit).
constexpr auto poll = std::chrono::milliseconds(250);
constexpr auto count_interval = std::chrono::seconds(5);

// "http://host:port/path" in its parts (the configuration checked the shape).
struct address {
  std::string host, port, path;
};
address parse(const std::string& url) {
  auto rest = std::string_view(url).substr(7);  // after "http://"
  const auto slash = rest.find('/');
  auto authority = rest.substr(0, slash);
  address a{std::string(authority), "80", std::string(rest.substr(slash))};
  if (const auto colon = authority.rfind(':'); colon != std::string_view::npos) {
    a.host = std::string(authority.substr(0, colon));
    a.port = std::string(authority.substr(colon + 1));
  }
  return a;
}

// A Vietnamese number in the international form SMSCs route by: 0912345678 -> 84912345678.
std::string international(const std::string& phone) {
  return phone.starts_with('0') ? "84" + phone.substr(1) : phone;
}

}  // namespace

std::string sendsms_target(const config::text_messages& sms, const std::string& report_base,
                           const store::sms_record& r) {
  using domain::percent_encode;
  const auto id = std::to_string(r.id);
  // Kannel puts the report's status where %d is (kept as it is: %25d in the query).
  const std::string report = report_base + "/api/v1/sms/dlr?id=" + id +
                             "&key=" + engine::report_key(sms, r.id) + "&status=%d";
  std::string target = parse(sms.sendsms_url).path + "?username=" + percent_encode(sms.username) +
                       "&password=" + percent_encode(sms.password) +
                       "&to=" + international(r.phone) + "&text=" + percent_encode(r.text);
  if (!sms.from.empty()) target += "&from=" + percent_encode(sms.from);
  // Not ASCII: UCS-2 on the air (coding 2), the text given here in UTF-8.
  if (!sms.ascii) target += "&coding=2&charset=UTF-8";
  return target + "&dlr-mask=31&dlr-url=" + percent_encode(report);
}

sender::sender(const config::text_messages& sms, const domain::business_zone& zone,
               std::string report_base, const std::string& db_path, const domain::clock& clock,
               metrics::registry& metrics)
    : sms_(sms),
      zone_(zone),
      report_base_(std::move(report_base)),
      clock_(clock),
      metrics_(metrics),
      db_(db_path),
      store_(db_) {}

sender::~sender() { stop(); }

void sender::start() {
  if (const int again = store_.requeue_sending(clock_.now()))
    spdlog::warn("sms: {} text(s) left sending by the last run posted again", again);
  worker_.start([this] { return step(); });
}

void sender::stop() { worker_.stop(); }

std::chrono::milliseconds sender::step() {
  bool sent = false;
  try {
    // The engine writes rows and takes delivery reports too, so the states are counted, not
    // tracked: a scan of the outbox, at most every count_interval.
    if (const auto now = std::chrono::steady_clock::now(); now - counted_ >= count_interval) {
      metrics_.texts(store_.states());
      counted_ = now;
    }
    sent = send_next();
  } catch (const std::exception& e) {  // the database busy or failing: try again later
    spdlog::error("sms: {}", e.what());
  }
  return sent ? std::chrono::milliseconds{0} : poll;
}

bool sender::send_next() {
  auto now = clock_.now();
  auto r = store_.next_due(now);
  if (!r) return false;
  if (engine::apply_quiet_hours(sms_, zone_, now, *r)) {  // not at night: later, or not at all
    r->changed_at = now;
    store_.update(*r, "queued");
    return true;
  }
  r->state = "sending";
  ++r->attempts;
  r->changed_at = now;
  store_.update(*r, "queued");

  const auto to = parse(sms_.sendsms_url);
  db_.wal().make_durable();  // the text's row, written by the engine: durable before it leaves
  bool retry = false;
  try {
    auto answer = client::http_get(to.host, to.port, sendsms_target(sms_, report_base_, *r), "",
                                   std::chrono::seconds(10));
    r->answer = std::to_string(answer.status) + " " + answer.body;
    if (answer.status == 200 || answer.status == 202) {
      r->state = "sent";
    } else if (answer.status >= 500) {
      retry = true;
    } else {
      r->state = "failed";
      r->reason = "refused";
    }
  } catch (const std::exception& e) {  // Kannel down or not answering
    r->answer = e.what();
    retry = true;
  }
  now = clock_.now();
  if (retry) {
    const auto doubled = std::chrono::seconds(std::int64_t{sms_.retry_first_seconds}
                                              << std::min(r->attempts - 1, 20));
    r->state = "queued";
    r->next_attempt_at =
        now + std::min<std::chrono::seconds>(doubled, std::chrono::seconds(sms_.retry_max_seconds));
    spdlog::warn("sms: text {} not taken by Kannel ({}); again in {} s", r->id, *r->answer,
                 (r->next_attempt_at - now).count() / 1000);
  }
  r->changed_at = now;
  store_.update(*r, "sending");  // unless its delivery report came first
  return true;
}

}  // namespace motcua::sms
