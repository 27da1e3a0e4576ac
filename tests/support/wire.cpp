#include "tests/support/wire.hpp"

#include <algorithm>
#include <utility>

#include "shared/protocol/codec.hpp"

namespace motcua::testing {

using std::chrono::steady_clock;

std::string describe(const protocol::reply& r) {
  const auto* e = std::get_if<protocol::error>(&r.body);
  if (!e) return "ok (result #" + std::to_string(r.body.index()) + ")";
  return "error " + std::string(protocol::to_string(e->code)) + ": " + e->message_en;
}

protocol::error error_of(const protocol::reply& r) {
  if (const auto* e = std::get_if<protocol::error>(&r.body)) return *e;
  throw std::runtime_error("expected an error, got " + describe(r));
}

client_ptr connect_to(const server_process& server, tls::context_ptr trust,
                      const std::string& local_address) {
  auto c = std::make_unique<client::blocking_client>(server.host(), server.port(), "/ws",
                                                     std::move(trust), local_address);
  if (!c->connect())
    throw std::runtime_error("cannot connect to " + server.host() + ":" + server.port() + ": " +
                             c->close_error().message());
  return c;
}

protocol::hello_result hello_device(client::blocking_client& c, const std::string& token,
                                    std::optional<std::int64_t> since,
                                    std::optional<std::vector<std::string>> topics) {
  return result_of<protocol::hello_result>(
      c.call(protocol::hello{token, {}, {}, {}, since, std::move(topics)}));
}

protocol::hello_result hello_staff(client::blocking_client& c, const std::string& username,
                                   const std::string& password) {
  return result_of<protocol::hello_result>(
      c.call(protocol::hello{{}, username, password, {}, {}, {}}));
}

protocol::ticket_result take(client::blocking_client& c, domain::service_id service,
                             const std::string& request_key, domain::priority priority,
                             std::optional<std::string> phone) {
  return result_of<protocol::ticket_result>(
      c.call(protocol::take_ticket{service, request_key, priority, "vi", {}, std::move(phone)}));
}

protocol::ticket clerk_do(client::blocking_client& c, protocol::request_params verb) {
  return result_of<protocol::ticket_result>(c.call(std::move(verb))).ticket;
}

protocol::counter_view open_counter(client::blocking_client& c, domain::counter_id counter,
                                    std::vector<domain::service_id> services) {
  return result_of<protocol::counter_result>(
             c.call(protocol::open_counter{counter, std::move(services)}))
      .counter;
}

std::vector<protocol::service_view> list_services(client::blocking_client& c) {
  return result_of<protocol::services_result>(c.call(protocol::list_services{})).services;
}

std::vector<protocol::event> events_until(client::blocking_client& c, const event_predicate& last,
                                          std::chrono::milliseconds timeout) {
  const auto deadline = steady_clock::now() + timeout;
  std::vector<protocol::event> out;
  for (;;) {
    auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - steady_clock::now());
    auto e = c.next_event(std::max(left, std::chrono::milliseconds(0)));
    if (!e)
      throw std::runtime_error("the awaited event did not come (" + std::to_string(out.size()) +
                               " other events came)");
    out.push_back(std::move(*e));
    if (last(out.back())) return out;
  }
}

event_predicate issued(const std::string& number) {
  return [number](const protocol::event& e) {
    const auto* body = body_as<protocol::ticket_issued>(e);
    return body && body->ticket.number == number;
  };
}

event_predicate queue_changed(domain::service_id service) {
  return [service](const protocol::event& e) {
    const auto* body = body_as<protocol::queue_changed>(e);
    return body && body->service == service;
  };
}

protocol::dossier_view register_dossier(client::blocking_client& c,
                                        protocol::register_dossier request) {
  return result_of<protocol::dossier_result>(c.call(std::move(request))).dossier;
}

protocol::dossier_view get_dossier(client::blocking_client& c, const std::string& code) {
  return result_of<protocol::dossier_result>(c.call(protocol::get_dossier{code})).dossier;
}

