// A phone following its ticket: GET /api/v1/tickets/{token}/events as Server-Sent Events
// (text/event-stream). The runner shows it the ticket's view as it changes
// (engine::runner::follow: from the events of the ticket's service and of the ticket itself);
// each view is one `data:` line of the public ticket's JSON. A comment line every
// keep_alive_interval keeps carriers' and proxies' idle timers from closing the stream. The
// stream ends after the ticket's last view (done, cancelled, no-show): the page's script then
// closes its EventSource, so the browser does not reconnect for nothing.
//
// A phone on a weak link reads slowly: only the latest view waits while one is being written
// (each view is the whole state, so nothing is lost), and a write that has not finished within
// write_timeout ends the stream. The client sends nothing more; a read that ends tells the
// stream it is gone. Each stream holds one of the ticket_followers places (per address and in
// all), not an unauthenticated one.
#pragma once

#include <chrono>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "server/engine/runner.hpp"
#include "server/net/shared_state.hpp"
#include "shared/tls/stream.hpp"

namespace motcua::net {

class ticket_stream : public engine::ticket_sink,
                      public std::enable_shared_from_this<ticket_stream> {
 public:
  // `request` asked for the stream of `token`; `place` is its follower's place.
  ticket_stream(tls::stream&& stream, shared_state& state, admission::place place,
                boost::beast::http::request<boost::beast::http::string_body> request,
                boost::asio::ip::address peer);
  ~ticket_stream() override;
  // Asks the engine to follow `token`: then the stream, or the JSON error (404, 429).
  void run(std::string token, bool english);

  void show(std::string view, bool over) override;  // any thread
  void gone() override;                             // any thread

 private:
  // Runs `step` on this stream's strand; whatever it throws ends the stream.
  template <class Step>
  void later(Step step);
  void started(std::variant<protocol::error, engine::runner::first_view> first);
  void send(std::string text, bool last);  // on the strand
  void write_next();
  void on_write(boost::beast::error_code ec);
  void keep_alive();
  void watch_close();
  void end();

  tls::stream stream_;
  shared_state& state_;
  admission::place place_;
  boost::beast::http::request<boost::beast::http::string_body> request_;  // its shape only
  boost::asio::ip::address peer_;
  boost::asio::any_io_executor executor_;  // the stream's strand, for the runner's posts
  boost::asio::steady_timer timer_;
  bool started_ = false;
  bool writing_ = false;
  bool ending_ = false;  // the last view is queued: close once written
  std::chrono::steady_clock::time_point writing_since_;
  std::string in_flight_;
  std::optional<std::string> next_;  // the latest view not yet written
  char byte_ = 0;                    // the read that tells the client has gone
};

}  // namespace motcua::net
