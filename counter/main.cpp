// motcua-counter: the counter clerk's app and the manager's dashboard; with --server the province
// hub's ws://HOST:PORT/ws and a province manager's account, the province dashboard.
//   motcua-counter --server ws[s]://HOST:PORT/ws [--ca FILE] [--user NAME --password PW]
//                  [--counter ID]
//                  [--screen queue|intake|dossiers|bookings|dashboard|staffing|province]
//                  [--dossier CODE] [--centre UNITCODE]
//                  [--fill KEY=VALUE;...] [--do STEP,...] [--lang vi|en] [--screenshot FILE]
// --counter, --fill, --do and --dossier script a start (demos, smoke tests): open that counter,
// fill the intake form (procedure=CODE;name=;id=;phone=;address=, every document ticked), then
// play the steps in order, each once it is possible: queue actions (call_next, recall, start,
// no_show, finish, pause, resume) and `register`.
// Set up (flags, window, models), run the frame loop, shut down in reverse.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <deque>
#include <fstream>
#include <limits>
#include <map>
#include <sstream>
#include <string>
#include <variant>
#include <vector>

#include "counter/model/app_model.hpp"
#include "counter/receipt_preview.hpp"
#include "counter/screens.hpp"
#include "shared/client/link_report.hpp"
#include "shared/client/live_link.hpp"
#include "shared/domain/clock.hpp"
#include "shared/os/command_line.hpp"
#include "shared/ui/app_shell.hpp"
#include "shared/ui/widgets.hpp"

namespace counter = motcua::counter;
namespace client = motcua::client;
namespace domain = motcua::domain;
namespace ui = motcua::ui;

namespace {

struct flags {
  std::string server = "ws://127.0.0.1:8080/ws";
  std::string ca;  // wss://: the CA file to trust (empty: the system's trust store)
  std::optional<std::string> user, password, screenshot;
  std::optional<motcua::protocol::counter_id> counter;
  counter::screen screen = counter::screen::queue;
  std::deque<std::string> script;  // --do
  std::map<std::string, std::string> fill;
  std::optional<std::string> dossier;
  std::optional<std::string> centre;  // the province dashboard's drill-down
  std::optional<domain::lang> lang;
  motcua::os::window_geometry window;
};

const std::map<std::string, counter::queue_action> action_names{
    {"call_next", counter::queue_action::call_next}, {"recall", counter::queue_action::recall},
    {"start", counter::queue_action::start},         {"no_show", counter::queue_action::no_show},
    {"finish", counter::queue_action::finish},       {"pause", counter::queue_action::pause},
    {"resume", counter::queue_action::resume}};

// A usage error or a failure before the window: one line, and the exit code.
int refuse(const std::string& why, int code) {
  std::fprintf(stderr, "motcua-counter: %s\n", why.c_str());
  return code;
}

// The items of `list` between `separator`s.
std::vector<std::string> split(const std::string& list, char separator) {
  std::vector<std::string> out;
  std::stringstream items(list);
  for (std::string item; std::getline(items, item, separator);) out.push_back(std::move(item));
  return out;
}

// The command line (CLI11). --help and --version print and give 0; a usage error is one line
// naming the flag and gives 2.
std::variant<flags, int> parse(int argc, char** argv) {
  flags f;
  CLI::App app{"Một Cửa counter: the clerk's desk and the manager's dashboard.", "motcua-counter"};
  motcua::os::standard_flags(app);
  app.add_option("--server", f.server, "the centre's server, ws[s]://HOST:PORT/ws")
      ->type_name("URL")
      ->check(CLI::Validator(
          [](const std::string& v) {
            return client::parse_endpoint(v) ? "" : "'" + v + "' is not ws[s]://HOST:PORT/ws";
          },
          "", "server"))
      ->capture_default_str();
  app.add_option("--ca", f.ca, "wss://: the CA file to trust (default: the system's)")
      ->type_name("FILE");
  app.add_option("--user", f.user, "log in as this staff account")->type_name("NAME");
  app.add_option("--password", f.password, "with this password")->type_name("PW");
  app.add_option("--counter", f.counter, "choose this counter")
      ->type_name("ID")
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{std::numeric_limits<std::int32_t>::max()}));
  std::string screen;
  app.add_option("--screen", screen, "open this screen")
      ->type_name("NAME")
      ->check(CLI::IsMember(
          {"queue", "intake", "dossiers", "bookings", "dashboard", "staffing", "province"}));
  app.add_option("--dossier", f.dossier, "open this dossier")->type_name("CODE");
  app.add_option("--centre", f.centre, "at the province hub: open this centre's figures")
      ->type_name("UNITCODE");
  // --fill and --do hold lists; each item must pass `ok` (else the message it gives).
  auto each = [](char separator, auto ok) {
    return [separator, ok](const std::string& v) {
      for (const auto& item : split(v, separator))
        if (auto wrong = ok(item); !wrong.empty()) return "'" + item + "' " + wrong;
      return std::string();
    };
  };
  std::string fill;
  app.add_option("--fill", fill, "fill the intake form: procedure=CODE;name=..;id=..;phone=..")
      ->type_name("FIELDS")
      ->check(CLI::Validator(each(';',
                                  [](const std::string& item) {
                                    return item.find('=') == std::string::npos
                                               ? std::string("is not FIELD=VALUE")
                                               : std::string();
                                  }),
                             "", "fill"));
  std::string steps;
  app.add_option("--do", steps, "scripted steps: call_next,start,register,finish,...")
      ->type_name("STEPS")
      ->check(
          CLI::Validator(each(',',
                              [](const std::string& item) {
                                return item == "register" || action_names.count(item)
                                           ? std::string()
                                           : std::string(
                                                 "is no step (call_next, recall, start, no_show, "
                                                 "finish, pause, resume, register)");
                              }),
                         "", "do"));
  std::string lang;
  app.add_option("--lang", lang, "the screens' language")->check(CLI::IsMember({"vi", "en"}));
  app.add_option("--screenshot", f.screenshot, "save the first settled frame as PNG and exit")
      ->type_name("FILE");
  motcua::os::window_flags(app, f.window, "1440x900");
  if (auto done = motcua::os::parse_command_line(app, argc, argv)) return *done;
  if (!screen.empty()) f.screen = *counter::parse_screen(screen);
  if (!lang.empty()) f.lang = domain::parse_lang(lang);
  for (const auto& item : split(fill, ';')) {
    auto eq = item.find('=');
    f.fill[item.substr(0, eq)] = item.substr(eq + 1);
  }
  for (auto& item : split(steps, ',')) f.script.push_back(std::move(item));
  return f;
}

