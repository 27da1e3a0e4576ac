#include "config/catalogue.hpp"

#include <algorithm>

namespace motcua::config {

const procedure_version* procedure::version_on(std::chrono::year_month_day day) const {
  const procedure_version* found = nullptr;
  for (const auto& v : versions)
    if (v.effective_from <= day) found = &v;
  return found;
}

const procedure* catalogue::find_procedure(std::int64_t id) const {
  auto it = std::find_if(procedures.begin(), procedures.end(),
                         [&](const procedure& p) { return p.id == id; });
  return it == procedures.end() ? nullptr : &*it;
}

}  // namespace motcua::config
