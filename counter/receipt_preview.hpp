// A printed form of a dossier shown on screen and sent to the printer: fetches the PDF and its
// first page as PNG from the server (GET /api/v1/dossiers/{code}/forms/{form}.pdf and .png,
// with the session token) on a worker thread, uploads the PNG as an OpenGL texture, prints the
// PDF with `lp` (the system printer) or saves it where the clerk says.
// UI thread only, except the fetch, which runs on its own thread.
#pragma once

#include <filesystem>
#include <future>
#include <optional>
#include <string>

#include "shared/domain/language.hpp"
#include "shared/tls/context.hpp"

namespace motcua::counter {

struct view;

class receipt_preview {
 public:
  // The server at HOST:PORT, over https:// with `tls` (tls::client_context), else http://.
  receipt_preview(std::string host, std::string port, tls::context_ptr tls)
      : host_(std::move(host)), port_(std::move(port)), tls_(std::move(tls)) {}
  ~receipt_preview();
  receipt_preview(const receipt_preview&) = delete;
  receipt_preview& operator=(const receipt_preview&) = delete;

  // Starts fetching `form` (a name on the server: "receipt", "control-sheet", "supplement"...) of
  // dossier `code`.
  void request(const std::string& code, const std::string& form, const std::string& token);
  // Takes a finished fetch (uploads the texture). Returns true when something changed.
  bool poll();
  bool open() const { return code_.has_value(); }
  bool showing(const std::string& code, const std::string& form) const {
    return code_ == code && form_ == form;
  }
  bool loading() const { return pending_.valid(); }
  // The preview, at most `width` wide; a status line while loading or on failure.
  void draw(const view& v, float width);
  // Sends the PDF to the default printer; the outcome goes to the status line.
  void print();
  // Writes the PDF to `file`.
  void save(const std::filesystem::path& file);
  void close();
  const std::string& status() const { return status_; }
  // A file name for saving: "<code>-receipt.pdf".
  std::string file_name() const;

 private:
  struct fetched {
    std::string pdf;
    std::string png;
    std::string error;
  };
  static fetched fetch(std::string host, std::string port, tls::context_ptr tls, std::string target,
                       std::string token);
  void free_texture();

  std::string host_, port_;
  tls::context_ptr tls_;
  std::optional<std::string> code_;
  std::string form_;
  std::future<fetched> pending_;
  std::string pdf_;
  unsigned texture_ = 0;
  int width_ = 0, height_ = 0;
  std::string status_;
};

}  // namespace motcua::counter
