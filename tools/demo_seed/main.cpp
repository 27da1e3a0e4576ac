// motcua-demo-seed: a morning at the demo centre, played through the protocol as the kiosk and
// two clerks would, so that scripts/demo.sh opens on a hall at work instead of an empty one:
//   - the kiosk issues 30 tickets across the four services (three with a priority): 20 are
//     still waiting at the end;
//   - clerk1 opens Quầy 1 (Người có công), clerk2 opens Quầy 2 (Bảo trợ xã hội, then Người có
//     công); taking turns, each serves three citizens, registers dossiers for some of them,
//     marks one absent, and is left serving the next one;
//   - the counter-side screen records a rating after each finished ticket;
//   - the dossiers are moved on to different statuses: received, processing, result ready,
//     returned (and one waiting for papers).
// Run twice on one day it adds nothing: tickets, dossiers and ratings carry fixed request_keys
// (the server keeps them for the day), and the clerks' part is skipped once Quầy 1 or 2 is open
// or has served anyone today. Exit 0 and one summary line; 1 and one line naming the step that
// failed.
#include <cstdio>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

#include "shared/client/blocking_client.hpp"
#include "shared/os/command_line.hpp"
#include "shared/protocol/messages.hpp"
#include "shared/tls/context.hpp"

namespace motcua::demo_seed {
namespace {

using protocol::reply;

// The result of type T in `r`, or an exception naming `step` and the server's message.
template <class T>
T expect(const reply& r, const std::string& step) {
  if (const auto* result = std::get_if<T>(&r.body)) return *result;
  if (const auto* e = std::get_if<protocol::error>(&r.body))
    throw std::runtime_error(step + ": " + e->message_en);
  throw std::runtime_error(step + ": an unexpected reply");
}

// One logged-in connection.
class session {
 public:
  session(const client::endpoint& at, const tls::context_ptr& tls, protocol::hello hello,
          const std::string& who)
      : client_(at.host, at.port, at.target, tls) {
    if (!client_.connect())
      throw std::runtime_error("cannot reach the server as " + who + ": " +
                               client_.close_error().message());
    hello_ = expect<protocol::hello_result>(client_.call(std::move(hello)), "hello as " + who);
  }
  const protocol::hello_result& hello() const { return hello_; }
  template <class T>
  T call(protocol::request_params p, const std::string& step) {
    return expect<T>(client_.call(std::move(p)), step);
  }

