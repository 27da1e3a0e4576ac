// The language pair and the glossary (domain/language.hpp, domain/glossary.hpp): every word in
// both languages and never empty, one hint per status, the legal forms' terms for due times.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "shared/domain/glossary.hpp"
#include "shared/domain/language.hpp"

namespace motcua::domain {
namespace {

using s = dossier_status;

constexpr s all_statuses[] = {s::received,     s::processing, s::supplement_requested,
                              s::result_ready, s::returned,   s::refused,
                              s::withdrawn,    s::stopped};

void expect_both(const text& t, const std::string& what) {
  ASSERT_NE(t.vi, nullptr) << what;
  ASSERT_NE(t.en, nullptr) << what;
  EXPECT_STRNE(t.vi, "") << what;
  EXPECT_STRNE(t.en, "") << what;
  EXPECT_STRNE(t.vi, t.en) << what;
}

TEST(language, ParsesOnlyTheTwoCodes) {
  EXPECT_EQ(parse_lang("vi"), lang::vi);
  EXPECT_EQ(parse_lang("en"), lang::en);
  EXPECT_EQ(parse_lang("EN"), std::nullopt);
  EXPECT_EQ(parse_lang(""), std::nullopt);
  EXPECT_EQ(parse_lang("fr"), std::nullopt);
  for (lang l : {lang::vi, lang::en}) {
    EXPECT_EQ(parse_lang(code_of(l)), l);
    EXPECT_EQ(other(other(l)), l);
    EXPECT_NE(other(l), l);
  }
}

TEST(language, TextAndPickChooseByLanguage) {
  constexpr text t{"Xin chào", "Hello"};
  EXPECT_STREQ(t(lang::vi), "Xin chào");
  EXPECT_STREQ(t(lang::en), "Hello");
  const std::string vi = "Lao động", en = "Labour", none;
  EXPECT_EQ(pick(lang::vi, vi, en), vi);
  EXPECT_EQ(pick(lang::en, vi, en), en);
  EXPECT_EQ(pick(lang::en, vi, none), vi);  // no English name: the Vietnamese one
}

TEST(glossary, EveryStatusHasANameAndOneHintInBothLanguages) {
  std::set<std::string> names, hints;
  for (s status : all_statuses) {
    const std::string what(to_string(status));
    expect_both(glossary::status_name(status), what);
    expect_both(glossary::status_hint(status), what);
    names.insert(glossary::status_name(status).vi);
    hints.insert(glossary::status_hint(status).vi);
  }
  EXPECT_EQ(names.size(), std::size(all_statuses));  // no two statuses read alike
  EXPECT_EQ(hints.size(), std::size(all_statuses));
}

TEST(glossary, DueTimeWordsAreTheLegalFormsTerms) {
  // The control sheet's column (2018 Form 05, 2025 Form 06): trước hạn / đúng hạn / quá hạn.
  EXPECT_STREQ(glossary::early.vi, "Trước hạn");
  EXPECT_STREQ(glossary::on_time.vi, "Đúng hạn");
  EXPECT_STREQ(glossary::late.vi, "Quá hạn");
  // Form 01: "Giấy tiếp nhận hồ sơ và hẹn trả kết quả".
  EXPECT_STREQ(glossary::result_due.vi, "Hẹn trả kết quả");
  EXPECT_STREQ(glossary::receipt.vi, "giấy tiếp nhận hồ sơ và hẹn trả kết quả");
  for (const text& t :
       {glossary::receipt, glossary::received_on, glossary::result_due, glossary::early,
        glossary::on_time, glossary::late, glossary::due_soon, glossary::late_dossiers,
        glossary::on_time_rate, glossary::priority_mark, glossary::progress})
    expect_both(t, t.en);
}

TEST(glossary, StepResultsByTheirWireNames) {
  ASSERT_NE(glossary::step_result_word("early"), nullptr);
  EXPECT_STREQ(glossary::step_result_word("early")->vi, glossary::early.vi);
  ASSERT_NE(glossary::step_result_word("on_time"), nullptr);
  EXPECT_STREQ(glossary::step_result_word("on_time")->vi, "Đúng hạn");
  EXPECT_STREQ(glossary::step_result_word("late")->en, "Late");
  EXPECT_EQ(glossary::step_result_word("Late"), nullptr);
  EXPECT_EQ(glossary::step_result_word(""), nullptr);
}

TEST(glossary, EveryHistoryStepHasAName) {
  expect_both(*glossary::step_name("register"), "register");
  for (auto action : {dossier_action::forward, dossier_action::request_supplement,
                      dossier_action::supplement_received, dossier_action::result_ready,
                      dossier_action::return_result, dossier_action::refuse,
                      dossier_action::withdraw, dossier_action::stop, dossier_action::extend}) {
    const text* name = glossary::step_name(to_string(action));
    ASSERT_NE(name, nullptr) << to_string(action);
    expect_both(*name, std::string(to_string(action)));
  }
  EXPECT_EQ(glossary::step_name("call"), nullptr);
}

TEST(glossary, EveryTextKindStateAndReasonHasAWord) {
  expect_both(glossary::text_messages, "text_messages");
  for (const char* kind : {"ahead", "called", "received", "supplement", "result", "late"}) {
    ASSERT_NE(glossary::text_kind_name(kind), nullptr) << kind;
    expect_both(*glossary::text_kind_name(kind), kind);
  }
  for (const char* state : {"queued", "sending", "sent", "delivered", "failed", "skipped"}) {
    ASSERT_NE(glossary::text_state_word(state), nullptr) << state;
    expect_both(*glossary::text_state_word(state), state);
  }
  for (const char* reason : {"cap", "quiet", "near", "landline", "refused", "report"}) {
    ASSERT_NE(glossary::text_reason_word(reason), nullptr) << reason;
    expect_both(*glossary::text_reason_word(reason), reason);
  }
  EXPECT_EQ(glossary::text_kind_name("dlr"), nullptr);
  EXPECT_EQ(glossary::text_reason_word("busy"), nullptr);
}

TEST(glossary, EveryTicketStateAndPriorityHasAName) {
  for (auto state : {ticket_state::waiting, ticket_state::called, ticket_state::serving,
                     ticket_state::done, ticket_state::no_show, ticket_state::cancelled})
    expect_both(glossary::ticket_state_name(state), std::string(to_string(state)));
  for (auto p : {priority::none, priority::merit, priority::elderly, priority::disabled,
                 priority::pregnant, priority::child, priority::appointment})
    expect_both(glossary::priority_name(p), std::string(to_string(p)));
}

TEST(glossary, EveryRatingLevelHasAWord) {
  for (int levels : {3, 5}) {
    std::set<std::string> words;
    for (int level = 1; level <= levels; ++level) {
      expect_both(glossary::rating_word(levels, level), std::to_string(level));
      words.insert(glossary::rating_word(levels, level).vi);
    }
    EXPECT_EQ(words.size(), static_cast<std::size_t>(levels));
  }
}

}  // namespace
}  // namespace motcua::domain
