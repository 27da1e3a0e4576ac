#include "server/province/lookup.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/post.hpp>
#include <boost/json.hpp>

#include "server/engine/dossier_desk.hpp"
#include "shared/client/http_get.hpp"
#include "shared/domain/clock.hpp"
#include "shared/domain/dossier_code.hpp"
#include "shared/domain/text.hpp"
#include "shared/protocol/errors.hpp"
#include "shared/protocol/province.hpp"

namespace motcua::province {

namespace wire = protocol::province;
using outcome = remote_dossier::outcome;

namespace {

// The hub's answer {"dossier":{...},"history":[{...}]} as the public view; none when it is not
// that shape (a hub of another version: the same as unreachable).
std::optional<protocol::public_dossier> view_of(const std::string& body) {
  boost::system::error_code ec;
  auto doc = boost::json::parse(body, ec);
  if (ec || !doc.is_object()) return std::nullopt;
  const auto& o = doc.as_object();
  const auto* dossier = o.if_contains("dossier");
  const auto* history = o.if_contains("history");
  if (!dossier || !history || !history->is_array()) return std::nullopt;
  auto d = wire::decode_body("dossier", boost::json::serialize(*dossier));
  const auto* row = std::get_if<wire::record_body>(&d);
  if (!row) return std::nullopt;
  std::vector<wire::history_row> steps;
  for (const auto& h : history->as_array()) {
    auto step = wire::decode_body("history", boost::json::serialize(h));
    const auto* body_of = std::get_if<wire::record_body>(&step);
    if (!body_of) return std::nullopt;
    steps.push_back(std::get<wire::history_row>(*body_of));
  }
  return engine::public_view_of(std::get<wire::dossier_row>(*row), steps,
                                domain::system_clock{}.now());
}

}  // namespace

hub_lookup::hub_lookup(const config::settings& settings) : settings_(settings) {
  if (settings.hub) hub_at_.emplace(*settings.hub);
}

hub_lookup::~hub_lookup() { stop(); }

void hub_lookup::stop() {
  stopped_ = true;
  threads_.join();
}

bool hub_lookup::remote(std::string_view code) const {
  if (!hub_at_) return false;
  const auto parts = domain::parse_dossier_code(domain::trim_ascii(code));
  return parts && parts->unit != domain::to_upper_ascii(settings_.catalogue.unit.code);
}

remote_dossier hub_lookup::find(const std::string& asked) {
  const auto& hub = *settings_.hub;
  const auto code = domain::to_upper_ascii(domain::trim_ascii(asked));
  try {
    auto answer = client::http_get(
        hub_at_->host, hub_at_->port, "/api/v1/hub/dossiers/" + domain::percent_encode(code),
        hub.token, std::chrono::milliseconds(hub.lookup_timeout_ms), hub_at_->tls);
    if (answer.status == 404) return {outcome::unknown, std::nullopt};
    if (answer.status == 200)
      if (auto view = view_of(answer.body)) return {outcome::found, std::move(view)};
    spdlog::warn("hub: lookup of {} answered {}", code, answer.status);
  } catch (const std::exception& e) {
    spdlog::warn("hub: lookup of {}: {}", code, e.what());
  }
  return {outcome::unreachable, std::nullopt};
}

void hub_lookup::find(std::string code, std::function<void(remote_dossier)> done) {
  if (stopped_) return done({outcome::unreachable, std::nullopt});
  if (++in_flight_ > max_in_flight) {
    --in_flight_;
    return done({outcome::unreachable, std::nullopt});
  }
  boost::asio::post(threads_, [this, code = std::move(code), done = std::move(done)] {
    auto answer = stopped_ ? remote_dossier{outcome::unreachable, std::nullopt} : find(code);
    --in_flight_;
    done(std::move(answer));
  });
}

protocol::error hub_lookup::unreachable_error(bool english) {
  return protocol::make_error(
      protocol::error_code::internal,
      "Hồ sơ này do đơn vị khác trong tỉnh tiếp nhận; hiện chưa kết nối được với hệ thống của "
      "tỉnh. Vui lòng thử lại sau ít phút.",
      "This dossier was received by another unit of the province; the province system cannot be "
      "reached now. Please try again in a few minutes.",
      english);
}

}  // namespace motcua::province
