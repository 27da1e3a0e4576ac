#include "server/web/status_page.hpp"

#include "tests/web/demo_dossier.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "shared/domain/dossier.hpp"
#include "shared/domain/glossary.hpp"

namespace motcua::web {
namespace {

using namespace std::chrono;
using ::testing::HasSubstr;
using ::testing::Not;

const business_zone vietnam{};

using test_data::demo_dossier;

struct rendered {
  lang language;
  std::string html;
};

// Every kind of page the renderer produces, in both languages.
std::vector<rendered> all_pages() {
  std::vector<rendered> pages;
  for (lang l : {lang::vi, lang::en}) {
    pages.push_back({l, render_status_page(demo_dossier(), l, vietnam)});
    pages.push_back({l, render_not_found_page("000.00.00.H99-261127-9999", l)});
    pages.push_back({l, render_search_page(l)});
    pages.push_back({l, render_search_page(l, "Mã không hợp lệ")});
  }
  return pages;
}

TEST(EscapeHtml, EscapesMarkupCharacters) {
  EXPECT_EQ(escape_html(R"(<a href="x" title='y'>&amp;</a>)"),
            "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;");
  EXPECT_EQ(escape_html(""), "");
}

TEST(EscapeHtml, KeepsVietnameseAndWhitespace) {
  EXPECT_EQ(escape_html("Đã có kết quả – mời đến nhận"), "Đã có kết quả – mời đến nhận");
  // Line breaks are kept (as LF), a tab is a space; a form feed is a control.
  EXPECT_EQ(escape_html("a\tb\nc\r\nd\re\ff"), "a b\nc\nd\ne\uFFFDf");
}

TEST(EscapeHtml, ReplacesNonCharactersAndInvisibleCharacters) {
  EXPECT_EQ(escape_html("a\uFFFFb\uFDD0c\U0010FFFEd"), "a\uFFFDb\uFFFDc\uFFFDd");
  EXPECT_EQ(escape_html("a\u202Eb\u2066c\u200Bd\uFEFFe"), "a\uFFFDb\uFFFDc\uFFFDd\uFFFDe");
}

TEST(EscapeHtml, ReplacesControlCharactersAndRepairsBadUtf8) {
  using namespace std::string_literals;
  EXPECT_EQ(escape_html("a\0b\033c\177"s), "a\uFFFDb\uFFFDc\uFFFD");
  EXPECT_EQ(escape_html("a\u0085b\u009f"), "a\uFFFDb\uFFFD");  // C1 controls
  EXPECT_EQ(escape_html("\u00a0\u00e9"), "\u00a0\u00e9");      // not controls
  EXPECT_EQ(escape_html("x\xff<"), "x\uFFFD&lt;");
  EXPECT_EQ(escape_html("\xc2"), "\uFFFD");  // truncated sequence
}

TEST(QueryParam, FindsAndDecodes) {
  EXPECT_EQ(query_param("/tra-cuu?code=000.17.22.H56-210531-0001", "code"),
            "000.17.22.H56-210531-0001");
  EXPECT_EQ(query_param("/tra-cuu?lang=en&code=a+b%2Fc%e1%BA%A1", "code"), "a b/cạ");
  EXPECT_EQ(query_param("/tra-cuu?code=1&code=2", "code"), "1");
  EXPECT_EQ(query_param("/tra-cuu?code", "code"), "");
  EXPECT_EQ(query_param("/tra-cuu?code=x#frag", "code"), "x");
  EXPECT_EQ(query_param("/tra-cuu?code=50%&x=%zz%4", "code"), "50%");
  EXPECT_EQ(query_param("/tra-cuu?code=50%&x=%zz%4", "x"), "%zz%4");
  EXPECT_EQ(query_param("/tra-cuu?co%64e=y", "code"), "y");
}

TEST(QueryParam, AbsentParameter) {
  EXPECT_EQ(query_param("/tra-cuu", "code"), std::nullopt);
  EXPECT_EQ(query_param("/tra-cuu?", "code"), std::nullopt);
  EXPECT_EQ(query_param("/tra-cuu?barcode=1&codes=2", "code"), std::nullopt);
}

TEST(LangFromQuery, ReadsLangParameter) {
  EXPECT_EQ(lang_from_query("/tra-cuu/000.00.00.H99-261127-0003?lang=en"), lang::en);
  EXPECT_EQ(lang_from_query("/tra-cuu?code=x&lang=en"), lang::en);
  EXPECT_EQ(lang_from_query("/tra-cuu?lang=vi"), lang::vi);
  EXPECT_EQ(lang_from_query("/tra-cuu/x"), std::nullopt);
  EXPECT_EQ(lang_from_query("/tra-cuu?lang=fr"), std::nullopt);
  EXPECT_EQ(lang_from_query("/tra-cuu?lang="), std::nullopt);
  EXPECT_EQ(lang_from_query("/tra-cuu?xlang=en"), std::nullopt);
}

TEST(StatusPage, CspConstant) {
  EXPECT_EQ(status_page_csp,
            "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'");
}

TEST(StatusPage, Vietnamese) {
  const std::string page = render_status_page(demo_dossier(), lang::vi, vietnam);
  EXPECT_EQ(page.rfind("<!DOCTYPE html>\n<html lang=\"vi\">", 0), 0u);
  EXPECT_THAT(page, HasSubstr("<meta charset=\"utf-8\">"));
  EXPECT_THAT(page,
              HasSubstr(R"(<meta name="viewport" content="width=device-width, initial-scale=1">)"));
  EXPECT_THAT(page, HasSubstr("000.00.00.H99-261127-0003"));
  EXPECT_THAT(page, HasSubstr("Trợ cấp xã hội hằng tháng"));
  EXPECT_THAT(page, Not(HasSubstr("Monthly social allowance")));
  EXPECT_THAT(page, HasSubstr("Đã có kết quả – mời đến nhận"));
  EXPECT_THAT(page, HasSubstr("Ngày tiếp nhận"));
  EXPECT_THAT(page,
              HasSubstr(R"(<time datetime="2026-11-27T08:05:00+07:00">08:05 27/11/2026</time>)"));
  EXPECT_THAT(page, HasSubstr(">17:00 11/12/2026</time>"));
  EXPECT_THAT(page, HasSubstr("Đúng hạn"));
  EXPECT_THAT(page, Not(HasSubstr("Quá hạn")));
  EXPECT_THAT(page, Not(HasSubstr("Ngày hoàn thành")));  // not finished
  EXPECT_THAT(page, HasSubstr("font:18px"));
  // The switch to English keeps the code; Vietnamese is the current language.
  EXPECT_THAT(page, HasSubstr(R"(href="/tra-cuu/000.00.00.H99-261127-0003?lang=en")"));
  EXPECT_THAT(page, HasSubstr(R"(aria-current="page" lang="vi">Tiếng Việt</span>)"));
  EXPECT_THAT(page, HasSubstr(R"(href="/tra-cuu">Tra cứu hồ sơ khác</a>)"));
}

TEST(StatusPage, TimelineInGivenOrder) {
  const std::string page = render_status_page(demo_dossier(), lang::vi, vietnam);
  const auto first = page.find("Tiếp nhận hồ sơ");
  const auto second = page.find(">09:30 30/11/2026</time><span class=\"step\">Phòng Bảo trợ");
  const auto third = page.find(">15:45 09/12/2026</time><span class=\"step\">Có kết quả");
  ASSERT_NE(first, std::string::npos);
  ASSERT_NE(second, std::string::npos);
  ASSERT_NE(third, std::string::npos);
  EXPECT_LT(first, second);
  EXPECT_LT(second, third);
  EXPECT_THAT(page, HasSubstr("<ol class=\"timeline"));

  public_dossier fresh = demo_dossier();
  fresh.history.clear();
  EXPECT_THAT(render_status_page(fresh, lang::vi, vietnam), HasSubstr("Chưa có bước xử lý nào."));
  EXPECT_THAT(render_status_page(fresh, lang::en, vietnam), HasSubstr("No steps recorded yet."));
}

TEST(StatusPage, English) {
  const std::string page = render_status_page(demo_dossier(), lang::en, vietnam);
  EXPECT_EQ(page.rfind("<!DOCTYPE html>\n<html lang=\"en\">", 0), 0u);
  EXPECT_THAT(page, HasSubstr("Monthly social allowance"));
  EXPECT_THAT(page, HasSubstr("Result ready – please collect it"));
  EXPECT_THAT(page, HasSubstr("On time"));
  EXPECT_THAT(page, HasSubstr(">08:05 27/11/2026</time>"));
  EXPECT_THAT(page, HasSubstr(R"(href="/tra-cuu/000.00.00.H99-261127-0003" hreflang="vi")"));
  EXPECT_THAT(page, HasSubstr(R"(href="/tra-cuu?lang=en">Look up another dossier</a>)"));
  EXPECT_THAT(page, Not(HasSubstr("Đã có kết quả")));

  public_dossier untranslated = demo_dossier();
  untranslated.procedure_en.clear();
  EXPECT_THAT(render_status_page(untranslated, lang::en, vietnam),
              HasSubstr("Trợ cấp xã hội hằng tháng"));
}

TEST(StatusPage, EveryStatusInPlainWords) {
  const std::pair<std::string_view, std::pair<std::string_view, std::string_view>> cases[] = {
      {"received", {"Đã tiếp nhận", "Received"}},
      {"processing", {"Đang giải quyết", "Being processed"}},
      {"supplement_requested", {"Cần bổ sung hồ sơ", "Documents missing"}},
      {"result_ready", {"Đã có kết quả – mời đến nhận", "Result ready – please collect it"}},
      {"returned", {"Đã trả kết quả", "Result handed over"}},
      {"refused", {"Từ chối tiếp nhận", "Refused"}},
      {"withdrawn", {"Đã rút hồ sơ", "Withdrawn"}},
      {"stopped", {"Dừng giải quyết", "Processing stopped"}},
  };
  for (const auto& [status, labels] : cases) {
    SCOPED_TRACE(std::string(status));
    public_dossier d = demo_dossier();
    d.status = status;
    EXPECT_THAT(render_status_page(d, lang::vi, vietnam),
                HasSubstr("<strong>" + std::string(labels.first) + "</strong>"));
    EXPECT_THAT(render_status_page(d, lang::en, vietnam),
                HasSubstr("<strong>" + std::string(labels.second) + "</strong>"));
    // The hint is the glossary's, the one the kiosk shows too.
    const domain::text hint = domain::glossary::status_hint(*domain::parse_dossier_status(status));
    for (lang l : {lang::vi, lang::en})
      EXPECT_THAT(render_status_page(d, l, vietnam),
                  HasSubstr("<span>" + escape_html(hint(l)) + "</span>"));
  }
}

TEST(StatusPage, UnknownStatusShownEscaped) {
  public_dossier d = demo_dossier();
  d.status = "awaiting_<fee>";
  EXPECT_THAT(render_status_page(d, lang::vi, vietnam),
              HasSubstr("<strong>awaiting_&lt;fee&gt;</strong>"));
}

TEST(StatusPage, LateAndFinished) {
  public_dossier d = demo_dossier();
  d.status = "returned";
  d.late = true;
  d.finished_at = vietnam.at(2026y / December / 14d, 10h + 20min);
  const std::string vi = render_status_page(d, lang::vi, vietnam);
  EXPECT_THAT(vi, HasSubstr("<span class=\"badge late\">Quá hạn</span>"));
  EXPECT_THAT(vi, Not(HasSubstr("Đúng hạn")));
  EXPECT_THAT(vi,
              HasSubstr("<dt>Ngày hoàn thành</dt><dd><time datetime=\"2026-12-14T10:20:00+07:00\">"
                        "10:20 14/12/2026</time></dd>"));
  const std::string en = render_status_page(d, lang::en, vietnam);
  EXPECT_THAT(en, HasSubstr("<span class=\"badge late\">Late</span>"));
  EXPECT_THAT(en, HasSubstr("<dt>Finished</dt>"));
}

TEST(StatusPage, TimesInBusinessZone) {
  public_dossier d = demo_dossier();
  d.received_at = sys_days{2026y / November / 26d} + 23h + 30min;  // 06:30 on the 27th in Vietnam
  EXPECT_THAT(render_status_page(d, lang::vi, vietnam), HasSubstr(">06:30 27/11/2026</time>"));
  EXPECT_THAT(render_status_page(d, lang::vi, *business_zone::parse("UTC")),
              HasSubstr(R"(<time datetime="2026-11-26T23:30:00+00:00">23:30 26/11/2026</time>)"));
}

TEST(StatusPage, EscapesEveryText) {
  public_dossier d = demo_dossier();
  d.code = "X\"><b>";
  d.procedure = "<script>alert('x')</script> & co";
  d.procedure_en = d.procedure;
  d.history = {{"<img src=x onerror=alert(1)>", d.received_at}};
  for (lang l : {lang::vi, lang::en}) {
    const std::string page = render_status_page(d, l, vietnam);
    EXPECT_THAT(page, Not(HasSubstr("<script")));
    EXPECT_THAT(page, Not(HasSubstr("<img")));
    EXPECT_THAT(page, Not(HasSubstr("<b>")));
    EXPECT_THAT(page, HasSubstr("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co"));
    EXPECT_THAT(page, HasSubstr("&lt;img src=x onerror=alert(1)&gt;"));
    EXPECT_THAT(page, HasSubstr("X&quot;&gt;&lt;b&gt;"));
    EXPECT_THAT(page, HasSubstr("/tra-cuu/X%22%3E%3Cb%3E"));  // the switch link
  }
}

TEST(NotFoundPage, FriendlyWithCodeEscaped) {
  const std::string vi = render_not_found_page("ABC-<i>'1'", lang::vi);
  EXPECT_EQ(vi.rfind("<!DOCTYPE html>\n<html lang=\"vi\">", 0), 0u);
  EXPECT_THAT(vi, HasSubstr("<h1>Không tìm thấy hồ sơ</h1>"));
  EXPECT_THAT(vi,
              HasSubstr("Không có hồ sơ nào mang mã <span class=\"code\">ABC-&lt;i&gt;&#39;1&#39;"
                        "</span>."));
  EXPECT_THAT(vi, HasSubstr("Vui lòng kiểm tra lại mã"));
  EXPECT_THAT(vi, Not(HasSubstr("<i>")));
  // The search form comes filled in, and the switch keeps the code.
  EXPECT_THAT(vi, HasSubstr("name=\"code\" type=\"text\" value=\"ABC-&lt;i&gt;&#39;1&#39;\""));
  EXPECT_THAT(vi, HasSubstr("href=\"/tra-cuu/ABC-%3Ci%3E%271%27?lang=en\""));

  const std::string en = render_not_found_page("000.00.00.H99-261127-9999", lang::en);
  EXPECT_EQ(en.rfind("<!DOCTYPE html>\n<html lang=\"en\">", 0), 0u);
  EXPECT_THAT(en, HasSubstr("<h1>Dossier not found</h1>"));
  EXPECT_THAT(en, HasSubstr("There is no dossier with the code <span class=\"code\">"
                            "000.00.00.H99-261127-9999</span>."));
  EXPECT_THAT(en, HasSubstr(R"(<input type="hidden" name="lang" value="en">)"));
  EXPECT_THAT(en, HasSubstr(R"(href="/tra-cuu/000.00.00.H99-261127-9999" hreflang="vi")"));
}

TEST(SearchPage, FormAndError) {
  const std::string vi = render_search_page(lang::vi);
  EXPECT_THAT(vi, HasSubstr(R"(<form class="card" method="get" action="/tra-cuu">)"));
  EXPECT_THAT(vi, HasSubstr(R"(<input id="code" name="code" type="text" value="" required)"));
  EXPECT_THAT(vi, HasSubstr("<button type=\"submit\">Tra cứu</button>"));
  EXPECT_THAT(vi, HasSubstr("min-height:52px"));  // tap targets
  EXPECT_THAT(vi, Not(HasSubstr("role=\"alert\"")));
  EXPECT_THAT(vi, Not(HasSubstr("name=\"lang\"")));
  EXPECT_THAT(vi, HasSubstr(R"(href="/tra-cuu?lang=en" hreflang="en")"));

  const std::string en = render_search_page(lang::en, "Not a <dossier> code");
  EXPECT_THAT(en, HasSubstr("<button type=\"submit\">Look up</button>"));
  EXPECT_THAT(en, HasSubstr("role=\"alert\">Not a &lt;dossier&gt; code</p>"));
  EXPECT_THAT(en, HasSubstr(R"(href="/tra-cuu" hreflang="vi")"));
}

TEST(AllPages, NothingExternalNoScripts) {
  for (const auto& [language, page] : all_pages()) {
    for (std::string_view banned : {"http://", "https://", "<script", "@import", "url(", "<link",
                                    "<img", "<iframe", "src=", "@font-face"})
      EXPECT_EQ(page.find(banned), std::string::npos) << banned << " in\n" << page;
    EXPECT_THAT(page,
                HasSubstr("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
                          "&#39;none&#39;; style-src &#39;unsafe-inline&#39;;"));
    EXPECT_THAT(page, HasSubstr(language == lang::vi ? "Trang này không hiển thị thông tin cá nhân."
                                                     : "This page shows no personal data."));
  }
}

// Start and end tags nest and close (void elements aside); the <style>
// content is not markup.
TEST(AllPages, TagsBalance) {
  const std::vector<std::string_view> void_elements = {"meta", "input", "br"};
  for (const auto& [language, page] : all_pages()) {
    std::vector<std::string> open;
    std::size_t pos = page.find("<html");
    ASSERT_NE(pos, std::string::npos);
    while ((pos = page.find('<', pos)) != std::string::npos) {
      const std::size_t end = page.find('>', pos);
      ASSERT_NE(end, std::string::npos);
      std::string_view tag(page.data() + pos + 1, end - pos - 1);
      const bool closing = tag.starts_with('/');
      if (closing) tag.remove_prefix(1);
      const std::string name(tag.substr(0, tag.find_first_of(" \n")));
      if (closing) {
        ASSERT_FALSE(open.empty()) << "</" << name << "> closes nothing";
        ASSERT_EQ(open.back(), name) << "at " << pos;
        open.pop_back();
      } else if (std::find(void_elements.begin(), void_elements.end(), name) ==
                 void_elements.end()) {
        open.push_back(name);
      }
      pos = name == "style" && !closing ? page.find("</style>", end) : end;
    }
    EXPECT_TRUE(open.empty());
  }
}

}  // namespace
}  // namespace motcua::web
