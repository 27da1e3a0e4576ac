// Draws the hall display board from a call_board: the latest call very large (flashing when it
// arrives), the last calls, per service the number being served and the number waiting, the
// clock and date, and a notice line (scrolling when it is too long to fit). Returns whether it
// animates (flash, scrolling notice).
#pragma once

#include <string>

#include "kiosk/model/call_board.hpp"
#include "kiosk/views/view_kit.hpp"
#include "shared/domain/clock.hpp"

namespace motcua::kiosk {

class board_view {
 public:
  board_view(std::string centre, std::string notice)
      : centre_(std::move(centre)), notice_(std::move(notice)) {}

  // True while something moves (the flash, a notice too long to fit), so that the loop keeps
  // drawing.
  bool draw(const call_board& board, domain::lang l, domain::time_point now, const view_context& v);

 private:
  void latest(const call_board& board, domain::lang l, domain::time_point now,
              const view_context& v, ImVec2 size);
  void last_calls(const call_board& board, domain::lang l, const view_context& v);
  void services(const call_board& board, domain::lang l, const view_context& v);
  // Draws the notice line; true when it is too long to stand still and scrolls.
  bool notice(domain::time_point now, const view_context& v);

  std::string centre_;
  std::string notice_;
};

}  // namespace motcua::kiosk
