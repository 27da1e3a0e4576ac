#include "server/web/ticket_page.hpp"

#include <array>

#include "shared/domain/glossary.hpp"
#include "shared/domain/text.hpp"

namespace motcua::web {
namespace {

using phrase = domain::text;
using domain::ticket_state;

constexpr phrase heading{"Số thứ tự của quý vị", "Your ticket number"};
constexpr phrase title_of{"Số thứ tự", "Ticket"};
constexpr phrase ahead_text{"Còn {ahead} người trước quý vị", "{ahead} people ahead of you"};
constexpr phrase next_text{"Quý vị là người tiếp theo", "You are next"};
constexpr phrase eta_text{"Dự kiến chờ khoảng {eta} phút", "Estimated wait: about {eta} minutes"};
constexpr phrase come_back{"Xin có mặt ở sảnh trước khi đến lượt.",
                           "Please be back in the hall before your turn."};
constexpr phrase called_text{"Mời đến {counter}", "Please go to {counter}"};
constexpr phrase called_note{"Số của quý vị đã được gọi.", "Your number has been called."};
constexpr phrase serving_text{"Đang phục vụ tại {counter}", "Being served at {counter}"};
constexpr phrase done_text{"Đã xong. Cảm ơn quý vị!", "Done. Thank you!"};
constexpr phrase rate_link{"Đánh giá sự phục vụ", "Rate the service"};
constexpr phrase no_show_text{"Quý vị đã không có mặt khi được gọi",
                              "You were not there when called"};
constexpr phrase no_show_note{"Xin hỏi nhân viên ở quầy hoặc lấy số mới.",
                              "Please ask at a counter or take a new number."};
constexpr phrase cancelled_text{"Số này đã huỷ", "This number is cancelled"};
constexpr phrase give_up{"Tôi không chờ nữa", "I will not wait any longer"};
constexpr phrase live_note{"Trang tự cập nhật khi có thay đổi.",
                           "This page updates itself when anything changes."};
constexpr phrase reload_note{"Trang tự tải lại sau mỗi 30 giây.",
                             "This page reloads itself every 30 seconds."};
constexpr phrase footer{"Trang này chỉ cho biết lượt của số này, không có thông tin cá nhân.",
                        "This page only shows this number's turn, no personal data."};
constexpr phrase cancelled_notice{"Quý vị đã huỷ số này. Chỗ của quý vị đã nhường cho người sau.",
                                  "You cancelled this number; your place went to the next."};
constexpr phrase rated_notice{"Cảm ơn quý vị đã đánh giá.", "Thank you for your rating."};
constexpr phrase cannot_cancel{"Số của quý vị đã được gọi: mời đến quầy, không huỷ được nữa.",
                               "Your number has been called: please go to the counter; it can no "
                               "longer be cancelled."};
constexpr phrase cancel_heading{"Quý vị không chờ nữa?", "Not waiting any longer?"};
constexpr phrase cancel_question{
    "Số {number} sẽ bị huỷ và chỗ của quý vị nhường cho người sau. Không hoàn tác được.",
    "Number {number} will be cancelled and your place given to the next. This cannot be undone."};
constexpr phrase cancel_yes{"Có, huỷ số {number}", "Yes, cancel {number}"};
constexpr phrase keep{"Không, tôi vẫn chờ", "No, I will wait"};
constexpr phrase rating_heading{"Quý vị có hài lòng với sự phục vụ?",
                                "Were you satisfied with the service?"};
constexpr phrase back{"Quay lại số thứ tự", "Back to the ticket"};
constexpr phrase not_found_heading{"Không tìm thấy số thứ tự này", "No such ticket"};
constexpr phrase not_found_text{
    "Địa chỉ này chỉ dùng được trong ngày lấy số. Xin lấy số mới tại máy ở sảnh.",
    "This address works only on the day the number was taken. Please take a new number at the "
    "kiosk in the hall."};

std::string say(const phrase& p, lang language) { return std::string(p(language)); }

// `text` with `{name}` replaced by `value` (already HTML).
std::string fill(const std::string& text, std::string_view name, std::string_view value) {
  std::string key(1, '{');
  key.append(name).push_back('}');
  std::string out;
  std::size_t from = 0;
  for (auto at = text.find(key); at != std::string::npos; at = text.find(key, from)) {
    out.append(text, from, at - from).append(value);
    from = at + key.size();
  }
  return out.append(text, from);
}

std::string suffix(lang language) { return language == lang::en ? "?lang=en" : ""; }
std::string own(const std::string& token, lang language, std::string_view rest = "") {
  return "/ve/" + escape_html(token) + std::string(rest) + suffix(language);
}

// The states the block can show: the ticket's, "next" standing for waiting with no one ahead.
enum class shown { waiting, next, called, serving, done, no_show, cancelled };
constexpr std::array<std::pair<shown, std::string_view>, 7> shown_names{
    {{shown::waiting, "waiting"},
     {shown::next, "next"},
     {shown::called, "called"},
     {shown::serving, "serving"},
     {shown::done, "done"},
     {shown::no_show, "no_show"},
     {shown::cancelled, "cancelled"}}};

shown shown_of(const ticket_card& t) {
  switch (t.state) {
    case ticket_state::waiting:
      return t.ahead == 0 ? shown::next : shown::waiting;
    case ticket_state::called:
      return shown::called;
    case ticket_state::serving:
      return shown::serving;
    case ticket_state::done:
      return shown::done;
    case ticket_state::no_show:
      return shown::no_show;
    case ticket_state::cancelled:
      return shown::cancelled;
  }
  return shown::waiting;
}

std::string_view tone_of(shown s) {
  switch (s) {
    case shown::called:
      return "status tone-call";
    case shown::done:
      return "status tone-done";
    case shown::no_show:
    case shown::cancelled:
      return "status tone-ended";
    default:
      return "status tone-info";
  }
}

// The block for state `s`, its figures `{ahead}`, `{eta}`, `{counter}` (already HTML): the page
// fills them with the ticket's, its templates leave them for the script. Once done, the link to
// the rating unless `rated` already.
std::string block(lang language, shown s, const std::string& token, bool rated = false) {
  auto line = [&](const phrase& strong, const phrase* note = nullptr) {
    return "<strong>" + escape_html(say(strong, language)) + "</strong>" +
           (note ? "<span>" + escape_html(say(*note, language)) + "</span>" : "");
  };
  const std::string cancel = "<a class=\"button secondary\" href=\"" +
                             own(token, language, "/huy") + "\">" +
                             escape_html(say(give_up, language)) + "</a>";
  switch (s) {
    case shown::waiting:
      return "<p>" + line(ahead_text, &eta_text) + "<span>" +
             escape_html(say(come_back, language)) + "</span></p>" + cancel;
    case shown::next:
      return "<p>" + line(next_text, &come_back) + "</p>" + cancel;
    case shown::called:
      return "<p>" + line(called_text, &called_note) + "</p>";
    case shown::serving:
      return "<p>" + line(serving_text) + "</p>";
    case shown::done:
      if (rated) return "<p>" + line(done_text) + "</p>";
      return "<p>" + line(done_text) + "</p><a class=\"button\" href=\"" +
             own(token, language, "/danh-gia") + "\">" + escape_html(say(rate_link, language)) +
             "</a>";
    case shown::no_show:
      return "<p>" + line(no_show_text, &no_show_note) + "</p>";
    case shown::cancelled:
      return "<p>" + line(cancelled_text) + "</p>";
  }
  return {};
}

std::string filled(lang language, const ticket_card& t, bool rated) {
  auto html = block(language, shown_of(t), t.token, rated);
  html = fill(html, "ahead", std::to_string(t.ahead));
  html = fill(html, "eta", t.eta_minutes ? std::to_string(*t.eta_minutes) : "?");
  return fill(html, "counter", escape_html(t.counter.value_or("")));
}

language_hrefs hrefs_of(const std::string& token, std::string_view rest = "") {
  const auto path = "/ve/" + escape_html(token) + std::string(rest);
  return {path, path + "?lang=en"};
}

std::string head_of(const ticket_card& t, lang language) {
  return "<h1>" + escape_html(say(heading, language)) + "</h1><div class=\"card\">" +
         "<p class=\"ticket-number\">" + escape_html(t.number) + "</p><p>" +
         escape_html(t.service) + "</p></div>";
}

std::string title(const ticket_card& t, lang language) {
  return say(title_of, language) + " " + t.number;
}

}  // namespace

std::string render_ticket_page(lang language, const ticket_card& t, ticket_notice notice) {
  std::string main = head_of(t, language);
  switch (notice) {
    case ticket_notice::cancelled:
      main += "<p class=\"notice\" role=\"status\">" +
              escape_html(say(cancelled_notice, language)) + "</p>";
      break;
    case ticket_notice::rated:
      main += "<p class=\"notice\" role=\"status\">" + escape_html(say(rated_notice, language)) +
              "</p>";
      break;
    case ticket_notice::cannot_cancel:
      main +=
          "<p class=\"alert\" role=\"alert\">" + escape_html(say(cannot_cancel, language)) + "</p>";
      break;
    case ticket_notice::none:
      break;
  }
  const auto now = shown_of(t);
  main += "<div id=\"now\" class=\"" + std::string(tone_of(now)) +
          "\" aria-live=\"assertive\" data-token=\"" + escape_html(t.token) + "\">" +
          filled(language, t, notice == ticket_notice::rated) + "</div>";
  const bool over = domain::is_terminal(t.state);
  if (!over) {
    // The script's templates, one per state it may show next.
    for (const auto& [s, name] : shown_names)
      main += "<template id=\"tpl-" + std::string(name) + "\" data-class=\"" +
              std::string(tone_of(s)) + "\">" + block(language, s, t.token) + "</template>";
    main += "<p class=\"hint\" id=\"live\" data-live=\"" + escape_html(say(live_note, language)) +
            "\">" + escape_html(say(reload_note, language)) + "</p>";
  }
  page_head head{ticket_page_csp, {}};
  const std::string extra =
      over ? ""
           : "<noscript><meta http-equiv=\"refresh\" content=\"30\"></noscript>\n"
             "<script src=\"/ve.js\" defer></script>\n";
  head.extra = extra;
  return page(language, title(t, language), hrefs_of(t.token), main, say(footer, language), head);
}

std::string render_ticket_cancel_page(lang language, const ticket_card& t) {
  const auto number = escape_html(t.number);
  std::string main = head_of(t, language);
  main += "<h2>" + escape_html(say(cancel_heading, language)) + "</h2><p>" +
          fill(escape_html(say(cancel_question, language)), "number", number) + "</p>";
  main += "<form class=\"actions\" method=\"post\" action=\"" + own(t.token, language, "/huy") +
          "\"><button class=\"danger\" type=\"submit\">" +
          fill(escape_html(say(cancel_yes, language)), "number", number) +
          "</button><a class=\"button secondary\" href=\"" + own(t.token, language) + "\">" +
          escape_html(say(keep, language)) + "</a></form>";
  return page(language, title(t, language), hrefs_of(t.token, "/huy"), main, say(footer, language),
              {ticket_page_csp, {}});
}

std::string render_ticket_rating_page(lang language, const ticket_card& t, int levels) {
  std::string main = head_of(t, language);
  main += "<h2>" + escape_html(say(rating_heading, language)) + "</h2>";
  main += "<form method=\"post\" action=\"" + own(t.token, language, "/danh-gia") +
          "\"><ul class=\"choices\">";
  for (int level = levels; level >= 1; --level)
    main += "<li><button type=\"submit\" name=\"level\" value=\"" + std::to_string(level) + "\">" +
            escape_html(say(domain::glossary::rating_word(levels, level), language)) +
            "</button></li>";
  main += "</ul></form><p><a href=\"" + own(t.token, language) + "\">" +
          escape_html(say(back, language)) + "</a></p>";
  return page(language, title(t, language), hrefs_of(t.token, "/danh-gia"), main,
              say(footer, language), {ticket_page_csp, {}});
}

std::string render_ticket_not_found_page(lang language) {
  const std::string main = "<h1>" + escape_html(say(not_found_heading, language)) + "</h1><p>" +
                           escape_html(say(not_found_text, language)) + "</p>";
  return page(language, say(not_found_heading, language), {"/ve", "/ve?lang=en"}, main,
              say(footer, language));
}

std::string_view ticket_script() {
  // Plain ES5: cheap phones run old browsers. Text comes only from the page's templates; the
  // figures are escaped before they go in.
  return R"js((function () {
  var box = document.getElementById('now');
  if (!box || !window.EventSource) return;
  var en = document.documentElement.lang === 'en';
  var title = document.title;
  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) { return '&#' + c.charCodeAt(0) + ';'; });
  }
  function ring() {
    if (navigator.vibrate) navigator.vibrate([400, 200, 400, 200, 800]);
    try {
      var Audio = window.AudioContext || window.webkitAudioContext;
      var a = new Audio(), o = a.createOscillator();
      o.frequency.value = 880;
      o.connect(a.destination);
      o.start();
      o.stop(a.currentTime + 0.8);
    } catch (e) {}
  }
  function show(v) {
    var state = v.state === 'waiting' && v.ahead === 0 ? 'next' : v.state;
    var tpl = document.getElementById('tpl-' + state);
    if (!tpl) return;
    var values = {
      ahead: v.ahead,
      eta: v.eta_minutes == null ? '?' : v.eta_minutes,
      counter: (en && v.counter_name_en) || v.counter_name || ''
    };
    box.innerHTML = tpl.innerHTML.replace(/\{(ahead|eta|counter)\}/g, function (m, k) {
      return esc(values[k]);
    });
    box.className = tpl.getAttribute('data-class');
    var headline = box.querySelector('strong');
    document.title = state === 'called' && headline ? headline.textContent : title;
    if (state === 'called') setTimeout(ring, 0);  // after the page shows it: sound may be slow
  }
  var live = document.getElementById('live');
  var events = new EventSource('/api/v1/tickets/' + box.getAttribute('data-token') + '/events');
  events.onopen = function () { live.textContent = live.getAttribute('data-live'); };
  events.onmessage = function (e) {
    var v = JSON.parse(e.data);
    show(v);
    if (v.state === 'done' || v.state === 'cancelled' || v.state === 'no_show') {
      events.close();
      live.textContent = '';
    }
  };
  events.onerror = function () {
    if (events.readyState === 2) setTimeout(function () { location.reload(); }, 30000);
  };
})();
)js";
}

}  // namespace motcua::web