 private:
  client::blocking_client client_;
  protocol::hello_result hello_;
};

protocol::hello as_device(const std::string& token) {
  protocol::hello h;
  h.device_token = token;
  return h;
}

protocol::hello as_staff(const std::string& user) {
  protocol::hello h;
  h.username = user;
  h.password = "demo";
  return h;
}

// The tickets the kiosk issues, in order: service and priority.
struct ticket_plan {
  protocol::service_id service;
  domain::priority priority = domain::priority::none;
};
// clang-format off
const std::vector<ticket_plan> tickets{
    {1}, {2}, {1}, {3}, {2, domain::priority::elderly}, {1}, {4}, {2}, {3}, {1},
    {2}, {1, domain::priority::merit}, {3}, {4}, {2}, {1}, {3}, {2}, {1},
    {3, domain::priority::disabled}, {4}, {2}, {1}, {3}, {1}, {2}, {3}, {4}, {2}, {1}};
// clang-format on

// A citizen registering a dossier, the procedure's code, and the steps it goes through today.
struct dossier_plan {
  protocol::applicant who;
  std::string procedure;
  std::vector<protocol::advance_dossier> steps;  // `code` filled in once registered
};

protocol::advance_dossier step(std::string action, std::optional<std::string> note = {}) {
  protocol::advance_dossier a;
  a.action = std::move(action);
  a.note = std::move(note);
  return a;
}

protocol::applicant person(std::string name, std::string id, std::string phone,
                           std::string address) {
  return protocol::applicant{.full_name = std::move(name),
                             .id_number = std::move(id),
                             .passport = {},
                             .phone = std::move(phone),
                             .address = std::move(address),
                             .email = {}};
}

// What each clerk does: the counter, its services, the citizens served (a dossier for some, one
// absent), then the next one called and served.
struct clerk_plan {
  std::string user;
  protocol::counter_id counter;
  std::vector<protocol::service_id> services;
  std::vector<std::optional<dossier_plan>> served;  // none: served without a dossier
  int ratings_below_top = 0;  // the first served citizen's rating: the scale's top less this
};

std::vector<clerk_plan> clerks() {
  return {
      {"clerk1",
       1,
       {1},
       {dossier_plan{person("Nguyễn Văn Hải", "001070009876", "0912 345 678",
                            "12 Lý Thường Kiệt, Hoàn Kiếm, Hà Nội"),
                     "DEMO.NCC.01",
                     {step("forward"), step("result_ready"), step("return_result")}},
        dossier_plan{person("Phạm Thị Thu", "001185004321", "0987 654 321",
                            "8 Trần Hưng Đạo, Hoàn Kiếm, Hà Nội"),
                     "DEMO.NCC.01",
                     {step("forward")}},
        std::nullopt},
       0},
      {"clerk2",
       2,
       {2, 1},
       {dossier_plan{person("Lê Văn Tâm", "031188006789", "0903 123 456",
                            "45 Lạch Tray, Ngô Quyền, Hải Phòng"),
                     "DEMO.BTXH.02",
                     {step("forward"), step("result_ready")}},
        dossier_plan{person("Trần Thị Mai", "079090012345", "0368 222 111",
                            "20 Nguyễn Huệ, Quận 1, TP. Hồ Chí Minh"),
                     "DEMO.BTXH.01",
                     {}},
        dossier_plan{person("Hoàng Văn Nam", "001090001234", "0977 888 999",
                            "5 Hàng Bài, Hoàn Kiếm, Hà Nội"),
                     "DEMO.BTXH.02",
                     {step("forward"),
                      step("request_supplement", "Bổ sung bản sao quyết định hưởng trợ cấp cũ.")}}},
       1},
  };
}

// The kiosk's tickets (the same ones on a second run: fixed request_keys).
void issue_tickets(session& kiosk) {
  int n = 0;
  for (const auto& t : tickets) {
    protocol::take_ticket take;
    take.service = t.service;
    take.priority = t.priority;
    take.request_key = "demo-morning-ticket-" + std::to_string(++n);
    kiosk.call<protocol::ticket_result>(take, "take_ticket " + std::to_string(n));
  }
}

// A clerk at work: the plan, the logged-in connection, the citizens served so far.
struct desk {
  const clerk_plan& plan;
  std::unique_ptr<session> clerk;
  std::size_t served = 0;
};

// The next citizen of `d`'s plan called and served (a dossier registered and moved on for some),
// then rating the service on the counter-side screen; the status each dossier is left in goes
// into `statuses`.
void serve_next(session& kiosk, desk& d, const std::vector<protocol::procedure_view>& procedures,
                std::vector<std::string>& statuses) {
  const auto& citizen = d.plan.served[d.served];
  const std::string who = d.plan.user + " ";
  const std::string key = "demo-morning-" + d.plan.user + "-" + std::to_string(d.served + 1);
  session& clerk = *d.clerk;
  auto called = clerk.call<protocol::ticket_result>(protocol::call_next{}, who + "call_next");
  clerk.call<protocol::ticket_result>(protocol::start_service{}, who + "start_service");
  std::optional<std::string> code;
  if (citizen) {
    const protocol::procedure_view* procedure = nullptr;
    for (const auto& p : procedures)
      if (p.code == citizen->procedure) procedure = &p;
    if (!procedure) throw std::runtime_error("no procedure " + citizen->procedure);
    protocol::register_dossier r;
    r.procedure = procedure->id;
    r.applicant = citizen->who;
    for (const auto& doc : procedure->documents) r.documents.push_back(doc.name);
    r.request_key = key;
    r.ticket = called.ticket.id;
    auto dossier = clerk.call<protocol::dossier_result>(r, who + "register_dossier").dossier;
    code = dossier.code;
    for (auto s : citizen->steps) {
      s.code = dossier.code;
      dossier = clerk.call<protocol::dossier_result>(s, who + s.action + " " + s.code).dossier;
    }
    statuses.push_back(dossier.status);
  }
  clerk.call<protocol::ticket_result>(protocol::finish{}, who + "finish");
  protocol::rate_service rating;
  rating.counter = d.plan.counter;
  // The best and the next, in turn.
  rating.level = kiosk.hello().snapshot->rating_levels.value_or(5) -
                 static_cast<int>((d.plan.ratings_below_top + d.served) % 2);
  rating.ticket = called.ticket.id;
  rating.dossier = code;
  rating.request_key = key;
  kiosk.call<protocol::rating_result>(rating, "rate_service");
  ++d.served;
}

// The clerks' morning, their steps taken in turn so that the board's recent calls name both
// counters: each opens its counter, serves its citizens; one citizen does not come when called;
// the next one is at the counter now.
void work(session& kiosk, std::vector<desk>& desks,
          const std::vector<protocol::procedure_view>& procedures,
          std::vector<std::string>& statuses) {
  for (auto& d : desks)
    d.clerk->call<protocol::counter_result>(protocol::open_counter{d.plan.counter, d.plan.services},
                                            d.plan.user + " open_counter");
  for (bool more = true; more;) {
    more = false;
    for (auto& d : desks)
      if (d.served < d.plan.served.size()) {
        serve_next(kiosk, d, procedures, statuses);
        more = true;
      }
  }
  auto each = [&desks](const protocol::request_params& verb, const std::string& name) {
    for (auto& d : desks) d.clerk->call<protocol::ticket_result>(verb, d.plan.user + " " + name);
  };
  each(protocol::call_next{}, "call_next");
  each(protocol::no_show{}, "no_show");
  each(protocol::call_next{}, "call_next");
  each(protocol::start_service{}, "start_service");
}

int run(const std::string& server, const std::string& ca) {
  const auto at = client::parse_endpoint(server);
  const tls::context_ptr tls = at->tls ? tls::client_context(ca) : nullptr;
  session kiosk(*at, tls, as_device("demo-kiosk"), "demo-kiosk");
  issue_tickets(kiosk);
  const auto plans = clerks();
  std::vector<desk> desks;
  bool started = false;  // a counter of the plan already worked today: leave the clerks be
  for (const auto& plan : plans) {
    desks.push_back({plan, std::make_unique<session>(*at, tls, as_staff(plan.user), plan.user)});
    for (const auto& c : desks.back().clerk->hello().snapshot->counters)
      if (c.id == plan.counter)
        started |= c.state != protocol::counter_state::closed || c.served_today > 0;
  }
  std::vector<std::string> statuses;
  if (!started) {
    const auto procedures = desks.front().clerk->call<protocol::procedures_result>(
        protocol::list_procedures{}, "list_procedures");
    work(kiosk, desks, procedures.procedures, statuses);
  }
  int waiting = 0;
  for (const auto& s :
       kiosk.call<protocol::services_result>(protocol::list_services{}, "list_services").services)
    waiting += s.waiting;
  std::string left = "Quầy 1 and 2 serving, dossiers";
  const char* separator = " ";
  for (const auto& status : statuses) {
    left.append(separator).append(status);
    separator = ", ";
  }
  std::printf("motcua-demo-seed: %d tickets waiting; %s\n", waiting,
              started ? "Quầy 1 and 2 were already at work today: left as they are" : left.c_str());
  return 0;
}

}  // namespace
}  // namespace motcua::demo_seed

int main(int argc, char** argv) {
  CLI::App app{
      "motcua-demo-seed: a morning at the demo centre (tickets waiting, two counters at work, "
      "dossiers, ratings), played through the protocol; adds nothing when run again the same "
      "day.",
      "motcua-demo-seed"};
  motcua::os::standard_flags(app);
  std::string server = "ws://127.0.0.1:8080/ws", ca;
  app.add_option("--server", server, "the demo server")
      ->type_name("URL")
      ->check(CLI::Validator(
          [](const std::string& v) {
            return motcua::client::parse_endpoint(v) ? ""
                                                     : "'" + v + "' is not ws[s]://HOST:PORT/ws";
          },
          "", "server"))
      ->capture_default_str();
  app.add_option("--ca", ca, "wss://: the CA file to trust (default: the system's)")
      ->type_name("FILE");
  if (auto done = motcua::os::parse_command_line(app, argc, argv)) return *done;
  try {
    return motcua::demo_seed::run(server, ca);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "motcua-demo-seed: %s\n", e.what());
    return 1;
  }
}
