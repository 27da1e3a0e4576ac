#include "server/docs/page.hpp"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <new>
#include <stdexcept>

#include "shared/domain/text_policy.hpp"
#include "shared/render/cairo_support.hpp"

namespace motcua::docs {

namespace {

constexpr double png_scale = 2;  // 72 dpi points to 144 dpi pixels

constexpr const char* font_family = "DejaVu Sans";
constexpr double cell_padding = 2.5;
constexpr double hairline = 0.5;
constexpr double paragraph_gap = 2;

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
  try {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
  } catch (const std::bad_alloc&) {
    return CAIRO_STATUS_NO_MEMORY;
  }
}

PangoAlignment pango_alignment(align a) {
  switch (a) {
    case align::center:
      return PANGO_ALIGN_CENTER;
    case align::right:
      return PANGO_ALIGN_RIGHT;
    case align::left:
      break;
  }
  return PANGO_ALIGN_LEFT;
}

}  // namespace

struct page_writer::resources {
  std::unique_ptr<cairo_surface_t, render::deleter<cairo_surface_destroy>> surface;
  std::unique_ptr<cairo_t, render::deleter<cairo_destroy>> cr;
  std::unique_ptr<PangoContext, render::deleter<g_object_unref>> context;
  std::unique_ptr<PangoLayout, render::deleter<g_object_unref>> layout;
};

page_writer::page_writer(page_size size, double margin, const std::string& title, bool number_pages,
                         output out)
    : size_(size),
      margin_(margin),
      number_pages_(number_pages),
      output_(out),
      y_(margin),
      res_(std::make_unique<resources>()) {
  if (output_ == output::pdf) {
    res_->surface.reset(
        cairo_pdf_surface_create_for_stream(append_to_string, &out_, size.width, size.height));
    render::check(cairo_surface_status(res_->surface.get()));
    cairo_pdf_surface_set_metadata(
        res_->surface.get(), CAIRO_PDF_METADATA_TITLE,
        domain::displayable(title, domain::line_breaks::refused).c_str());
    cairo_pdf_surface_set_metadata(res_->surface.get(), CAIRO_PDF_METADATA_CREATOR, "Một Cửa");
  } else {
    res_->surface.reset(cairo_image_surface_create(CAIRO_FORMAT_RGB24,
                                                   static_cast<int>(size.width * png_scale),
                                                   static_cast<int>(size.height * png_scale)));
    render::check(cairo_surface_status(res_->surface.get()));
  }
  res_->cr.reset(cairo_create(res_->surface.get()));
  render::check(cairo_status(res_->cr.get()));
  if (output_ != output::pdf) {
    cairo_scale(res_->cr.get(), png_scale, png_scale);
    clear_page();
  }
  res_->context.reset(pango_font_map_create_context(render::thread_font_map()));
  pango_cairo_update_context(res_->cr.get(), res_->context.get());
  // Unhinted metrics: a PDF has no pixel grid, so glyph advances stay exact.
  cairo_font_options_t* options = cairo_font_options_create();
  cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options(res_->context.get(), options);
  cairo_font_options_destroy(options);
  res_->layout.reset(pango_layout_new(res_->context.get()));
  pango_layout_set_wrap(res_->layout.get(), PANGO_WRAP_WORD_CHAR);
}

page_writer::~page_writer() = default;

double page_writer::bottom() const { return size_.height - margin_ - (number_pages_ ? 12 : 0); }

void page_writer::keep(double height) {
  if (y_ + height > bottom() && y_ > margin_) new_page();
}

void page_writer::end_page() {
  if (number_pages_) {
    draw("Trang " + std::to_string(page_), {7, align::center}, margin_, size_.height - margin_ - 8,
         width());
  }
  if (output_ == output::pdf) return cairo_show_page(res_->cr.get());
  if (page_ == 1) {
    cairo_surface_flush(res_->surface.get());
    render::check(cairo_surface_write_to_png_stream(res_->surface.get(), append_to_string, &out_));
  }
  clear_page();
}

void page_writer::clear_page() {
  cairo_t* cr = res_->cr.get();
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
}

void page_writer::new_page() {
  end_page();
  ++page_;
  y_ = margin_;
}

