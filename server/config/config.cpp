#include "server/config/config.hpp"

#include <boost/json.hpp>

#include "server/config/catalogue_reader.hpp"
#include "server/config/json_node.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

namespace motcua::config {
namespace json = boost::json;

const service* settings::find_service(service_id id) const {
  for (const auto& s : services)
    if (s.id == id) return &s;
  return nullptr;
}

const counter* settings::find_counter(counter_id id) const {
  for (const auto& c : counters)
    if (c.id == id) return &c;
  return nullptr;
}

const account* settings::find_account(const std::string& username) const {
  for (const auto& a : accounts)
    if (a.username == username) return &a;
  return nullptr;
}

bool text_messages::quiet_at(std::chrono::minutes time_of_day) const {
  if (quiet_from <= quiet_until) return time_of_day >= quiet_from && time_of_day < quiet_until;
  return time_of_day >= quiet_from || time_of_day < quiet_until;  // across midnight
}

const device* settings::find_device_by_token_hash(const std::string& token_sha256) const {
  for (const auto& d : devices)
    if (d.token_sha256 == token_sha256) return &d;
  return nullptr;
}

namespace {

std::vector<opening_interval> read_hours(const node& n, const char* key) {
  std::vector<opening_interval> hours;
  n.each(key, [&](const node& h, const json::value&) {
    opening_interval interval;
    auto from = domain::parse_hh_mm(h.text("from"));
    auto to = domain::parse_hh_mm(h.text("to"));
    if (!from || !to || *from >= *to) h.fail("expected \"from\" < \"to\" as HH:MM");
    interval.from = *from;
    interval.to = *to;
    const auto& days = h.need("weekdays");
    if (!days.is_array()) h.fail("weekdays: expected an array of 1..7");
    for (const auto& d : days.as_array()) {
      if (!d.is_int64() || d.as_int64() < 1 || d.as_int64() > 7)
        h.fail("weekdays: expected numbers 1 (Monday) to 7 (Sunday)");
      interval.weekdays.push_back(static_cast<unsigned>(d.as_int64()));
    }
    hours.push_back(std::move(interval));
  });
  return hours;
}

std::vector<std::int64_t> read_ids(const node& n, const char* key) {
  std::vector<std::int64_t> ids;
  const auto& v = n.need(key);
  if (!v.is_array()) n.fail(std::string(key) + ": expected an array of ids");
  for (const auto& id : v.as_array()) {
    if (!id.is_int64()) n.fail(std::string(key) + ": expected integer ids");
    ids.push_back(id.as_int64());
  }
  return ids;
}

// A local time of day "HH:MM" at `key`, when present.
void read_time_of_day(const node& n, const char* key, std::chrono::minutes& out) {
  if (!n.find(key)) return;
  auto time = domain::parse_hh_mm(n.text(key));
  if (!time || *time >= std::chrono::hours(24))
    n.fail_at(key, "expected a time HH:MM, 00:00 to 23:59");
  out = *time;
}

// A service's "booking" object (README "Booking rules"). Without "places_per_slot" the places
// stay 0 until from_json derives them from the counters, which come later in the file.
domain::booking_rules read_booking(const node& n, const domain::office_hours& office) {
  domain::booking_rules b;
  b.hours = office;
  if (n.find("hours")) {
    auto hours = domain::parse_office_hours(n.text("hours"));
    if (!hours) n.fail_at("hours", "expected \"07:30-11:00,13:30-16:30\" (HH:MM-HH:MM, in order)");
    b.hours = *hours;
  }
  int slot = static_cast<int>(b.slot.count());
  n.read_count("slot_minutes", slot, 5, 240);
  b.slot = std::chrono::minutes{slot};
  if (std::ranges::none_of(b.hours.intervals,
                           [&](const auto& i) { return i.second - i.first >= b.slot; }))
    n.fail_at("slot_minutes", "longer than every interval of the bookable hours");
  b.places_per_slot = 0;
  n.read_count("places_per_slot", b.places_per_slot, 1, 1000);
  if (const auto* share = n.find("walk_in_share")) {
    const double d = share->is_number() ? share->to_number<double>() : -1;
    if (!(d >= 0 && d < 1))
      n.fail_at("walk_in_share", "expected a fraction from 0 to below 1 (0.5: half for walk-ins)");
    b.walk_in_per_mille = std::min(999, static_cast<int>(std::lround(d * 1000)));
  }
  n.read_count("days_ahead", b.days_ahead, 1, 120);
  read_time_of_day(n, "cutoff", b.cutoff);
  int before = static_cast<int>(b.check_in_before.count());
  int after = static_cast<int>(b.check_in_after.count());
  n.read_count("check_in_from_minutes", before, 0, 240);
  n.read_count("check_in_until_minutes", after, 0, 240);
  if (before == 0 && after == 0)
    n.fail("check_in_from_minutes and check_in_until_minutes are both 0: no time to check in");
  b.check_in_before = std::chrono::minutes{before};
  b.check_in_after = std::chrono::minutes{after};
  n.read_count("max_active_per_phone", b.max_active_per_phone, 1, 100);
  return b;
}

service read_service(const node& n, const domain::office_hours& office) {
  service s;
  s.id = n.id("id");
  s.code = n.text("code");
  s.name = n.text("name");
  s.name_en = n.text("name_en");
  s.prefix = n.text("prefix");
  if (s.prefix.empty() || s.prefix.size() > 3) n.fail("prefix: 1 to 3 characters");
  n.read("daily_limit", s.daily_limit);
  n.read("max_wait_minutes", s.max_wait_minutes, 1);
  n.read("max_service_minutes", s.max_service_minutes, 1);
  n.read("expected_service_minutes", s.expected_service_minutes, 1);
  if (n.find("text_ahead")) {
    int ahead = 0;
    n.read_count("text_ahead", ahead, 1, 100);
    s.text_ahead = ahead;
  }
  s.hours = read_hours(n, "hours");
  if (const auto* b = n.find("booking"))
    s.booking = read_booking(node(*b, n.child("booking")), office);
  return s;
}

void read_limits(const node& n, limits& l) {
  n.read("max_connections", l.max_connections, 1);
  n.read("max_unauthenticated", l.max_unauthenticated, 1);
  n.read("max_unauthenticated_per_address", l.max_unauthenticated_per_address, 1);
  n.read("max_ticket_followers", l.max_ticket_followers, 1);
  n.read("max_ticket_followers_per_address", l.max_ticket_followers_per_address, 1);
  n.read("hello_timeout_seconds", l.hello_timeout_seconds, 1);
  n.read("close_timeout_seconds", l.close_timeout_seconds, 1);
  n.read("messages_per_second", l.messages_per_second, 1);
  n.read("message_burst", l.message_burst, 1);
  n.read("strikes_before_disconnect", l.strikes_before_disconnect, 1);
  n.read("outgoing_queue_messages", l.outgoing_queue_messages, 16);
  n.read("idle_timeout_seconds", l.idle_timeout_seconds, 2);
  n.read("concurrent_password_hashes", l.concurrent_password_hashes, 1);
  n.read("pending_password_hashes", l.pending_password_hashes, 1);
  n.read("http_requests_per_second", l.http_requests_per_second);
  if (!(l.http_requests_per_second > 0)) n.fail("http_requests_per_second: must be more than 0");
  n.read("http_burst", l.http_burst, 1);
  n.read("lookups_per_minute", l.lookups_per_minute);
  if (!(l.lookups_per_minute > 0)) n.fail("lookups_per_minute: must be more than 0");
  n.read("lookup_burst", l.lookup_burst, 1);
  n.read("lookup_miss_cost", l.lookup_miss_cost, 1);
  n.read("rate_limit_addresses", l.rate_limit_addresses, 100);
  n.read("booking_writes_per_minute", l.booking_writes_per_minute);
  if (!(l.booking_writes_per_minute > 0)) n.fail("booking_writes_per_minute: must be more than 0");
  n.read("booking_write_burst", l.booking_write_burst, 1);
  n.read("bookings_per_phone_per_day", l.bookings_per_phone_per_day, 1);
  n.read("pending_password_hashes_per_address", l.pending_password_hashes_per_address, 1);
  n.read("login_free_failures", l.login_free_failures, 1);
  n.read("login_address_free_failures", l.login_address_free_failures, 1);
  n.read("login_backoff_base_seconds", l.login_backoff_base_seconds, 1);
  n.read("login_backoff_max_seconds", l.login_backoff_max_seconds, 1);
  n.read("login_tracked_entries", l.login_tracked_entries, 16);
}

void read_tls(const node& n, tls_files& t) {
  n.read("cert", t.cert);
  n.read("key", t.key);
  n.read("handshake_timeout_seconds", t.handshake_timeout_seconds, 1);
}

void read_backups(const node& n, backup_schedule& b) {
  b.folder = n.text("folder");
  if (b.folder.empty()) n.fail_at("folder", "must not be empty");
  n.read_count("daily", b.daily, 0, 365);
  n.read_count("weekly", b.weekly, 0, 365);
  if (b.daily == 0 && b.weekly == 0)
    n.fail("daily and weekly are both 0: nothing would be kept (leave \"backups\" out for none)");
  read_time_of_day(n, "at", b.at);
}

// An address "http://host[:port]" plus, with `path`, a path; nothing else.
bool plain_address(const std::string& url, bool path) {
  const auto rest = std::string_view(url).substr(url.starts_with("http://") ? 7 : 0);
  if (!url.starts_with("http://") || rest.empty() || rest.front() == '/' ||
      url.find_first_of(" \t\r\n?#\"<>") != std::string::npos)
    return false;
  return path == (rest.find('/') != std::string_view::npos);
}

// The placeholders a text of `kind` may hold (engine/text_outbox.hpp fills them): a ticket's or
// a dossier's.
std::string placeholders_of(const std::string& kind) {
  return kind == "ahead" || kind == "called" ? "{number}, {counter}, {ahead}, {url}, {centre}"
                                             : "{code}, {due}, {url}, {centre}";
}

// The first {word} of `text` that a text of `kind` does not fill: it would reach the citizen as
// it is typed.
std::optional<std::string> unknown_placeholder(const std::string& kind, const std::string& text) {
  const auto allowed = placeholders_of(kind);
  for (auto open = text.find('{'); open != std::string::npos; open = text.find('{', open + 1)) {
    const auto close = text.find('}', open);
    if (close == std::string::npos) return text.substr(open + 1);
    const auto word = text.substr(open, close - open + 1);
    if (allowed.find(word) == std::string::npos) return word.substr(1, word.size() - 2);
  }
  return std::nullopt;
}

province_hub read_province_hub(const node& n) {
  province_hub h;
  h.url = n.text("url");
  while (h.url.ends_with('/')) h.url.pop_back();
  const bool tls = h.url.starts_with("https://");
  if (!plain_address(tls ? "http://" + h.url.substr(8) : h.url, false))
    n.fail_at("url", "expected \"http://host:port\" or \"https://host:port\" (no path)");
  h.token = n.text("token");
  if (h.token.size() < 16)
    n.fail_at("token", "the centre's token at the hub: 16 characters or more");
  n.read("ca_file", h.ca_file);
  n.read_count("batch", h.batch, 1, 10000);
  n.read_count("lookup_timeout_ms", h.lookup_timeout_ms, 100, 60000);
  n.read_count("retry_first_seconds", h.retry_first_seconds, 1, 3600);
  n.read_count("retry_max_seconds", h.retry_max_seconds, h.retry_first_seconds, 86400);
  n.read_count("max_pending", h.max_pending, 1000, 100000000);
  n.read_count("heartbeat_seconds", h.heartbeat_seconds, 1, 3600);
  return h;
}

text_messages read_text_messages(const node& n) {
  text_messages t;
  t.sendsms_url = n.text("sendsms_url");
  if (!plain_address(t.sendsms_url, true))
    n.fail_at("sendsms_url", "expected \"http://host:port/cgi-bin/sendsms\"");
  t.username = n.text("username");
  t.password = n.text("password");
  if (t.username.empty() || t.password.empty())
    n.fail("username and password: Kannel's sendsms-user, both required");
  n.read("from", t.from);
  n.read("report_base_url", t.report_base_url);
  while (t.report_base_url.ends_with('/')) t.report_base_url.pop_back();
  if (!t.report_base_url.empty() && !plain_address(t.report_base_url, false))
    n.fail_at("report_base_url",
              "expected \"http://host:port\" (no path), this server as Kannel "
              "reaches it");
  if (n.find("quiet_hours")) {
    const auto text = n.text("quiet_hours");
    const auto dash = text.find('-');
    auto from = domain::parse_hh_mm(text.substr(0, dash));
    auto until =
        dash == std::string::npos ? std::nullopt : domain::parse_hh_mm(text.substr(dash + 1));
    if (!from || !until || *from >= std::chrono::hours(24) || *until >= std::chrono::hours(24))
      n.fail_at("quiet_hours", "expected \"HH:MM-HH:MM\" (\"21:00-07:00\")");
    t.quiet_from = *from;
    t.quiet_until = *until;
  }
  n.read_count("per_phone_daily", t.per_phone_daily, 1, 100);
  n.read("ascii", t.ascii);
  n.read_count("ahead", t.ahead, 1, 100);
  n.read_count("retry_first_seconds", t.retry_first_seconds, 1, 3600);
  n.read_count("retry_max_seconds", t.retry_max_seconds, t.retry_first_seconds, 86400);
  if (const auto* texts = n.find("templates")) {
    node templates(*texts, n.child("templates"));
    for (const auto& [kind, text] : texts->as_object()) {
      auto known = t.templates.find(std::string_view(kind));
      if (known == t.templates.end())
        templates.fail("unknown kind '" + std::string(kind) +
                       "' (ahead, called, received, supplement, result, late)");
      templates.read(known->first.c_str(), known->second);
      if (known->second.empty()) templates.fail_at(known->first.c_str(), "must not be empty");
      if (auto wrong = unknown_placeholder(known->first, known->second))
        templates.fail_at(known->first.c_str(),
                          "{" + *wrong + "} is not one of " + placeholders_of(known->first));
    }
  }
  return t;
}

settings from_json(const json::value& root) {
  node top(root, "");
  settings s;
  std::string zone = s.zone.name;
  top.read("time_zone", zone);
  auto parsed_zone = domain::business_zone::parse(zone);
  if (!parsed_zone) top.fail("time_zone: unknown zone '" + zone + "'");
  s.zone = *parsed_zone;
  top.read("always_open", s.always_open);
  s.hours = read_hours(top, "hours");
  if (const auto* dates = top.find("closed_dates"); dates && dates->is_array())
    for (const auto& d : dates->as_array())
      if (d.is_string()) s.closed_dates.emplace_back(d.as_string());
  top.read("max_recalls", s.max_recalls);
  top.read("appointments_in_a_row", s.appointments_in_a_row, 1);
  top.read("eta_samples", s.eta_samples, 1);
  top.read("session_hours", s.session_hours, 1);
  top.read("stats_interval_seconds", s.stats_interval_seconds, 1);
  top.read("event_ring_size", s.event_ring_size, 16);
  top.read("queue_changed_interval_ms", s.queue_changed_interval_ms, 0);
  top.read_count("wal_checkpoint_pages", s.wal_checkpoint_pages, 100, 262144);  // 400 KB to 1 GB
  // The catalogue first: its office hours are the services' bookable hours by default.
  s.catalogue = read_catalogue(top);

  std::set<service_id> service_ids;
  std::set<std::string> prefixes;
  top.each("services", [&](const node& n, const json::value&) {
    service svc = read_service(n, s.catalogue.office_hours);
    if (!service_ids.insert(svc.id).second) n.fail("duplicate service id");
    if (!prefixes.insert(svc.prefix).second) n.fail("duplicate prefix '" + svc.prefix + "'");
    s.services.push_back(std::move(svc));
  });
  if (s.services.empty()) top.fail("services: at least one service is needed");
  if (const auto* r = top.find("results_service"); r && !r->is_null()) {
    s.results_service = top.id("results_service");
    if (!service_ids.count(*s.results_service))
      top.fail("results_service: unknown service " + std::to_string(*s.results_service));
  }

  std::set<counter_id> counter_ids;
  top.each("counters", [&](const node& n, const json::value&) {
    counter c;
    c.id = n.id("id");
    c.name = n.text("name");
    c.name_en = c.name;
    n.read("name_en", c.name_en);
    c.services = read_ids(n, "services");
    for (auto id : c.services)
      if (!service_ids.count(id)) n.fail("services: unknown service " + std::to_string(id));
    if (!counter_ids.insert(c.id).second) n.fail("duplicate counter id");
    s.counters.push_back(std::move(c));
  });

  for (auto& svc : s.services) {
    if (!svc.booking || svc.booking->places_per_slot != 0) continue;
    const auto serving = std::ranges::count_if(
        s.counters, [&](const counter& c) { return std::ranges::count(c.services, svc.id) > 0; });
    svc.booking->places_per_slot = domain::derived_places_per_slot(
        static_cast<int>(serving), svc.booking->slot, svc.expected_service_minutes);
  }

  std::set<std::string> usernames;
  top.each("accounts", [&](const node& n, const json::value&) {
    account a;
    a.username = n.text("username");
    a.display_name = a.username;
    n.read("display_name", a.display_name);
    auto r = protocol::parse_role(n.text("role"));
    if (!r || !protocol::is_staff(*r)) n.fail("role: expected clerk, manager or admin");
    a.role = *r;
    a.password_hash = n.text("password_hash");
    if (a.password_hash.rfind("$argon2id$", 0) != 0)
      n.fail("password_hash: expected an Argon2id hash (motcua-server --hash-password)");
    if (!usernames.insert(a.username).second) n.fail("duplicate username");
    s.accounts.push_back(std::move(a));
  });

  top.each("devices", [&](const node& n, const json::value&) {
    device d;
    d.name = n.text("name");
    auto r = protocol::parse_role(n.text("role"));
    if (!r || (*r != protocol::role::kiosk && *r != protocol::role::display))
      n.fail("role: expected kiosk or display");
    d.role = *r;
    d.token_sha256 = n.text("token_sha256");
    if (d.token_sha256.size() != 64) n.fail("token_sha256: expected 64 hex digits");
    s.devices.push_back(std::move(d));
  });

  if (const auto* l = top.find("limits")) read_limits(node(*l, "limits"), s.limits);
  if (const auto* t = top.find("tls")) read_tls(node(*t, "tls"), s.tls);
  if (const auto* b = top.find("backups")) read_backups(node(*b, "backups"), s.backups);
  if (const auto* origins = top.find("allowed_origins")) {
    if (!origins->is_array()) top.fail("allowed_origins: expected an array of origins");
    for (const auto& o : origins->as_array()) {
      if (!o.is_string()) top.fail("allowed_origins: expected strings (\"http://host:port\")");
      s.allowed_origins.emplace_back(o.as_string());
    }
  }
  if (const auto* base = top.find("public_base_url"); base && !base->is_null()) {
    std::string url = top.text("public_base_url");
    while (url.ends_with('/')) url.pop_back();
    const bool web = url.starts_with("https://") || url.starts_with("http://");
    if (!web || url.find_first_of(" \t\r\n?#\"<>") != std::string::npos ||
        url.find('/', url.find("//") + 2) != std::string::npos || url.size() <= 8)
      top.fail("public_base_url: expected \"https://host[:port]\" (no path, query or spaces)");
    s.public_base_url = std::move(url);
  }
  if (const auto* sms = top.find("sms"); sms && !sms->is_null())
    s.sms = read_text_messages(node(*sms, "sms"));
  if (const auto* hub = top.find("hub"); hub && !hub->is_null())
    s.hub = read_province_hub(node(*hub, "hub"));
  for (const auto& p : s.catalogue.procedures)
    if (!service_ids.count(p.service))
      top.fail("procedures: " + p.code + " names unknown service " + std::to_string(p.service));
  return s;
}

// "LINE:COLUMN" of a byte offset, both from 1; the column counts characters, not bytes (a
// Vietnamese letter is two or three bytes of UTF-8).
std::string line_and_column(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i < offset; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++line;
      column = 1;
    } else if ((c & 0xC0) != 0x80) {  // not a continuation byte: a new character
      ++column;
    }
  }
  std::string out = std::to_string(line);
  out += ':';
  out += std::to_string(column);
  return out;
}

