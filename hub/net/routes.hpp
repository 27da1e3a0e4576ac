// The hub's HTTP routes (issue 15; docs/protocol.md "Province hub"), plain functions of the
// request and a province store, testable without a socket:
// - GET /healthz: {"status":"ok"} when PostgreSQL answers, else 503.
// - GET /metrics: Prometheus text: pushes and records applied, and per centre the last seq it
//   applied and the age of its last push.
// - POST /api/v1/hub/records (bearer: a centre's token): the centre's `push`; 200 `push_ack`.
// - GET /api/v1/hub/dossiers/{code} (bearer: a centre's token): the province copy of a dossier
//   and its history, {"dossier":{...},"history":[{...}]} (the rows of protocol/province.hpp),
//   for a centre answering a lookup of another centre's dossier; 404 when unknown.
// Errors are the JSON error body of the rest of the contract, Vietnamese and English.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

#include <boost/beast/http.hpp>

#include "hub/store/province_store.hpp"
#include "server/metrics/metrics.hpp"

namespace motcua::hub::net {

namespace http = boost::beast::http;
using request = http::request<http::string_body>;
using response = http::response<http::string_body>;

// What /metrics shows; shared by every connection. Also what the connection layer counts
// (server/transport): accepts that failed, connections refused, connections open.
class hub_metrics final : public metrics::connection_counters {
 public:
  void pushed(const std::string& unit, std::size_t records,
              std::chrono::system_clock::time_point at);
  void refused() { refused_.fetch_add(1, std::memory_order_relaxed); }
  void accept_failed() override { accept_errors_.fetch_add(1, std::memory_order_relaxed); }
  void dropped(metrics::drop_reason) override {
    refused_connections_.fetch_add(1, std::memory_order_relaxed);
  }
  void connections(int delta) { connections_.fetch_add(delta, std::memory_order_relaxed); }
  void http_failed() { http_failures_.fetch_add(1, std::memory_order_relaxed); }
  // The exposition, with each centre's applied seq read from `store`.
  std::string render(store::province_store& store, std::chrono::system_clock::time_point now);

 private:
  std::atomic<std::int64_t> pushes_{0};
  std::atomic<std::int64_t> records_{0};
  std::atomic<std::int64_t> refused_{0};
  std::atomic<std::int64_t> accept_errors_{0};
  std::atomic<std::int64_t> refused_connections_{0};
  std::atomic<std::int64_t> connections_{0};
  std::atomic<std::int64_t> http_failures_{0};
  std::mutex mutex_;
  std::map<std::string, std::chrono::system_clock::time_point> last_push_;  // by unit
};

response handle(const request& req, store::province_store& store, hub_metrics& metrics,
                std::chrono::system_clock::time_point now);
// The request's path: its target without the query.
std::string_view path_of(const request& req);
// A centre's push (POST /api/v1/hub/records): the server runs these on workers of their own.
bool is_push(const request& req);

}  // namespace motcua::hub::net
