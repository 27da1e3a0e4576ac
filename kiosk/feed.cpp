#include "kiosk/feed.hpp"

#include <cstdio>
#include <random>

namespace motcua::kiosk {

feed::feed(const std::string& server, client::credentials who, const std::string& ca,
           domain::lang lang, std::function<void()> wake)
    : link_(std::make_unique<client::live_link>(server, std::move(who), std::move(wake),
                                                std::string(domain::code_of(lang)), ca)),
      report_(std::in_place, "motcua-kiosk", server) {}

feed::feed(fake_server fake) : fake_(std::move(fake)) {}

std::vector<client::inbox_item> feed::drain() {
  if (link_) {
    auto items = link_->drain();
    for (const auto& item : items) report_->write(item);
    return items;
  }
  std::vector<client::inbox_item> items;
  if (!opened_) {
    opened_ = true;
    items = fake_->opening();
  }
  for (auto& item : fake_->drain()) items.push_back(std::move(item));
  return items;
}

client::sender feed::sender() {
  if (link_)
    return [link = link_.get()](protocol::request_params p) { return link->send(std::move(p)); };
  return [this](protocol::request_params p) { return fake_->send(p); };
}

std::string random_request_key() {
  static thread_local std::mt19937_64 engine{std::random_device{}()};
  const std::uint64_t a = engine(), b = engine();
  char out[40];
  std::snprintf(out, sizeof out, "%08x-%04x-4%03x-%04x-%012llx", static_cast<unsigned>(a >> 32),
                static_cast<unsigned>((a >> 16) & 0xffff), static_cast<unsigned>(a & 0xfff),
                static_cast<unsigned>(0x8000 | ((b >> 48) & 0x3fff)),
                static_cast<unsigned long long>(b & 0xffffffffffffULL));
  return out;
}

}  // namespace motcua::kiosk
