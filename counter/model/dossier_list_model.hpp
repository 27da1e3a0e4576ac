// The dossier list: search by code, name without diacritics, ID number or phone (the server's
// search_dossiers), by status and reception dates (dd/mm/yyyy), with the late and due-soon
// filters. Plain C++; UI thread only.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "shared/client/request_slot.hpp"

namespace motcua::counter {

enum class dossier_filter { all, late, due_soon };

class dossier_list_model {
 public:
  explicit dossier_list_model(client::sender send) : send_(std::move(send)) {}

  std::string text;
  std::string status;  // "" for any, else a dossier status
  std::string from;    // dd/mm/yyyy, received on or after
  std::string to;      // dd/mm/yyyy, received on or before
  dossier_filter filter = dossier_filter::all;

  // The request search() would send; nothing (and a problem) when a date does not parse.
  std::optional<protocol::search_dossiers> request();
  void search();
  bool busy() const { return slot_.busy(); }
  // Some search has been answered.
  bool answered() const { return answered_; }
  bool on_reply(const protocol::reply& r);
  // A dossier changed somewhere: search again so the list stays current.
  void on_event(const protocol::event& e);
  void offline() { slot_.drop(); }

  const std::vector<protocol::dossier_view>& results() const { return results_; }
  int total() const { return total_; }
  const std::optional<protocol::error>& problem() const { return problem_; }

 private:
  client::sender send_;
  client::request_slot slot_;
  bool searched_ = false;
  bool answered_ = false;
  std::vector<protocol::dossier_view> results_;
  int total_ = 0;
  std::optional<protocol::error> problem_;
};

}  // namespace motcua::counter
