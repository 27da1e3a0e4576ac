#include "server/config/catalogue.hpp"

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

const procedure_version* catalogue::version_of(std::int64_t procedure,
                                               std::string_view received_under) const {
  const auto* p = find_procedure(procedure);
  auto day = domain::parse_date(received_under);
  return p && day ? p->version_on(*day) : nullptr;
}

}  // namespace motcua::config
