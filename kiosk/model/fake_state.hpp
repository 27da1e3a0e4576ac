// A canned server for --fake-state FILE: shows any screen without a server (documentation
// screenshots, trying layouts). The file is JSON in the wire format:
//
//   { "now": "2026-11-28T09:15:00+07:00",     // the screens' clock (optional)
//     "online": true,                          // false: the offline banner (default true)
//     "hello":   { "ok": true, "role": "kiosk", "seq": 5, "server_time": "...",
//                  "snapshot": { ... } },      // a hello reply without type and id
//     "events":  [ { "type": "event", "seq": 6, "event": "ticket_called", ... } ],
//     "answers": { "take_ticket": { "ok": true, "ticket": {...}, "ahead": 3, "eta_minutes": 12 },
//                  "lookup_dossier": { "ok": true, "code": "...", ... } },
//     "taps":    [ "service:1", "priority:elderly" ] }   // scripted taps, see scripted_taps.hpp
//
// The program feeds opening() to its screen as if a live link had delivered it, and uses
// send() as its client::sender: a request whose verb has an answer gets it (with the request's id)
// on the next drain(); other requests get no reply.
//
// Not thread-safe: the UI thread owns it.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/client/live_link.hpp"
#include "shared/domain/clock.hpp"

namespace motcua::kiosk {

class fake_server {
 public:
  // Throws std::runtime_error naming what is wrong when the text is not such a file.
  static fake_server parse(std::string_view json_text);

  std::optional<domain::time_point> now() const { return now_; }
  const std::vector<std::string>& taps() const { return taps_; }

  // connecting, the hello reply, online (or offline), then the events.
  std::vector<client::inbox_item> opening() const;
  std::optional<std::int64_t> send(const protocol::request_params& params);
  std::vector<client::inbox_item> drain();

 private:
  std::optional<domain::time_point> now_;
  bool online_ = true;
  protocol::reply hello_;
  std::vector<protocol::event> events_;
  std::map<std::string, std::string, std::less<>> answers_;  // verb -> reply JSON without id
  std::vector<std::string> taps_;
  std::vector<client::inbox_item> outbox_;
  std::int64_t next_id_ = 100;
};

}  // namespace motcua::kiosk