// `where` names the text in errors: a file, or what it is ("config").
json::value parse_json(const std::string& text, const std::string& where) {
  json::parser parser;
  boost::system::error_code ec;
  std::size_t consumed = parser.write(text.data(), text.size(), ec);
  if (ec)
    throw std::runtime_error(where + ":" + line_and_column(text, consumed) +
                             ": not valid JSON: " + ec.message());
  return parser.release();
}

// Runs `read`, naming `file` (when there is one) in what it throws.
template <class Read>
settings naming(const std::string& file, Read read) {
  if (file.empty()) return read();
  try {
    return read();
  } catch (const std::runtime_error& e) {
    std::string what = e.what();
    if (what.starts_with(file + ":")) throw;  // a syntax error names it already
    throw std::runtime_error(file + ": " + what);
  }
}

// Top-level keys of `overrides` replace those of `base`; objects merge.
void merge(json::object& base, const json::object& overrides) {
  for (const auto& [key, value] : overrides) {
    auto* existing = base.if_contains(key);
    if (existing && existing->is_object() && value.is_object())
      merge(existing->as_object(), value.as_object());
    else
      base[key] = value;
  }
}

}  // namespace

settings parse(const std::string& json_text, const std::string& file) {
  return naming(file,
                [&] { return from_json(parse_json(json_text, file.empty() ? "config" : file)); });
}

settings demo(const std::string& overrides_json, const std::string& file) {
  return naming(file, [&] {
    json::value root = parse_json(demo_json(), "demo config");
    if (!overrides_json.empty()) {
      json::value overrides = parse_json(overrides_json, file.empty() ? "config" : file);
      if (!overrides.is_object()) throw std::runtime_error("config: expected a JSON object");
      merge(root.as_object(), overrides.as_object());
    }
    return from_json(root);
  });
}

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read config file " + path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace motcua::config
