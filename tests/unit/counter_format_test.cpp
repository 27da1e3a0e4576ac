// The counter's format helpers and saved settings.
#include <cstdlib>

#include "counter/model/counter_settings.hpp"
#include "counter/model/format.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/unit/counter_fixture.hpp"

namespace motcua::testing {
namespace {

TEST(counter_format, WritesDatesTimesDurationsAndMoneyTheVietnameseWay) {
  EXPECT_EQ(counter::local_time_date("2026-12-03T10:00:00Z"), "17:00 03/12/2026");
  EXPECT_EQ(counter::local_time_date("nonsense"), "nonsense");
  EXPECT_EQ(counter::clock_text(245s), "4:05");
  EXPECT_EQ(counter::clock_text(3845s), "1:04:05");
  EXPECT_EQ(counter::clock_text(-5s), "0:00");
  EXPECT_EQ(counter::money_text(600000), "600.000 đ");
  EXPECT_EQ(counter::money_text(0), "0 đ");
  EXPECT_EQ(counter::parse_ui_date("3/12/2026"), std::chrono::year{2026} / 12 / 3);
  EXPECT_FALSE(counter::parse_ui_date("31/02/2026"));
  EXPECT_FALSE(counter::parse_ui_date("2026-12-03"));
  EXPECT_EQ(counter::since(iso(at_9am()), at_9am() + 90s), 90s);
}

TEST(counter_settings, RemembersTheCounterAndServicesBetweenRuns) {
  temp_dir dir;
  auto file = std::filesystem::path(dir.file("motcua/counter.conf"));
  EXPECT_EQ(counter::counter_settings::load(file), counter::counter_settings{});
  counter::counter_settings s{3, {2, 1}, "en"};
  ASSERT_TRUE(s.save(file));
  EXPECT_EQ(counter::counter_settings::load(file), s);

  ::setenv("XDG_CONFIG_HOME", dir.path().c_str(), 1);
  EXPECT_EQ(counter::default_settings_path(), file);
  ::unsetenv("XDG_CONFIG_HOME");
  std::string home = std::getenv("HOME") ? std::getenv("HOME") : "";
  ::setenv("HOME", "/home/lan", 1);
  EXPECT_EQ(counter::default_settings_path(), "/home/lan/.config/motcua/counter.conf");
  ::setenv("HOME", home.c_str(), 1);
}

}  // namespace
}  // namespace motcua::testing
