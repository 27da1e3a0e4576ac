#include "shared/domain/call_order.hpp"

#include <algorithm>

namespace motcua::domain {

call_position position_of(const queued_ticket& t) {
  return {!is_priority_group(t.priority), t.issued_at, t.id};
}

bool called_before(const queued_ticket& a, const queued_ticket& b) {
  return position_of(a) < position_of(b);
}

bool may_take(const queued_ticket& t, counter_id counter, std::span<const service_id> services) {
  if (t.state != ticket_state::waiting) return false;
  if (t.target_counter) return *t.target_counter == counter;
  return std::find(services.begin(), services.end(), t.service) != services.end();
}

}  // namespace motcua::domain