// One scripted step, when it is possible now; true once done.
bool play(counter::app_model& app, const std::string& step) {
  if (!app.online() || app.session.current() != counter::stage::working) return false;
  if (step == "register") {
    if (app.queue.busy() || app.intake.busy() || !app.intake.valid()) return false;
    const auto* serving = app.queue.current();
    app.intake.submit(serving ? std::optional(serving->id) : std::nullopt);
    return true;
  }
  auto a = action_names.at(step);
  if (!app.queue.enabled(a)) return false;
  app.queue.act(a);
  return true;
}

// Fills the intake form from --fill once the procedures are there; true once done.
bool fill_intake(counter::app_model& app, const std::map<std::string, std::string>& fill) {
  auto& m = app.intake;
  if (m.procedures().empty()) return false;
  auto get = [&](const char* key) {
    auto it = fill.find(key);
    return it == fill.end() ? std::string() : it->second;
  };
  for (const auto& p : m.procedures())
    if (p.code == get("procedure")) m.select(p.id);
  m.received.assign(m.received.size(), true);
  m.full_name = get("name");
  m.id_number = get("id");
  m.phone = get("phone");
  m.address = get("address");
  return true;
}

std::string desk_key() {
  char host[128] = "desk";
  ::gethostname(host, sizeof host - 1);
  return std::string(host) + "-" + std::to_string(::getpid()) + "-" +
         std::to_string(std::chrono::system_clock::now().time_since_epoch().count());
}

