#include "kiosk/model/fake_state.hpp"

#include <stdexcept>

#include <boost/json.hpp>

#include "shared/protocol/codec.hpp"

namespace motcua::kiosk {
namespace json = boost::json;

namespace {

protocol::server_message decode(const json::value& v, const std::string& where) {
  auto decoded = protocol::decode_server_message(json::serialize(v));
  if (const auto* e = std::get_if<protocol::error>(&decoded))
    throw std::runtime_error("fake state: " + where + ": " + e->message_en);
  return std::get<protocol::server_message>(decoded);
}

// A reply object from the file with the envelope filled in.
json::object as_reply(const json::value& v, std::int64_t id, const std::string& where) {
  if (!v.is_object()) throw std::runtime_error("fake state: " + where + " must be an object");
  json::object o = v.get_object();
  o["type"] = "reply";
  o["id"] = id;
  return o;
}

}  // namespace

fake_server fake_server::parse(std::string_view json_text) {
  json::value root;
  try {
    root = json::parse(json_text);
  } catch (const std::exception& e) {
    throw std::runtime_error(std::string("fake state: not JSON: ") + e.what());
  }
  if (!root.is_object()) throw std::runtime_error("fake state: the file must hold an object");
  const json::object& o = root.get_object();
  fake_server f;
  if (const auto* now = o.if_contains("now")) {
    if (!now->is_string()) throw std::runtime_error("fake state: now must be a string");
    f.now_ = domain::parse_iso8601(now->get_string());
    if (!f.now_) throw std::runtime_error("fake state: now is not an ISO 8601 time");
  }
  if (const auto* online = o.if_contains("online")) f.online_ = online->as_bool();
  const auto* hello = o.if_contains("hello");
  if (!hello) throw std::runtime_error("fake state: hello is missing");
  f.hello_ = std::get<protocol::reply>(decode(as_reply(*hello, 1, "hello"), "hello"));
  if (!std::holds_alternative<protocol::hello_result>(f.hello_.body))
    throw std::runtime_error("fake state: hello is not a successful hello reply");
  if (const auto* events = o.if_contains("events")) {
    for (const auto& e : events->as_array()) {
      auto message = decode(e, "events");
      if (!std::holds_alternative<protocol::event>(message))
        throw std::runtime_error("fake state: events must hold events");
      f.events_.push_back(std::get<protocol::event>(message));
    }
  }
  if (const auto* answers = o.if_contains("answers")) {
    for (const auto& [verb, reply] : answers->as_object()) {
      decode(as_reply(reply, 0, std::string(verb)), std::string(verb));  // checked now
      f.answers_.emplace(std::string(verb), json::serialize(reply));
    }
  }
  if (const auto* taps = o.if_contains("taps"))
    for (const auto& t : taps->as_array()) f.taps_.emplace_back(t.as_string());
  return f;
}

std::vector<client::inbox_item> fake_server::opening() const {
  std::vector<client::inbox_item> items{client::link_status{client::link_state::connecting, {}, {}},
                                        hello_};
  if (online_)
    items.emplace_back(client::link_status{client::link_state::online, {}, {}});
  else
    items.emplace_back(client::link_status{client::link_state::offline, {}, {}});
  for (const auto& e : events_) items.emplace_back(e);
  return items;
}

std::optional<std::int64_t> fake_server::send(const protocol::request_params& params) {
  if (!online_) return std::nullopt;
  const std::int64_t id = next_id_++;
  auto answer = answers_.find(protocol::verb_of(params));
  if (answer != answers_.end()) {
    const std::string where(answer->first);
    outbox_.emplace_back(
        std::get<protocol::reply>(decode(as_reply(json::parse(answer->second), id, where), where)));
  }
  return id;
}

std::vector<client::inbox_item> fake_server::drain() { return std::exchange(outbox_, {}); }

}  // namespace motcua::kiosk
