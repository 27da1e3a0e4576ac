// A pool of connections to PostgreSQL for the hub's workers, each with its province store, lent
// one at a time (hub/net/server.hpp).
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "hub/store/pg.hpp"
#include "hub/store/province_store.hpp"

namespace motcua::hub::net {

// `size` connections to PostgreSQL, each with its province store, lent one at a time. The first
// are made at start (throwing when PostgreSQL cannot be reached); one that fails later is made
// again when next lent.
class store_pool {
 public:
  store_pool(const std::string& conninfo, int size);

  struct member {
    store::pg::connection db;
    store::province_store store;
    explicit member(const std::string& conninfo) : db(conninfo), store(db) {}
  };
  class lease {
   public:
    ~lease();
    lease(const lease&) = delete;
    lease& operator=(const lease&) = delete;
    store::province_store& store() { return member_->store; }
    store::pg::connection& db() { return member_->db; }
    // The connection failed: the place is given back without it, and connects again when next
    // lent.
    void broken() { broken_ = true; }

   private:
    friend class store_pool;
    lease(store_pool& pool, std::unique_ptr<member> m) : pool_(pool), member_(std::move(m)) {}
    store_pool& pool_;
    std::unique_ptr<member> member_;
    bool broken_ = false;
  };
  // Waits for a free place; throws `store::pg::error` when its connection cannot be made.
  lease borrow();
  // Runs `work(lease)` on a lent connection; one that failed under it (no SQLSTATE, or class
  // 08: the connection) is not lent again. Errors go on to the caller.
  template <class Work>
  auto run(Work&& work) {
    auto l = borrow();
    try {
      return work(l);
    } catch (const store::pg::error& e) {
      if (e.sqlstate().empty() || e.sqlstate().starts_with("08")) l.broken();
      throw;
    }
  }

 private:
  const std::string conninfo_;
  std::mutex mutex_;
  std::condition_variable free_;
  int places_ = 0;                                // free places (with or without a connection)
  std::vector<std::unique_ptr<member>> members_;  // the free places' connections
};

}  // namespace motcua::hub::net
