// A PDF document written top to bottom: Cairo's PDF surface, text laid out by Pango in DejaVu
// Sans (Vietnamese shaping, line wrapping, font fallback). Lengths are in points (1/72 inch),
// x from the left edge and y from the top edge of the page. Text is Pango markup: build it
// with domain::escape_markup() around every caller-supplied string.
//
// Every text is made displayable (domain::displayable) before Pango or Cairo sees it: any
// bytes print, bad ones as U+FFFD. One writer per document and thread; nothing is shared
// between writers. Errors (invalid markup, a Cairo failure) throw std::runtime_error.
#pragma once

#include "shared/domain/text.hpp"

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "server/docs/pdf.hpp"
#include "shared/render/qr.hpp"

namespace motcua::docs {

struct page_size {
  double width;
  double height;
};
inline constexpr page_size a5_portrait{419.53, 595.28};   // 148 x 210 mm
inline constexpr page_size a4_landscape{841.89, 595.28};  // 297 x 210 mm

enum class align { left, center, right };

struct text_style {
  double size = 9;  // points
  align alignment = align::left;
  bool bold = false;
  bool italic = false;
};

// A table column: its heading (plain text) and share of the table's width.
struct column {
  std::string_view heading;
  double weight;
  align alignment = align::left;
};

class page_writer {
 public:
  // `title` goes in the PDF's metadata. With `number_pages`, "Trang n" is printed at the
  // bottom of every page.
  // With output::png_first_page the pages are drawn on an image and finish() returns the first
  // one as PNG; later pages are drawn and dropped.
  page_writer(page_size size, double margin, const std::string& title, bool number_pages,
              output out = output::pdf);
  ~page_writer();
  page_writer(const page_writer&) = delete;
  page_writer& operator=(const page_writer&) = delete;

  // The content box: from left() to left() + width(), above bottom().
  double left() const { return margin_; }
  double width() const { return size_.width - 2 * margin_; }
  double bottom() const;
  // The cursor: where the next paragraph or table starts.
  double y() const { return y_; }
  void skip(double points) { y_ += points; }
  // Starts a new page unless `height` fits between the cursor and bottom().
  void keep(double height);

  // Height of `markup` wrapped to `width`.
  double measure(std::string_view markup, const text_style& style, double width);
  // Width of `markup` on one line.
  double natural_width(std::string_view markup, const text_style& style);
  // Draws `markup` wrapped to `width` with its top at (x, top); returns its height. The cursor
  // does not move.
  double draw(std::string_view markup, const text_style& style, double x, double top, double width);
  // Draws `markup` at the cursor from left() + indent over `width` (to the right edge of the
  // content box when negative), after a page break if it does not fit; moves the cursor below
  // it and a small gap.
  void paragraph(std::string_view markup, const text_style& style = {}, double indent = 0,
                 double width = -1);
  // A horizontal hairline from (x, y) of `length`.
  void rule(double x, double y, double length);
  // A bordered table at the cursor, the headings shaded; every row is a list of markup cells,
  // one per column. Rows never split; the headings repeat on each new page.
  void table(std::span<const column> columns, const std::vector<std::vector<std::string>>& rows,
             double font_size);
  // `code` drawn as filled squares in the square of side `side` at (x, top), quiet zone not
  // included.
  void qr(const render::qr_matrix& code, double x, double top, double side);

  // Ends the document; the writer must not be used afterwards.
  std::string finish();

 private:
  struct resources;

  void prepare(std::string_view markup, const text_style& style, double width);
  void new_page();
  void end_page();
  // Paints the image white (PNG output only).
  void clear_page();

  page_size size_;
  double margin_;
  bool number_pages_;
  output output_;
  int page_ = 1;
  double y_;
  std::string out_;  // declared before res_: the surface writes into it until destroyed
  std::unique_ptr<resources> res_;
};

}  // namespace motcua::docs
