// A complete application any integration test may register when it needs a dossier to exist
// (the dossier verbs themselves are tested in dossier_test.cpp): the demo centre's monthly
// social allowance (procedure 4) with its two required documents.
#pragma once

#include <string>

#include "tests/support/wire.hpp"

namespace motcua::testing {

inline protocol::register_dossier sample_application(const std::string& request_key) {
  return {4,
          {"Phạm Thị Lan", "048190000777", {}, "0905111222", "1 Bạch Đằng, Đà Nẵng", {}},
          {"Tờ khai đề nghị trợ giúp xã hội", "Bản sao giấy tờ tùy thân"},
          request_key,
          {},
          {}};
}

// The code of a freshly registered sample dossier; `clerk` is logged in.
inline std::string register_sample(client::blocking_client& clerk, const std::string& request_key) {
  return register_dossier(clerk, sample_application(request_key)).code;
}

}  // namespace motcua::testing
