#include "hub/net/desk.hpp"

#include <spdlog/spdlog.h>

#include <variant>

#include "hub/store/province_stats.hpp"
#include "server/auth/crypto.hpp"
#include "shared/protocol/codec.hpp"
#include "shared/protocol/errors.hpp"

namespace motcua::hub::net {
namespace {

using protocol::error_code;
namespace chrono = std::chrono;

const domain::business_zone zone;

protocol::reply_body login(const protocol::hello& h, desk_session& s, desk_services& services,
                           domain::time_point now, bool en) {
  if (s.who)
    return protocol::make_error(error_code::conflict, "Đã đăng nhập rồi.", "Already logged in.",
                                en);
  if (!h.username || !h.password) {
    ++s.failed_logins;
    return protocol::make_error(error_code::unauthorized,
                                "Trục tỉnh chỉ nhận tài khoản cán bộ quản lý cấp tỉnh.",
                                "The hub takes province managers' accounts only.", en);
  }
  if (auto wait = services.logins.held_back(*h.username, s.address)) {
    ++s.failed_logins;
    return auth::held_back_error(*wait, en);
  }
  auto account =
      services.stores.run([&](store_pool::lease& l) { return l.store().staff(*h.username); });
  // A username that is not there costs the same check as a wrong password.
  static const std::string nobody = auth::hash_password("motcua-hub: no such account");
  const bool accepted =
      auth::verify_password(*h.password, account ? account->password_hash : nobody);
  if (!account || !accepted) {
    ++s.failed_logins;
    services.logins.failed(*h.username, s.address);
    spdlog::warn("hub: a refused login from {}", s.address);
    return protocol::make_error(error_code::unauthorized, "Sai tên đăng nhập hoặc mật khẩu.",
                                "Wrong username or password.", en);
  }
  services.logins.succeeded(*h.username, s.address);
  s.who = std::move(account);
  protocol::hello_result r;
  r.role = protocol::role::province_manager;
  r.user = s.who->username;
  r.display_name = s.who->display_name;
  r.server_time = zone.format(now);
  return r;
}

protocol::reply_body province_stats(const protocol::get_province_stats& g, store_pool& stores,
                                    domain::time_point now, bool en) {
  const auto today = zone.day_of(now);
  auto range = protocol::read_day_range(g.from, g.to, today, en);
  if (auto* e = std::get_if<protocol::error>(&range)) return std::move(*e);
  const auto [from, to] = std::get<protocol::day_range>(range);
  if (chrono::sys_days{to} - chrono::sys_days{from} > chrono::days{max_period_days})
    return protocol::invalid_field("to", "Khoảng thời gian dài nhất là 366 ngày.",
                                   "The period is 366 days at most.", en);
  const chrono::year_month_day last{chrono::sys_days{to} - chrono::days{1}};
  store::stats_query q{domain::format_iso_date(from),
                       domain::format_iso_date(to),
                       domain::format_iso_date(last.year() / last.month() / 1),
                       domain::format_iso_date(today),
                       zone.format(now),
                       std::nullopt};
  return stores.run([&](store_pool::lease& l) -> protocol::reply_body {
    if (g.unit) {
      for (const auto& c : l.store().centres())
        if (c.unit == *g.unit) q.centre = c.id;
      if (!q.centre)
        return protocol::make_error(error_code::not_found, "Không có trung tâm này trong tỉnh.",
                                    "No such centre in the province.", en);
    }
    return store::province_stats(l.db(), q);
  });
}

// Counts the request against the connection's budget: nothing when within it.
std::optional<desk_answer> over_budget(desk_session& s, domain::time_point now, bool en,
                                       std::optional<std::int64_t> id) {
  if (now < s.window_start || now - s.window_start >= window) {  // also when the clock stepped back
    s.window_start = now;
    s.in_window = 0;
  }
  if (++s.in_window <= burst) return std::nullopt;
  auto e = protocol::make_error(error_code::limit, "Quá nhiều yêu cầu; hãy chậm lại.",
                                "Too many requests; slow down.", en);
  return desk_answer{protocol::encode(protocol::reply{id, std::move(e)}), s.in_window > 2 * burst};
}

}  // namespace

desk_answer answer_frame(std::string_view frame, desk_session& s, desk_services& services,
                         domain::time_point now) {
  auto decoded = protocol::decode_request(frame);
  if (auto* failure = std::get_if<protocol::decode_failure>(&decoded)) {
    if (auto over = over_budget(s, now, false, failure->id)) return *over;
    return {protocol::encode(protocol::reply{failure->id, std::move(failure->error)})};
  }
  const auto& request = std::get<protocol::request>(decoded);
  const bool en = request.lang == "en";
  if (auto over = over_budget(s, now, en, request.id)) return *over;
  protocol::reply_body body;
  try {
    if (const auto* h = std::get_if<protocol::hello>(&request.params)) {
      body = login(*h, s, services, now, en);
    } else if (!s.who) {
      body = protocol::make_error(error_code::unauthorized, "Hãy đăng nhập (hello) trước.",
                                  "Say hello (log in) first.", en);
    } else if (const auto* g = std::get_if<protocol::get_province_stats>(&request.params)) {
      body = province_stats(*g, services.stores, now, en);
    } else {
      body = protocol::make_error(error_code::forbidden,
                                  "Việc này làm ở trung tâm, không ở trục tỉnh.",
                                  "This is done at a centre, not at the province hub.", en);
    }
  } catch (const std::exception& e) {
    spdlog::error("hub: {}: {}", protocol::verb_of(request.params), e.what());
    body = protocol::make_error(error_code::internal, "Trục tỉnh đang gặp sự cố; hãy thử lại sau.",
                                "The hub cannot answer now; try again later.", en);
  }
  return {protocol::encode(protocol::reply{request.id, std::move(body)}),
          s.failed_logins >= max_failed_logins};
}

}  // namespace motcua::hub::net
