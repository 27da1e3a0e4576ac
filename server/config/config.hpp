// The centre's configuration: services, counters, opening hours, accounts,
// devices and limits. Loaded once at start-up from a JSON file (or the
// built-in demo set); read-only afterwards, so any thread may read it.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "server/config/catalogue.hpp"
#include "shared/domain/booking.hpp"
#include "shared/domain/clock.hpp"
#include "shared/domain/ticket.hpp"
#include "shared/protocol/messages.hpp"

namespace motcua::config {

using domain::counter_id;
using domain::service_id;

// Opening hours: on the given ISO weekdays (1 = Monday ... 7 = Sunday), from
// `from` until `to`, in business-zone minutes since midnight.
struct opening_interval {
  std::vector<unsigned> weekdays;
  std::chrono::minutes from{0};
  std::chrono::minutes to{0};
};

struct service {
  service_id id = 0;
  std::string code;
  std::string name;
  std::string name_en;
  std::string prefix;                   // ticket number prefix, unique
  int daily_limit = 0;                  // 0: no cap
  int max_wait_minutes = 30;            // target: longest acceptable wait
  int max_service_minutes = 15;         // target: longest acceptable service
  int expected_service_minutes = 10;    // ETA seed until real service times exist
  std::vector<opening_interval> hours;  // empty: the centre's hours
  // The `ahead` text goes when this many people are before a ticket; none: text_messages::ahead.
  std::optional<int> text_ahead;
  // None: citizens cannot book a time (README "Booking rules").
  std::optional<domain::booking_rules> booking;
};

struct counter {
  counter_id id = 0;
  std::string name;
  std::string name_en;
  std::vector<service_id> services;  // default selection, in preference order
};

struct account {
  std::string username;
  std::string display_name;
  protocol::role role = protocol::role::clerk;
  std::string password_hash;  // Argon2id string ("$argon2id$v=19$...")
};

struct device {
  std::string name;
  protocol::role role = protocol::role::kiosk;
  std::string token_sha256;  // hex SHA-256 of the device token
};

// Connections: every accepted TCP connection (HTTP keep-alive included) is unauthenticated until
// its WebSocket hello succeeds; unauthenticated ones have their own, lower caps (in total and
// per client address) so that they can never crowd out the devices and staff logged in, who
// count toward `max_connections`.
struct limits {
  int max_connections = 4096;  // authenticated WebSocket connections
  // A centre has dozens of kiosks, boards and counters, maybe all behind one NAT address; after
  // a server restart they all reconnect within seconds, each unauthenticated for well under a
  // second. 64 per address leaves them room; 512 in all keeps a flood far from the descriptors.
  int max_unauthenticated = 512;
  int max_unauthenticated_per_address = 64;
  // Phones following their ticket (Server-Sent Events, /api/v1/tickets/{token}/events): each
  // holds a connection for as long as its citizen waits, so they have places of their own, not
  // the unauthenticated ones. Phones on mobile data may share a carrier's NAT address.
  int max_ticket_followers = 5000;
  int max_ticket_followers_per_address = 256;
  int hello_timeout_seconds = 10;      // no successful hello by then: closed
  int close_timeout_seconds = 5;       // a connection being closed is cut off after this, whatever
                                       // the client does
  double messages_per_second = 20;     // per connection, sustained
  int message_burst = 40;              // per connection
  int strikes_before_disconnect = 20;  // `limit` replies before the server disconnects
  int outgoing_queue_messages = 1024;  // per connection; past it the client is dropped
  int idle_timeout_seconds = 60;       // no pong for this long: the client is gone
  int concurrent_password_hashes = 2;
  int pending_password_hashes = 64;
  int pending_password_hashes_per_address = 2;  // one address cannot fill the pool
  // Failed logins (auth/login_guard.hpp): from the `free`th consecutive failure of a username
  // (or address) on, each further attempt waits base, 2 x base, ... up to max seconds.
  int login_free_failures = 5;
  int login_address_free_failures = 20;  // a centre's staff may share one (NAT) address
  int login_backoff_base_seconds = 30;
  int login_backoff_max_seconds = 900;
  int login_tracked_entries = 4096;  // usernames and addresses remembered, each
  // Per client address (net/address_limits.hpp). Every public HTTP request but /healthz: a hall's
  // phones behind one NAT address never reach it, a scraper does.
  double http_requests_per_second = 10;
  int http_burst = 100;
  // Dossier lookups (HTTP JSON and page, WebSocket lookup_dossier): a found code costs 1, an
  // unknown one lookup_miss_cost. Citizens check a dossier a few times; walkers probe codes.
  double lookups_per_minute = 12;
  int lookup_burst = 30;
  int lookup_miss_cost = 5;
  int rate_limit_addresses = 10000;  // remembered; past it the least recently seen is forgotten
  // Bookings (issue 13). Making or cancelling one (POST and DELETE of /api/v1/bookings) draws on
  // a stricter budget per address than reading: a family books a few times, a script that fills
  // the slots books without end. Looking a booking up by its code and token draws on the
  // lookup budget above (a wrong code or token costs lookup_miss_cost).
  double booking_writes_per_minute = 2;
  int booking_write_burst = 10;
  // Bookings one phone number may make through the public route in 24 hours, whatever became of
  // them (book and cancel again and again is refused too); a clerk's `book` is not counted.
  int bookings_per_phone_per_day = 4;
};

// TLS on the listening port: both files given, or neither (plain ws:// and http://). Paths as
// given (relative ones from the server's working directory).
struct tls_files {
  std::string cert;                    // PEM certificate chain, the server's own certificate first
  std::string key;                     // PEM private key
  int handshake_timeout_seconds = 10;  // a client that has not finished the TLS handshake is cut
  bool enabled() const { return !cert.empty(); }
};

// Scheduled backups (README "Backups and restore"): one a day at `at` (business zone) into
// `folder`, Monday's the weekly one; the newest `daily` daily and `weekly` weekly files are kept.
// No folder (the key left out): no scheduled backups.
struct backup_schedule {
  std::string folder;
  int daily = 7;
  int weekly = 4;
  std::chrono::minutes at{3 * 60};
  bool enabled() const { return !folder.empty(); }
};

// The province hub this centre sends its changes to and asks for other centres' dossiers
// (issue 15; README "A province of centres").
struct province_hub {
  std::string url;      // "http://host:port" or "https://host:port", no path
  std::string token;    // this centre's token at the hub
  std::string ca_file;  // https: the CA that signed the hub's certificate; empty: the system's
  int batch = 500;      // records per push at most
  // A lookup of another centre's dossier waits this long for the hub, then says it is not
  // reachable now.
  int lookup_timeout_ms = 3000;
  // Back-off while the hub is unreachable: the first retry after this many seconds, each next
  // one twice as late, never more than retry_max_seconds.
  int retry_first_seconds = 1;
  int retry_max_seconds = 60;
  // With nothing to send, the centre asks the hub this often whether it still holds all it was
  // given (a hub restored from a backup then gets a snapshot without waiting for a change here).
  int heartbeat_seconds = 30;
  // The outbox's bound: when more records wait (the hub down for days), the oldest are dropped
  // and the hub is given a snapshot when it is back.
  int max_pending = 1000000;
};

// Text messages to citizens through a Kannel gateway (issue 14; README "Text messages").
struct text_messages {
  // Kannel's sendsms interface: "http://host:port/path" (plain HTTP: Kannel runs beside the
  // server, on the loopback or the centre's own network).
  std::string sendsms_url;
  std::string username;
  std::string password;  // also the key of each delivery report's signature
  std::string from;      // the sender id shown on the phone
  // Where Kannel reaches this server for delivery reports ("http://127.0.0.1:8080"): the
  // report's address is this + "/api/v1/sms/dlr?...". Empty: the server's own listening address
  // (Kannel on the same machine).
  std::string report_base_url;
  // Quiet hours [quiet_from, quiet_until) in the business zone, across midnight when from >
  // until; equal: none. A text due then waits for their end, but `called`, which means nothing
  // later, is skipped.
  std::chrono::minutes quiet_from{0}, quiet_until{0};
  int per_phone_daily = 5;  // texts one phone gets in a business day; more are skipped
  bool ascii = false;       // without diacritics (GSM-7, 160 characters a message, not 70)
  int ahead = 3;            // the `ahead` text goes when this many are before the ticket
  // Back-off while Kannel is unreachable or answers 5xx: the first retry after this many
  // seconds, each next one twice as late, never more than retry_max_seconds.
  int retry_first_seconds = 10;
  int retry_max_seconds = 600;
  // The text of each kind (engine/text_outbox.hpp): a ticket's `ahead` and `called` take
  // {number}, {counter}, {ahead}, {url} (its page); a dossier's `received`, `supplement`,
  // `result` and `late` take {code}, {due} (dd/mm/yyyy) and {url} (its status page); all take
  // {centre}. The defaults are ASCII: one 160-character message each with a short unit name.
  std::map<std::string, std::string, std::less<>> templates = {
      {"ahead", "{centre}: so {number} con {ahead} nguoi truoc ban. Theo doi: {url}"},
      {"called", "{centre}: moi cong dan so {number} den {counter}."},
      {"received", "{centre}: da tiep nhan ho so {code}, hen tra ket qua {due}. Tra cuu: {url}"},
      {"supplement", "{centre}: ho so {code} can bo sung giay to. Chi tiet: {url}"},
      {"result", "{centre}: ho so {code} da co ket qua. Moi ong/ba den nhan."},
      {"late",
       "{centre}: xin loi ong/ba, ho so {code} cham tra ket qua. Ngay hen moi: {due}. {url}"},
  };

