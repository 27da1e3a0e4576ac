#include "hub/net/routes.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <sstream>

#include <boost/json.hpp>

#include "server/auth/crypto.hpp"
#include "server/transport/http_answers.hpp"
#include "shared/domain/dossier_code.hpp"
#include "shared/protocol/province.hpp"

namespace motcua::hub::net {

namespace province = protocol::province;
using protocol::error_code;

namespace {

constexpr std::string_view records_route = "/api/v1/hub/records";
constexpr std::string_view dossiers_route = "/api/v1/hub/dossiers/";

response answer(const request& req, http::status status, std::string body) {
  return motcua::net::respond(req, status, "application/json", std::move(body));
}

// The centre whose token the request bears, if any.
std::optional<store::centre> bearer(const request& req, store::province_store& store) {
  const auto header = req[http::field::authorization];
  constexpr std::string_view scheme = "Bearer ";
  if (!header.starts_with(scheme) || header.size() == scheme.size()) return std::nullopt;
  return store.centre_by_token_hash(auth::sha256_hex(header.substr(scheme.size())));
}

response unauthorized(const request& req) {
  return motcua::net::error(req, http::status::unauthorized, error_code::unauthorized,
                            "Trung tâm chưa được đăng ký với trục tỉnh (mã truy cập sai).",
                            "This centre is not registered at the hub (wrong token).");
}

response push(const request& req, store::province_store& store, hub_metrics& metrics,
              std::chrono::system_clock::time_point now) {
  auto centre = bearer(req, store);
  if (!centre) return unauthorized(req);
  store.heard(centre->id);
  auto decoded = province::decode_push(req.body());
  if (const auto* problem = std::get_if<std::string>(&decoded)) {
    metrics.refused();
    return motcua::net::error(req, http::status::bad_request, error_code::bad_request,
                              "Dữ liệu gửi lên không hợp lệ: " + *problem,
                              "The records are malformed: " + *problem);
  }
  const auto& batch = std::get<province::push>(decoded);
  // A centre writes its own rows only: a dossier or a step of another unit's is refused.
  auto own = [&](const province::record& r) {
    if (const auto* d = std::get_if<province::dossier_row>(&r.body))
      return d->unit == centre->unit && d->code.starts_with(centre->unit + "-");
    // A step's unit: where it was taken, this centre's or another unit's department (its code,
    // as dossier codes carry one).
    if (const auto* h = std::get_if<province::history_row>(&r.body))
      return h->code.starts_with(centre->unit + "-") &&
             domain::parse_dossier_code(h->unit + "-250701-0001").has_value();
    return true;
  };
  if (batch.unit != centre->unit || !std::all_of(batch.records.begin(), batch.records.end(), own)) {
    metrics.refused();
    return motcua::net::error(req, http::status::forbidden, error_code::forbidden,
                              "Mã truy cập này là của đơn vị khác.",
                              "This token is another unit's.");
  }
  try {
    const auto applied = store.apply(*centre, batch.records, batch.after);
    const auto ack = province::encode(province::push_ack{applied});
    if (batch.after && applied < *batch.after)  // the hub lost records: the centre resends all
      return answer(req, http::status::conflict, ack);
    metrics.pushed(centre->unit, batch.records.size(), now);
    return answer(req, http::status::ok, ack);
  } catch (const store::pg::error& e) {
    // A record the database refuses is the centre's fault (bad data): 400, nothing applied. Any
    // other failure is the hub's: 500, and the centre tries again later.
    metrics.refused();
    const bool data = e.sqlstate().starts_with("22") || e.sqlstate().starts_with("23");
    // The log has the SQLSTATE, not the text, which may quote a row (a name); the centre that
    // sent the row is told all of it.
    spdlog::warn("hub: push of {} refused (SQLSTATE {})", centre->unit, e.sqlstate());
    if (!data) throw;
    return motcua::net::error(req, http::status::bad_request, error_code::invalid,
                              std::string("Bản ghi bị từ chối: ") + e.what(),
                              std::string("A record was refused: ") + e.what());
  }
}

response dossier(const request& req, std::string_view code, store::province_store& store) {
  if (!bearer(req, store)) return unauthorized(req);
  auto d = store.find_dossier(code);
  if (!d)
    return motcua::net::error(req, http::status::not_found, error_code::not_found,
                              "Không có hồ sơ này trong tỉnh.", "No such dossier in the province.");
  std::string body = R"({"dossier":)" + province::encode_body(*d) + R"(,"history":[)";
  bool first = true;
  for (const auto& h : store.history(code)) {
    if (!first) body += ',';
    body += province::encode_body(h);
    first = false;
  }
  return answer(req, http::status::ok, body + "]}");
}

}  // namespace

void hub_metrics::pushed(const std::string& unit, std::size_t records,
                         std::chrono::system_clock::time_point at) {
  pushes_.fetch_add(1, std::memory_order_relaxed);
  records_.fetch_add(static_cast<std::int64_t>(records), std::memory_order_relaxed);
  std::lock_guard lock(mutex_);
  last_push_[unit] = at;
}

std::string hub_metrics::render(store::province_store& store,
                                std::chrono::system_clock::time_point now) {
  std::ostringstream out;
  out << "# HELP motcua_hub_pushes_applied_total Pushes of records the hub took.\n"
         "# TYPE motcua_hub_pushes_applied_total counter\n"
         "motcua_hub_pushes_applied_total "
      << pushes_.load() << "\n"
      << "# HELP motcua_hub_records_received_total Records received in the pushes it took.\n"
         "# TYPE motcua_hub_records_received_total counter\n"
         "motcua_hub_records_received_total "
      << records_.load() << "\n"
      << "# HELP motcua_hub_pushes_refused_total Pushes refused (malformed, another unit's).\n"
         "# TYPE motcua_hub_pushes_refused_total counter\n"
         "motcua_hub_pushes_refused_total "
      << refused_.load() << "\n"
      << "# HELP motcua_hub_connections Connections open now (HTTP and the dashboards).\n"
         "# TYPE motcua_hub_connections gauge\n"
         "motcua_hub_connections "
      << connections_.load() << "\n"
      << "# HELP motcua_hub_connections_refused_total Connections refused at accept by the caps "
         "(in total, per address) or closed as dashboards past theirs.\n"
         "# TYPE motcua_hub_connections_refused_total counter\n"
         "motcua_hub_connections_refused_total "
      << refused_connections_.load() << "\n"
      << "# HELP motcua_hub_accept_errors_total Accepts that failed.\n"
         "# TYPE motcua_hub_accept_errors_total counter\n"
         "motcua_hub_accept_errors_total "
      << accept_errors_.load() << "\n"
      << "# HELP motcua_hub_http_failures_total Requests whose handling failed, answered 500.\n"
         "# TYPE motcua_hub_http_failures_total counter\n"
         "motcua_hub_http_failures_total "
      << http_failures_.load() << "\n"
      << "# HELP motcua_hub_centre_applied_seq The last record applied, per centre.\n"
         "# TYPE motcua_hub_centre_applied_seq gauge\n";
  const auto centres = store.centres();
  for (const auto& c : centres)
    out << "motcua_hub_centre_applied_seq{unit=\"" << c.unit << "\"} " << c.applied_through << "\n";
  out << "# HELP motcua_hub_centre_push_age_seconds Seconds since the centre's last push "
         "(since the hub started, for one that has not pushed yet).\n"
         "# TYPE motcua_hub_centre_push_age_seconds gauge\n";
  std::lock_guard lock(mutex_);
  for (const auto& c : centres) {
    auto last = last_push_.find(c.unit);
    if (last == last_push_.end()) last = last_push_.emplace(c.unit, now).first;
    out << "motcua_hub_centre_push_age_seconds{unit=\"" << c.unit << "\"} "
        << std::chrono::duration_cast<std::chrono::seconds>(now - last->second).count() << "\n";
  }
  return out.str();
}

std::string_view path_of(const request& req) {
  const std::string_view target = req.target();
  return target.substr(0, target.find('?'));
}

bool is_push(const request& req) {
  return req.method() == http::verb::post && path_of(req) == records_route;
}

response handle(const request& req, store::province_store& store, hub_metrics& metrics,
                std::chrono::system_clock::time_point now) {
  const auto path = path_of(req);
  if (req.method() == http::verb::get && path == "/healthz") {
    store.centres();  // throws when PostgreSQL does not answer: 503
    return answer(req, http::status::ok, R"({"status":"ok"})");
  }
  if (req.method() == http::verb::get && path == "/metrics") {
    auto res = answer(req, http::status::ok, metrics.render(store, now));
    res.set(http::field::content_type, "text/plain; version=0.0.4");
    return res;
  }
  if (path == records_route) {
    if (req.method() != http::verb::post)
      return motcua::net::error(req, http::status::method_not_allowed, error_code::bad_request,
                                "Chỉ nhận POST.", "POST only.");
    return push(req, store, metrics, now);
  }
  if (req.method() == http::verb::get && path.starts_with(dossiers_route))
    return dossier(req, path.substr(dossiers_route.size()), store);
  return motcua::net::error(req, http::status::not_found, error_code::not_found,
                            "Không có địa chỉ này.", "No such address.");
}

}  // namespace motcua::hub::net
