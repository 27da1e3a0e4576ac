#include "shared/client/link_report.hpp"

#include <cstdio>
#include <utility>

namespace motcua::client {

link_report::link_report(std::string program, std::string address)
    : program_(std::move(program)), address_(std::move(address)) {}

std::optional<std::string> link_report::line(const inbox_item& item) {
  const auto* status = std::get_if<link_status>(&item);
  if (!status || status->state == link_state::connecting) return std::nullopt;
  link_status now{status->state, status->detail, {}};
  if (now.state == link_state::online) now.detail.clear();
  if (told_ == now) return std::nullopt;
  told_ = now;
  std::string out = program_ + ": ";
  switch (now.state) {
    case link_state::online:
      return out.append("connected to ").append(address_);
    case link_state::offline:
      return out.append("cannot reach ")
          .append(address_)
          .append(" (")
          .append(now.detail)
          .append("); retrying");
    case link_state::refused:
      return out.append(address_)
          .append(" refused the credentials (")
          .append(now.detail)
          .append("); not retrying");
    case link_state::connecting:
      break;
  }
  return std::nullopt;
}

void link_report::write(const inbox_item& item) {
  if (auto text = line(item)) std::fprintf(stderr, "%s\n", text->c_str());
}

}  // namespace motcua::client