protocol::dossier_view advance_dossier(client::blocking_client& c,
                                       protocol::advance_dossier request) {
  return result_of<protocol::dossier_result>(c.call(std::move(request))).dossier;
}

protocol::dossiers_result search_dossiers(client::blocking_client& c,
                                          protocol::search_dossiers query) {
  return result_of<protocol::dossiers_result>(c.call(std::move(query)));
}

protocol::public_dossier lookup_dossier(client::blocking_client& c, const std::string& code) {
  return result_of<protocol::lookup_result>(c.call(protocol::lookup_dossier{code})).dossier;
}

event_predicate dossier_changed(const std::string& code) {
  return [code](const protocol::event& e) {
    const auto* body = body_as<protocol::dossier_changed>(e);
    return body && body->dossier.code == code;
  };
}

std::vector<protocol::reply> replies_until_closed(client::blocking_client& c,
                                                  std::chrono::milliseconds timeout) {
  const auto deadline = steady_clock::now() + timeout;
  std::vector<protocol::reply> out;
  while (auto r = c.next_reply(std::max(
             std::chrono::duration_cast<std::chrono::milliseconds>(deadline - steady_clock::now()),
             std::chrono::milliseconds(0))))
    out.push_back(std::move(*r));
  return out;
}

raw_client::raw_client(const server_process& server) : work_(client::net::make_work_guard(ioc_)) {
  connection_ = client::connection::create(
      ioc_.get_executor(),
      client::connection_handlers{
          .on_open = [this] { update([this] { opened_ = true; }); },
          .on_reply = {},
          .on_event = {},
          .on_raw = [this](std::string_view text) { update([&] { frames_.emplace_back(text); }); },
          .decode_if = {},
          .on_close = [this](client::beast::error_code,
                             int) { update([this] { closed_ = true; }); },
      });
  thread_ = std::thread([this] { ioc_.run(); });
  connection_->connect(server.host(), server.port());
  std::unique_lock lock(mutex_);
  changed_.wait_for(lock, wait_timeout, [this] { return opened_ || closed_; });
  if (!opened_ || closed_) {
    lock.unlock();
    connection_->close();
    ioc_.stop();
    thread_.join();
    throw std::runtime_error("raw client: cannot connect to " + server.host() + ":" +
                             server.port());
  }
}

raw_client::~raw_client() {
  connection_->close();
  {
    std::unique_lock lock(mutex_);
    changed_.wait_for(lock, client::blocking_client::close_grace, [this] { return closed_; });
  }
  ioc_.stop();
  thread_.join();
}

void raw_client::update(const std::function<void()>& change) {
  {
    std::lock_guard lock(mutex_);
    change();
  }
  changed_.notify_all();
}

std::string raw_client::call(protocol::request_params params, std::chrono::milliseconds timeout) {
  const std::string verb(protocol::verb_of(params));
  const std::int64_t id = connection_->send(std::move(params));
  try {
    return frame_until(
        [id](const protocol::server_message& m) {
          const auto* r = std::get_if<protocol::reply>(&m);
          return r && r->id == id;
        },
        timeout);
  } catch (const std::runtime_error& e) {
    throw std::runtime_error("raw call " + verb + ": " + e.what());
  }
}

std::string raw_client::frame_until(const message_predicate& accept,
                                    std::chrono::milliseconds timeout) {
  auto accepted = [&](const std::string& text) {
    auto decoded = protocol::decode_server_message(text);
    const auto* m = std::get_if<protocol::server_message>(&decoded);
    return m && accept(*m);
  };
  std::unique_lock lock(mutex_);
  auto found = frames_.end();
  changed_.wait_for(lock, timeout, [&] {
    found = std::ranges::find_if(frames_, accepted);
    return found != frames_.end() || closed_;
  });
  if (found == frames_.end())
    throw std::runtime_error(closed_ ? "the connection closed before the awaited frame"
                                     : "the awaited frame did not come (" +
                                           std::to_string(frames_.size()) + " others did)");
  std::string text = std::move(*found);
  frames_.erase(found);
  return text;
}

}  // namespace motcua::testing