void page_writer::prepare(std::string_view markup, const text_style& style, double width) {
  PangoAttrList* attrs = nullptr;
  char* text = nullptr;
  GError* error = nullptr;
  // Every string reaches Pango and Cairo through here: made displayable first, whatever bytes
  // a stored field holds (Cairo refuses non-characters, GMarkup invalid UTF-8).
  const std::string safe = domain::displayable(markup);
  if (!pango_parse_markup(safe.data(), static_cast<int>(safe.size()), 0, &attrs, &text, nullptr,
                          &error)) {
    std::string message = std::string("markup: ") + error->message;
    g_error_free(error);
    throw std::runtime_error(message);
  }
  PangoLayout* layout = res_->layout.get();
  // A character reference in the markup (&#xFDD0;) can still name a refused character: then
  // the text is cleaned and drawn without its attributes, whose byte offsets no longer hold.
  const std::string plain = domain::displayable(text);
  const bool clean = plain == text;
  pango_layout_set_text(layout, plain.data(), static_cast<int>(plain.size()));
  pango_layout_set_attributes(layout, clean ? attrs : nullptr);
  g_free(text);
  pango_attr_list_unref(attrs);

  PangoFontDescription* font = pango_font_description_new();
  pango_font_description_set_family_static(font, font_family);
  // Absolute size: device units, which are points on a PDF surface.
  pango_font_description_set_absolute_size(font, style.size * PANGO_SCALE);
  pango_font_description_set_weight(font, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_style(font, style.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
  pango_layout_set_font_description(layout, font);
  pango_font_description_free(font);

  pango_layout_set_width(layout, width < 0 ? -1 : static_cast<int>(width * PANGO_SCALE));
  pango_layout_set_alignment(layout, pango_alignment(style.alignment));
}

double page_writer::measure(std::string_view markup, const text_style& style, double width) {
  prepare(markup, style, width);
  int w = 0, h = 0;
  pango_layout_get_size(res_->layout.get(), &w, &h);
  return static_cast<double>(h) / PANGO_SCALE;
}

double page_writer::natural_width(std::string_view markup, const text_style& style) {
  prepare(markup, style, -1);
  int w = 0, h = 0;
  pango_layout_get_size(res_->layout.get(), &w, &h);
  return static_cast<double>(w) / PANGO_SCALE;
}

double page_writer::draw(std::string_view markup, const text_style& style, double x, double top,
                         double width) {
  const double height = measure(markup, style, width);
  cairo_t* cr = res_->cr.get();
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_move_to(cr, x, top);
  pango_cairo_show_layout(cr, res_->layout.get());
  return height;
}

void page_writer::paragraph(std::string_view markup, const text_style& style, double indent,
                            double width) {
  if (width < 0) width = this->width() - indent;
  keep(measure(markup, style, width));
  y_ += draw(markup, style, margin_ + indent, y_, width) + paragraph_gap;
}

void page_writer::rule(double x, double y, double length) {
  cairo_t* cr = res_->cr.get();
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_set_line_width(cr, hairline);
  cairo_move_to(cr, x, y);
  cairo_line_to(cr, x + length, y);
  cairo_stroke(cr);
}

void page_writer::table(std::span<const column> columns,
                        const std::vector<std::vector<std::string>>& rows, double font_size) {
  double total_weight = 0;
  for (const column& c : columns) total_weight += c.weight;
  std::vector<double> widths;
  std::vector<std::string> headings;
  for (const column& c : columns) {
    widths.push_back(width() * c.weight / total_weight);
    headings.push_back(domain::escape_markup(c.heading));
  }
  const text_style heading_style{font_size, align::center, true};
  auto cell_style = [&](std::size_t i) { return text_style{font_size, columns[i].alignment}; };
  auto row_height = [&](const std::vector<std::string>& cells, bool heading) {
    double h = 0;
    for (std::size_t i = 0; i < columns.size() && i < cells.size(); ++i) {
      const text_style style = heading ? heading_style : cell_style(i);
      h = std::max(h, measure(cells[i], style, widths[i] - 2 * cell_padding));
    }
    return h + 2 * cell_padding;
  };
  cairo_t* cr = res_->cr.get();
  auto draw_row = [&](const std::vector<std::string>& cells, bool heading) {
    const double h = row_height(cells, heading);
    double x = margin_;
    for (std::size_t i = 0; i < columns.size(); ++i) {
      cairo_rectangle(cr, x, y_, widths[i], h);
      if (heading) {
        cairo_set_source_rgb(cr, 0.9, 0.9, 0.9);
        cairo_fill_preserve(cr);
      }
      cairo_set_source_rgb(cr, 0, 0, 0);
      cairo_set_line_width(cr, hairline);
      cairo_stroke(cr);
      if (i < cells.size()) {
        draw(cells[i], heading ? heading_style : cell_style(i), x + cell_padding, y_ + cell_padding,
             widths[i] - 2 * cell_padding);
      }
      x += widths[i];
    }
    y_ += h;
  };

  const double first = rows.empty() ? 0 : row_height(rows.front(), false);
  keep(row_height(headings, true) + first);
  draw_row(headings, true);
  for (const std::vector<std::string>& row : rows) {
    if (y_ + row_height(row, false) > bottom()) {
      new_page();
      draw_row(headings, true);
    }
    draw_row(row, false);
  }
}

void page_writer::qr(const render::qr_matrix& code, double x, double top, double side) {
  cairo_t* cr = res_->cr.get();
  const double module = side / code.size;
  // One path of horizontal runs, filled once: no seams between neighbouring squares.
  for (int r = 0; r < code.size; ++r) {
    for (int c = 0; c < code.size;) {
      if (!code.at(r, c)) {
        ++c;
        continue;
      }
      int end = c;
      while (end < code.size && code.at(r, end)) ++end;
      cairo_rectangle(cr, x + c * module, top + r * module, (end - c) * module, module);
      c = end;
    }
  }
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_fill(cr);
}

std::string page_writer::finish() {
  end_page();
  render::check(cairo_status(res_->cr.get()));
  res_->layout.reset();
  res_->context.reset();
  res_->cr.reset();
  cairo_surface_finish(res_->surface.get());
  render::check(cairo_surface_status(res_->surface.get()));
  res_.reset();
  return std::move(out_);
}

}  // namespace motcua::docs
