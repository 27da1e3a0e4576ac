#include "shared/protocol/topics.hpp"

#include <charconv>
#include <type_traits>
#include <variant>

#include "shared/protocol/limits.hpp"

namespace motcua::protocol {

namespace {

// Wire names, in topic_kind order; scoped kinds take "/<id>" or "/*".
constexpr std::array<std::string_view, topic_kinds> kind_names{
    "queue", "calls", "tickets", "counter", "dossiers", "stats", "bookings"};
constexpr bool scoped(topic_kind k) {
  return k == topic_kind::queue || k == topic_kind::tickets || k == topic_kind::counter;
}

std::optional<topic_kind> parse_kind(std::string_view name) {
  for (std::size_t i = 0; i < kind_names.size(); ++i)
    if (kind_names[i] == name) return static_cast<topic_kind>(i);
  return std::nullopt;
}

}  // namespace

topic topic_of(const event_body& e) {
  return std::visit(
      [](const auto& body) -> topic {
        using T = std::decay_t<decltype(body)>;
        if constexpr (std::is_same_v<T, queue_changed>)
          return {topic_kind::queue, body.service};
        else if constexpr (std::is_same_v<T, ticket_called>)
          return {topic_kind::calls, 0};
        else if constexpr (std::is_same_v<T, ticket_issued> || std::is_same_v<T, ticket_changed>)
          return {topic_kind::tickets, body.ticket.service};
        else if constexpr (std::is_same_v<T, counter_changed>)
          return {topic_kind::counter, body.counter.id};
        else if constexpr (std::is_same_v<T, dossier_changed>)
          return {topic_kind::dossiers, 0};
        else if constexpr (std::is_same_v<T, booking_changed>)
          return {topic_kind::bookings, 0};
        else {
          static_assert(std::is_same_v<T, stats>, "every event has its topic");
          return {topic_kind::stats, 0};
        }
      },
      e);
}

std::string to_string(const topic& t) {
  std::string out(kind_names[static_cast<std::size_t>(t.kind)]);
  if (scoped(t.kind)) {
    out += '/';
    out += std::to_string(t.scope);
  }
  return out;
}

subscription& subscription::add(topic_kind k) {
  kinds_[static_cast<std::size_t>(k)].all = true;
  return *this;
}

const subscription& subscription::default_for(role r) {
  static const subscription device =
      subscription{}.add(topic_kind::queue).add(topic_kind::calls).add(topic_kind::counter);
  return r == role::kiosk || r == role::display ? device : allowed_for(r);
}

const subscription& subscription::allowed_for(role r) {
  static const subscription hall = subscription{}
                                       .add(topic_kind::queue)
                                       .add(topic_kind::calls)
                                       .add(topic_kind::tickets)
                                       .add(topic_kind::counter)
                                       .add(topic_kind::dossiers);
  static const subscription clerk = subscription{hall}.add(topic_kind::bookings);
  static const subscription manager = subscription{clerk}.add(topic_kind::stats);
  if (r == role::manager || r == role::admin) return manager;
  return r == role::clerk ? clerk : hall;
}

std::optional<subscription> subscription::parse(const std::vector<std::string>& patterns,
                                                std::string& bad) {
  if (patterns.size() > max_topics) {
    bad = std::to_string(patterns.size()) + " > " + std::to_string(max_topics);
    return std::nullopt;
  }
  subscription out;
  for (const auto& p : patterns) {
    std::string_view text = p;
    auto slash = text.find('/');
    auto kind = parse_kind(text.substr(0, slash));
    bool ok = kind.has_value() && scoped(*kind) == (slash != std::string_view::npos);
    if (ok && scoped(*kind)) {
      auto scope = text.substr(slash + 1);
      auto& filter = out.kinds_[static_cast<std::size_t>(*kind)];
      std::int64_t id = 0;
      auto [end, ec] = std::from_chars(scope.data(), scope.data() + scope.size(), id);
      if (scope == "*")
        filter.all = true;
      else if (ec == std::errc{} && end == scope.data() + scope.size() && id > 0)
        filter.some.insert(id);
      else
        ok = false;
    } else if (ok) {
      out.add(*kind);
    }
    if (!ok) {
      bad = p.substr(0, 40);
      return std::nullopt;
    }
  }
  for (auto& k : out.kinds_)
    if (k.all) k.some.clear();
  return out;
}

bool subscription::within(const std::function<bool(std::int64_t)>& service_known,
                          const std::function<bool(std::int64_t)>& counter_known,
                          std::string& bad) const {
  for (std::size_t i = 0; i < topic_kinds; ++i) {
    auto kind = static_cast<topic_kind>(i);
    const auto& known = kind == topic_kind::counter ? counter_known : service_known;
    for (auto id : kinds_[i].some)
      if (!known(id)) {
        bad = to_string(topic{kind, id});
        return false;
      }
  }
  return true;
}

bool subscription::has(const topic& t) const {
  const auto& k = kinds_[static_cast<std::size_t>(t.kind)];
  return k.all || k.some.contains(t.scope);
}

bool subscription::covers(const subscription& other) const {
  for (std::size_t i = 0; i < topic_kinds; ++i) {
    const auto& mine = kinds_[i];
    const auto& theirs = other.kinds_[i];
    if (mine.all) continue;
    if (theirs.all) return false;
    for (auto id : theirs.some)
      if (!mine.some.contains(id)) return false;
  }
  return true;
}

}  // namespace motcua::protocol
