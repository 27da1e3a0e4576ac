// dossier_list_model and dossier_page_model: search requests, the actions each status allows,
// what each action needs, the forms printed after them.
#include "counter/model/dossier_list_model.hpp"
#include "counter/model/dossier_page_model.hpp"
#include "tests/unit/counter_fixture.hpp"

namespace motcua::testing {
namespace {

using domain::dossier_action;

TEST(counter_dossier_list, SearchesWithFiltersAndDatesAsTheWireWantsThem) {
  recorder net;
  counter::dossier_list_model m(net.sender());
  m.text = "nguyen van an";
  m.from = "01/11/2026";
  m.to = "30/11/2026";
  m.filter = counter::dossier_filter::late;
  m.search();
  const auto& q = net.last<protocol::search_dossiers>();
  EXPECT_EQ(q.text, "nguyen van an");
  EXPECT_EQ(q.from, "2026-11-01");
  EXPECT_EQ(q.to, "2026-12-01");  // exclusive on the wire
  EXPECT_EQ(q.late, true);
  EXPECT_FALSE(q.due_soon);

  protocol::dossier_view d;
  d.code = "X-1";
  m.on_reply(ok(net.last_id(), protocol::dossiers_result{{d}, 1}));
  EXPECT_EQ(m.results().size(), 1u);
  m.on_event(event(protocol::dossier_changed{}));  // keeps the list current
  EXPECT_EQ(net.sent.size(), 2u);

  m.to = "31/13/2026";
  m.search();
  EXPECT_EQ(net.sent.size(), 2u);
  EXPECT_EQ(m.problem()->fields.count("to"), 1u);
}

class counter_dossier_page : public ::testing::Test {
 protected:
  void show(const std::string& status, bool extended = false) {
    model_.open("X-1");
    EXPECT_EQ(net_.last<protocol::get_dossier>().code, "X-1");
    protocol::dossier_view d;
    d.code = "X-1";
    d.status = status;
    d.due_at = iso(at_9am() + std::chrono::hours{48});
    if (extended) d.original_due_at = iso(at_9am());
    model_.on_reply(ok(net_.last_id(), protocol::dossier_result{d}));
  }
  std::string actions() {
    std::string out;
    for (auto a : model_.actions())
      out += std::string(out.empty() ? "" : " ") + std::string(domain::to_string(a));
    return out;
  }

  domain::test_clock clock_{at_9am()};
  recorder net_;
  counter::dossier_page_model model_{clock_, net_.sender()};
};

TEST_F(counter_dossier_page, OffersExactlyTheActionsTheStatusAllows) {
  show("received");
  EXPECT_EQ(actions(), "forward request_supplement refuse withdraw stop extend");
  show("supplement_requested");
  EXPECT_EQ(actions(), "supplement_received refuse withdraw stop extend");
  show("processing", true);  // extended once already
  EXPECT_EQ(actions(), "forward request_supplement result_ready refuse withdraw stop");
  show("result_ready");
  EXPECT_EQ(actions(), "return_result");
  show("returned");
  EXPECT_EQ(actions(), "");
  show("processing");
  clock_.advance(std::chrono::hours{49});  // past due: no more extension
  EXPECT_EQ(actions(), "forward request_supplement result_ready refuse withdraw stop");
}

TEST_F(counter_dossier_page, EachActionAsksForWhatItNeedsAndOffersItsForm) {
  show("processing");
  auto sent = net_.sent.size();
  model_.act(dossier_action::refuse, "", "", "");
  EXPECT_EQ(model_.problem()->message, "Cần ghi lý do.");
  model_.act(dossier_action::forward, "", "", "");
  EXPECT_EQ(model_.problem()->fields.count("to"), 1u);
  model_.act(dossier_action::extend, "Cần xác minh thêm", "", "32/12/2026");
  EXPECT_EQ(model_.problem()->fields.count("new_due_at"), 1u);
  model_.act(dossier_action::return_result, "", "", "");
  EXPECT_EQ(model_.problem()->fields.count("action"), 1u);
  EXPECT_EQ(net_.sent.size(), sent);

  model_.act(dossier_action::extend, "Cần xác minh thêm", "", "10/12/2026");
  EXPECT_EQ(net_.last<protocol::advance_dossier>(),
            (protocol::advance_dossier{"X-1", "extend", "Cần xác minh thêm", std::nullopt,
                                       "2026-12-10T17:00:00+07:00"}));
  protocol::dossier_view d;
  d.code = "X-1";
  d.status = "processing";
  model_.on_reply(ok(net_.last_id(), protocol::dossier_result{d}));
  EXPECT_EQ(model_.form_to_print(), "apology");

  model_.act(dossier_action::forward, "", "Phòng Người có công", "");
  EXPECT_EQ(net_.last<protocol::advance_dossier>().to, "Phòng Người có công");
  model_.on_reply(ok(net_.last_id(), protocol::dossier_result{d}));
  EXPECT_FALSE(model_.form_to_print());
  EXPECT_EQ(counter::form_after(dossier_action::request_supplement), "supplement");
  EXPECT_EQ(counter::form_after(dossier_action::refuse), "refusal");
  EXPECT_EQ(counter::form_after(dossier_action::stop), "stop");
}

TEST_F(counter_dossier_page, ReloadsWhenItsDossierChangesElsewhere) {
  show("processing");
  auto sent = net_.sent.size();
  protocol::dossier_changed other;
  other.dossier.code = "Y-2";
  model_.on_event(event(other));
  EXPECT_EQ(net_.sent.size(), sent);
  protocol::dossier_changed mine;
  mine.dossier.code = "X-1";
  model_.on_event(event(mine));
  EXPECT_EQ(net_.last<protocol::get_dossier>().code, "X-1");
}

}  // namespace
}  // namespace motcua::testing
