#include "kiosk/devices/text_raster.hpp"

#include <pango/pangocairo.h>

#include <algorithm>
#include <memory>
#include <stdexcept>
#include <string>

#include "shared/domain/text_policy.hpp"
#include "shared/render/cairo_support.hpp"

namespace motcua::devices {

namespace {

constexpr const char* font_family = "DejaVu Sans";
constexpr int ink_threshold = 128;  // alpha at or above this is ink

using surface_ptr = std::unique_ptr<cairo_surface_t, render::deleter<cairo_surface_destroy>>;
using cairo_ptr = std::unique_ptr<cairo_t, render::deleter<cairo_destroy>>;
using layout_ptr = std::unique_ptr<PangoLayout, render::deleter<g_object_unref>>;
using context_ptr = std::unique_ptr<PangoContext, render::deleter<g_object_unref>>;
using font_ptr =
    std::unique_ptr<PangoFontDescription, render::deleter<pango_font_description_free>>;

layout_ptr make_layout(PangoContext* context, std::string_view text, const text_style& style,
                       double pixels, int width) {
  layout_ptr layout(pango_layout_new(context));
  font_ptr font(pango_font_description_new());
  pango_font_description_set_family(font.get(), font_family);
  pango_font_description_set_weight(font.get(),
                                    style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_absolute_size(font.get(), pixels * PANGO_SCALE);
  pango_layout_set_font_description(layout.get(), font.get());
  pango_layout_set_alignment(layout.get(), PANGO_ALIGN_CENTER);
  pango_layout_set_width(layout.get(), width * PANGO_SCALE);
  pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
  const std::string safe = domain::displayable(text);
  pango_layout_set_text(layout.get(), safe.data(), static_cast<int>(safe.size()));
  return layout;
}

bool fits_one_line(PangoLayout* layout, int width) {
  int w = 0, h = 0;
  pango_layout_get_pixel_size(layout, &w, &h);
  return pango_layout_get_line_count(layout) == 1 && w <= width;
}

}  // namespace

bitmap render_text(std::string_view text, const text_style& style, int width) {
  if (text.empty() || width <= 0) return bitmap(std::max(width, 0), 0);

  // Measure on a scratch surface, then draw on one of the exact size.
  surface_ptr scratch(cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1));
  render::check(cairo_surface_status(scratch.get()));
  cairo_ptr measure(cairo_create(scratch.get()));
  context_ptr context(pango_font_map_create_context(render::thread_font_map()));
  cairo_font_options_t* options = cairo_font_options_create();
  cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY);
  cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_SLIGHT);
  pango_cairo_context_set_font_options(context.get(), options);
  cairo_font_options_destroy(options);
  pango_cairo_update_context(measure.get(), context.get());

  double pixels = style.pixels;
  layout_ptr layout = make_layout(context.get(), text, style, pixels, width);
  while (!style.wrap && pixels > 4 && !fits_one_line(layout.get(), width)) {
    pixels *= 0.9;
    layout = make_layout(context.get(), text, style, pixels, width);
  }
  // Stacked accents on capitals (Ố, Ẫ) rise above the font's ascent: cover the ink too.
  PangoRectangle ink, logical;
  pango_layout_get_pixel_extents(layout.get(), &ink, &logical);
  const int top = std::min(ink.y, logical.y);
  const int text_height = std::max(ink.y + ink.height, logical.y + logical.height) - top;

  surface_ptr surface(cairo_image_surface_create(CAIRO_FORMAT_A8, width, text_height));
  render::check(cairo_surface_status(surface.get()));
  cairo_ptr cr(cairo_create(surface.get()));
  cairo_set_source_rgba(cr.get(), 0, 0, 0, 1);
  cairo_move_to(cr.get(), 0, -top);
  pango_cairo_update_context(cr.get(), context.get());
  pango_layout_context_changed(layout.get());
  pango_cairo_show_layout(cr.get(), layout.get());
  cairo_surface_flush(surface.get());
  render::check(cairo_status(cr.get()));

  bitmap image(width, text_height);
  const unsigned char* data = cairo_image_surface_get_data(surface.get());
  const int stride = cairo_image_surface_get_stride(surface.get());
  for (int y = 0; y < text_height; ++y)
    for (int x = 0; x < width; ++x)
      if (data[y * stride + x] >= ink_threshold) image.set_black(x, y);
  return image;
}

}  // namespace motcua::devices