  bool quiet_at(std::chrono::minutes time_of_day) const;
};

struct settings {
  domain::business_zone zone;
  bool always_open = false;  // demo: every service open at any hour
  std::vector<opening_interval> hours;
  std::vector<std::string> closed_dates;  // "YYYY-MM-DD": the centre is closed
  int max_recalls = 3;                    // one more recall makes the ticket a no-show
  // A counter calls at most this many checked-in appointments in a row while walk-ins wait
  // (domain/call_order.hpp, README "Call order with appointments").
  int appointments_in_a_row = 2;
  int eta_samples = 20;  // recent service times used for ETA
  int session_hours = 12;
  int stats_interval_seconds = 5;
  int event_ring_size = 4096;
  // queue_changed of one service at most once per this many milliseconds, the latest value
  // (docs/protocol.md "Events"); 0 sends each change.
  int queue_changed_interval_ms = 200;
  // Past this many pages of WAL (4 KB each), the engine checkpoints between batches (README
  // "Threads"). Each checkpoint holds the writer for a sync of the database file: fewer of them
  // under load, at the cost of a larger WAL file (16 MB at 4,000).
  int wal_checkpoint_pages = 4000;
  std::vector<service> services;
  std::vector<counter> counters;
  // Where citizens collect results: the kiosk offers a ticket for it when a dossier's result
  // is ready. None: no such offer.
  std::optional<service_id> results_service;
  std::vector<account> accounts;
  std::vector<device> devices;
  config::limits limits;
  tls_files tls;
  backup_schedule backups;
  // Browser origins allowed to open the WebSocket ("http://host:port"); an upgrade with any
  // other Origin header is refused. Native clients send none. Empty: every Origin refused.
  std::vector<std::string> allowed_origins;
  // The address citizens reach this server at from their phones ("https://motcua.example.vn"),
  // without a trailing slash: a ticket's page is public_base_url + "/ve/" + its token. None: the
  // replies carry the token only (the slip prints no page address).
  std::optional<std::string> public_base_url;
  // None: no text messages; everything else works and the kiosk offers no phone step.
  std::optional<text_messages> sms;
  // None: a centre on its own (no province hub).
  std::optional<province_hub> hub;
  config::catalogue catalogue;  // the unit, its procedures and its working days

  const service* find_service(service_id id) const;
  const counter* find_counter(counter_id id) const;
  const account* find_account(const std::string& username) const;
  const device* find_device_by_token_hash(const std::string& token_sha256) const;
};

// Parses and validates a configuration; throws std::runtime_error naming the
// first problem ("config services[2].prefix: duplicate prefix 'A'"). Given the file the text
// came from, the error names it too, and a JSON syntax error its line and column:
// "/etc/motcua/config.json:12:5: not valid JSON: syntax error",
// "/etc/motcua/config.json: config services[2].prefix: duplicate prefix 'A'".
settings parse(const std::string& json_text, const std::string& file = "");
// The built-in demo centre (docs/protocol.md "Demo mode"), optionally with
// `overrides_json` merged on top (top-level keys replace, objects merge); `file` as above.
settings demo(const std::string& overrides_json = "", const std::string& file = "");
// The demo configuration as JSON text (a template for real centres).
const std::string& demo_json();
std::string read_file(const std::string& path);

}  // namespace motcua::config
