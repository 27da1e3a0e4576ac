// Where the hall screens' inbox comes from and their requests go: the live link to the server,
// or a fake_server (--fake-state). Also makes request keys (random UUIDs).
// Not thread-safe: the UI thread owns it (the live link inside is thread-safe).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/model/fake_state.hpp"
#include "shared/client/link_report.hpp"
#include "shared/client/live_link.hpp"
#include "shared/client/request_slot.hpp"
#include "shared/domain/language.hpp"

namespace motcua::kiosk {

class feed {
 public:
  // A live link to `server` logging in as `who`, trusting `ca` for wss:// (empty: the
  // system's trust store); `wake` is called when items arrive. Each change of the link's state
  // is told on standard error (client::link_report).
  feed(const std::string& server, client::credentials who, const std::string& ca, domain::lang lang,
       std::function<void()> wake);
  explicit feed(fake_server fake);

  std::vector<client::inbox_item> drain();
  client::sender sender();

 private:
  std::unique_ptr<client::live_link> link_;
  std::optional<client::link_report> report_;  // with link_
  std::optional<fake_server> fake_;
  bool opened_ = false;
};

// A random UUID (version 4) for request_key.
std::string random_request_key();

}  // namespace motcua::kiosk
