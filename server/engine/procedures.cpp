#include "server/engine/procedures.hpp"

namespace motcua::engine {
namespace {

std::string unit_name(domain::duration_unit u) {
  switch (u) {
    case domain::duration_unit::working_days:
      return "working_days";
    case domain::duration_unit::calendar_days:
      return "calendar_days";
    case domain::duration_unit::hours:
      return "hours";
  }
  return "working_days";
}

}  // namespace

std::vector<protocol::procedure_view> procedure_views(const config::catalogue& catalogue,
                                                      std::optional<domain::service_id> service,
                                                      std::chrono::year_month_day day) {
  std::vector<protocol::procedure_view> out;
  for (const auto& p : catalogue.procedures) {
    const auto* v = p.version_on(day);
    if (!v || (service && p.service != *service)) continue;
    protocol::procedure_view view{p.id,
                                  p.code,
                                  p.name,
                                  p.name_en,
                                  p.service,
                                  v->legal_time.amount,
                                  unit_name(v->legal_time.unit),
                                  v->fee,
                                  {},
                                  std::nullopt};
    for (const auto& d : v->documents) view.documents.push_back({d.name, d.required});
    out.push_back(std::move(view));
  }
  return out;
}

}  // namespace motcua::engine