// Opens the window and runs the program until it closes; its exit code. Throws when the CA file
// cannot be read or the window cannot open (no display).
int run(flags* f) {
  auto address = client::parse_endpoint(f->server);
  motcua::tls::context_ptr tls;  // https:// for the forms when the server is wss://
  if (address->tls) tls = motcua::tls::client_context(f->ca);

  // Set up.
  auto settings_file = counter::default_settings_path();
  auto saved =
      settings_file ? counter::counter_settings::load(*settings_file) : counter::counter_settings{};
  domain::lang lang = f->lang.value_or(domain::parse_lang(saved.lang).value_or(domain::lang::vi));
  ui::shell_options options;
  options.title = "Một Cửa — Quầy";
  options.width = f->window.width ? f->window.width : 1440;
  options.height = f->window.width ? f->window.height : 900;
  if (f->window.position)
    options.position = ui::window_position{f->window.position->x, f->window.position->y};
  options.design_short_side = 900;
  options.screenshot = f->screenshot;
  options.fonts = {{19}, {15}, {24, true}, {34, true}, {120, true, ui::glyphs::numbers}};
  ui::app_shell shell(options);
  const auto& palette = ui::colours(options.theme);
  {
    auto& style = ImGui::GetStyle();  // a desk app: denser than the kiosk's touch look
    style.WindowPadding = ImVec2(12 * shell.scale(), 12 * shell.scale());
    style.FramePadding = ImVec2(10 * shell.scale(), 6 * shell.scale());
    style.ItemSpacing = ImVec2(10 * shell.scale(), 8 * shell.scale());
    style.FrameRounding = 6 * shell.scale();
    style.ScrollbarSize = 16 * shell.scale();
    // Light buttons with dark text; the current tab and primary actions use the accent.
    style.Colors[ImGuiCol_Button] = ImVec4(0.85f, 0.90f, 0.98f, 1);
    style.Colors[ImGuiCol_ButtonHovered] = ImVec4(0.72f, 0.82f, 0.97f, 1);
    style.Colors[ImGuiCol_ButtonActive] = ImVec4(0.60f, 0.74f, 0.95f, 1);
    style.DisabledAlpha = 0.4f;
    style.Colors[ImGuiCol_FrameBg] = ImVec4(0.91f, 0.93f, 0.96f, 1);  // fields visible on white
    style.FrameBorderSize = 1;
  }

  motcua::domain::system_clock clock;
  std::unique_ptr<client::live_link> link;
  counter::app_model app(
      clock,
      [&link](motcua::protocol::request_params p) -> std::optional<std::int64_t> {
        return link ? link->send(std::move(p)) : std::nullopt;
      },
      saved, desk_key());
  counter::receipt_preview receipt(address->host, address->port, tls);
  counter::screen_state st;
  app.go(f->screen);
  client::link_report report("motcua-counter", f->server);
  auto connect = [&](client::credentials creds) {
    link.reset();
    link = std::make_unique<client::live_link>(f->server, std::move(creds), ui::app_shell::wake,
                                               std::string(domain::code_of(lang)), f->ca);
  };
  if (f->user && f->password) {
    app.session.username = *f->user;
    app.session.password = *f->password;
    if (auto creds = app.session.submit()) connect(*creds);
  }
  bool auto_opened = false;
  bool filled = f->fill.empty();

  const auto& fonts = shell.fonts();
  auto frame = [&]() -> ui::frame_hint {
    if (link)
      for (auto& item : link->drain()) {
        report.write(item);
        app.apply(item);
      }
    receipt.poll();
    // Scripted starts: open the counter named by --counter, then play --do.
    if (f->counter && !auto_opened && app.session.current() == counter::stage::choose_counter) {
      app.session.choose_counter(*f->counter, app.centre);
      app.open_counter();
      auto_opened = true;
    }
    if (!filled) filled = fill_intake(app, f->fill);
    if (f->dossier && app.online() && app.session.current() == counter::stage::working) {
      app.open_dossier(*f->dossier);
      f->dossier.reset();
    }
    if (f->centre && app.online() && app.session.current() == counter::stage::working) {
      if (app.current() == counter::screen::province) app.province.drill(*f->centre);
      f->centre.reset();  // a centre's own staff have no province screen
    }
    if (filled && !f->script.empty() && play(app, f->script.front())) f->script.pop_front();

    counter::view v{lang,
                    palette,
                    fonts.get(19),
                    fonts.get(15),
                    fonts.get(24, true),
                    fonts.get(34, true),
                    fonts.get(120, true),
                    shell.scale()};
    counter::intents out;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    ImGui::Begin("counter", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoSavedSettings);
    ImGui::PushFont(v.body);
    bool working = app.session.current() == counter::stage::working;
    // Top bar: screens, who is logged in, language.
    if (working) {
      struct tab {
        counter::screen s;
        domain::text label;
        bool manager_only;
        bool clerk_only;
      };
      const tab tabs[] = {
          {counter::screen::queue, {"Hàng chờ", "Queue"}, false, true},
          {counter::screen::intake, {"Tiếp nhận hồ sơ", "Dossier intake"}, false, true},
          {counter::screen::dossiers, {"Hồ sơ", "Dossiers"}, false, false},
          {counter::screen::bookings, {"Lịch hẹn", "Bookings"}, false, true},
          {counter::screen::dashboard, {"Bảng điều hành", "Dashboard"}, true, false},
          {counter::screen::staffing, {"Bố trí quầy", "Staffing"}, true, false}};
      for (const auto& t : tabs) {
        if (app.is_province()) break;  // the province screen only
        if ((t.manager_only && !app.is_manager()) || (t.clerk_only && app.is_manager())) continue;
        bool here = app.current() == t.s ||
                    (t.s == counter::screen::dossiers && app.current() == counter::screen::dossier);
        if (here)
          ImGui::PushStyleColor(ImGuiCol_Button, palette.accent),
              ImGui::PushStyleColor(ImGuiCol_Text, palette.accent_text);
        if (ImGui::Button(t.label(lang))) {
          receipt.close();
          app.go(t.s);
        }
        if (here) ImGui::PopStyleColor(2);
        ImGui::SameLine();
      }
      ImGui::TextColored(palette.muted, "%s", app.session.display_name().c_str());
    } else {
      ImGui::PushFont(v.heading);
      ImGui::TextUnformatted("Một Cửa");
      ImGui::PopFont();
    }
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - 150 * shell.scale());
    if (ImGui::Button(domain::other(lang) == domain::lang::en ? "English" : "Tiếng Việt",
                      ImVec2(150 * shell.scale(), 0)))
      lang = domain::other(lang);
    if (link && !app.online() && app.session.current() != counter::stage::login)
      ui::offline_banner(lang, v.body, 36 * shell.scale(), palette);
    ImGui::Separator();

    switch (app.session.current()) {
      case counter::stage::login:
      case counter::stage::connecting:
        counter::draw_login(app, v, out);
        break;
      case counter::stage::choose_counter:
        counter::draw_counter_choice(app, v);
        break;
      case counter::stage::working:
        switch (app.current()) {
          case counter::screen::queue:
            counter::draw_queue(app, v, st);
            break;
          case counter::screen::intake:
            counter::draw_intake(app, v, st, receipt);
            break;
          case counter::screen::dossiers:
            counter::draw_dossiers(app, v);
            break;
          case counter::screen::dossier:
            counter::draw_dossier_page(app, v, st, receipt);
            break;
          case counter::screen::bookings:
            counter::draw_bookings(app, v, st);
            break;
          case counter::screen::dashboard:
            counter::draw_dashboard(app, v, st, out);
            break;
          case counter::screen::staffing:
            counter::draw_staffing(app, v, st, out);
            break;
          case counter::screen::province:
            counter::draw_province(app, v, st, out);
            break;
        }
        break;
    }
    ImGui::PopFont();
    ImGui::End();

    // Intents only the program can carry out.
    if (out.login) connect(*out.login);
    if (out.export_csv && app.current() == counter::screen::staffing && app.staffing.advice_day()) {
      auto file =
          "motcua-staffing-" + motcua::domain::format_iso_date(*app.staffing.advice_day()) + ".csv";
      std::ofstream(file, std::ios::binary) << app.staffing.advice_csv(lang);
      st.exported = file;
    } else if (out.export_csv && app.current() == counter::screen::province) {
      auto file = "motcua-province-" + motcua::domain::format_iso_date(app.province.from()) +
                  (app.province.unit() ? "-" + *app.province.unit() : std::string()) + ".csv";
      std::ofstream(file, std::ios::binary) << app.province.csv(lang);
      st.exported = file;
    } else if (out.export_csv) {
      auto file =
          "motcua-dashboard-" + motcua::domain::format_iso_date(app.dashboard.from()) + ".csv";
      std::ofstream(file, std::ios::binary) << app.dashboard.csv(lang);
      st.exported = file;
    }
    // Remember the counter, its services and the language for the next run.
    auto wanted = app.session.saved();
    wanted.lang = std::string(domain::code_of(lang));
    if (settings_file && wanted != saved) {
      saved = wanted;
      saved.save(*settings_file);
    }
    ui::frame_hint hint;
    if (working) hint.redraw_in = std::chrono::seconds(1);  // waits and serving times tick
    if (receipt.loading()) hint.redraw_in = std::chrono::milliseconds(100);
    return hint;
  };
  int rc = shell.run(frame, [&] {
    return app.ready() && filled && f->script.empty() && !f->dossier && !f->centre &&
           !receipt.loading();
  });

  // Shut down in reverse.
  link.reset();
  return rc;
}

}  // namespace

int main(int argc, char** argv) {
  auto parsed = parse(argc, argv);
  if (const int* done = std::get_if<int>(&parsed)) return *done;
  try {
    return run(&std::get<flags>(parsed));
  } catch (const std::exception& e) {
    return refuse(e.what(), 1);
  }
}
