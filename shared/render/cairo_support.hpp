// Small pieces every Cairo + Pango drawing of ours needs (the forms, the kiosk's slips):
// unique_ptr deleters for C objects, a Pango font map per thread, and Cairo errors as
// exceptions.
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include <memory>
#include <stdexcept>
#include <string>

namespace motcua::render {

// std::unique_ptr<T, deleter<free_function>>: frees a C object with its own function.
template <auto Free>
struct deleter {
  template <typename T>
  void operator()(T* p) const {
    Free(p);
  }
};

// Pango font maps must not be shared between threads: each thread has its own, released with
// the thread (unlike Pango's default one, which leak checkers report).
inline PangoFontMap* thread_font_map() {
  thread_local std::unique_ptr<PangoFontMap, deleter<g_object_unref>> map(
      pango_cairo_font_map_new());
  return map.get();
}

// Throws std::runtime_error("cairo: ...") unless `status` is success.
inline void check(cairo_status_t status) {
  if (status != CAIRO_STATUS_SUCCESS)
    throw std::runtime_error(std::string("cairo: ") + cairo_status_to_string(status));
}

}  // namespace motcua::render
