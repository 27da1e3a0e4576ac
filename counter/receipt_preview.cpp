#include "counter/receipt_preview.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <fstream>

#include <GL/gl.h>
#include <imgui.h>
#include <stb/stb_image.h>

#include "counter/screens.hpp"
#include "shared/client/http_get.hpp"
#include "shared/os/process.hpp"

namespace motcua::counter {
namespace {

bool write_file(const std::filesystem::path& p, const std::string& bytes) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << bytes;
  return static_cast<bool>(out.flush());
}

// A private scratch folder for the PDF handed to lp.
std::filesystem::path scratch() {
  auto dir =
      std::filesystem::temp_directory_path() / ("motcua-counter-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  return dir;
}

}  // namespace

receipt_preview::~receipt_preview() {
  if (pending_.valid()) pending_.wait();
  free_texture();
}

receipt_preview::fetched receipt_preview::fetch(std::string host, std::string port,
                                                tls::context_ptr tls, std::string target,
                                                std::string token) {
  fetched out;
  try {
    auto pdf = client::http_get(host, port, target + ".pdf", token, std::chrono::seconds(15), tls);
    auto png = client::http_get(host, port, target + ".png", token, std::chrono::seconds(15), tls);
    if (pdf.status != 200 || png.status != 200) {
      out.error = "HTTP " + std::to_string(pdf.status) + " / " + std::to_string(png.status);
      return out;
    }
    out.pdf = std::move(pdf.body);
    out.png = std::move(png.body);
  } catch (const std::exception& e) {
    out.error = e.what();
  }
  return out;
}

void receipt_preview::request(const std::string& code, const std::string& form,
                              const std::string& token) {
  if (pending_.valid()) pending_.wait();
  free_texture();
  pdf_.clear();
  code_ = code;
  form_ = form;
  status_.clear();
  pending_ = std::async(std::launch::async, fetch, host_, port_, tls_,
                        "/api/v1/dossiers/" + code + "/forms/" + form, token);
}

bool receipt_preview::poll() {
  if (!pending_.valid() || pending_.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
    return false;
  auto f = pending_.get();
  pdf_ = std::move(f.pdf);
  status_ = f.error;
  int channels = 0;
  unsigned char* pixels =
      f.png.empty()
          ? nullptr
          : stbi_load_from_memory(reinterpret_cast<const unsigned char*>(f.png.data()),
                                  static_cast<int>(f.png.size()), &width_, &height_, &channels, 4);
  if (pixels) {
    GLuint id = 0;
    glGenTextures(1, &id);
    glBindTexture(GL_TEXTURE_2D, id);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, width_, height_, 0, GL_RGBA, GL_UNSIGNED_BYTE, pixels);
    stbi_image_free(pixels);
    texture_ = id;
  }
  return true;
}

void receipt_preview::draw(const view& v, float width) {
  if (!open()) return;
  if (loading()) {
    ImGui::TextUnformatted(v({"Đang tải biểu mẫu…", "Loading the form…"}));
    return;
  }
  if (texture_) {
    // The whole page in view when there is room for it at a readable size.
    float fit = ImGui::GetContentRegionAvail().y * width_ / height_;
    float w = std::min({width, static_cast<float>(width_), std::max(fit, 480 * v.scale)});
    ImGui::Image(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(texture_)),
                 ImVec2(w, w * height_ / width_), ImVec2(0, 0), ImVec2(1, 1), ImVec4(1, 1, 1, 1),
                 v.colours.muted);
  } else if (!pdf_.empty()) {
    ImGui::TextWrapped("%s", v({"Không xem trước được; vẫn in hoặc lưu PDF được.",
                                "No preview; the PDF can still be printed or saved."}));
  }
  if (!status_.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, v.colours.danger);
    ImGui::TextWrapped("%s", status_.c_str());
    ImGui::PopStyleColor();
  }
}

void receipt_preview::print() {
  if (pdf_.empty()) return;
  auto file = scratch() / file_name();
  write_file(file, pdf_);
  auto lp = os::find_program("lp");
  if (!lp) {
    status_ = "Không tìm thấy lệnh lp: hãy lưu PDF. / No `lp` command: save the PDF instead.";
    return;
  }
  auto r = os::run_process(*lp, {file.string()});
  status_ = r.exit_code == 0 ? "Đã gửi máy in. / Sent to the printer." : r.errors;
}

void receipt_preview::save(const std::filesystem::path& file) {
  if (pdf_.empty()) return;
  status_ = write_file(file, pdf_) ? "Đã lưu / Saved: " + file.string()
                                   : "Không lưu được / Cannot write: " + file.string();
}

std::string receipt_preview::file_name() const {
  return code_.value_or("mau") + "-" + form_ + ".pdf";
}

void receipt_preview::free_texture() {
  if (texture_) {
    GLuint id = texture_;
    glDeleteTextures(1, &id);
  }
  texture_ = 0;
}

void receipt_preview::close() {
  if (pending_.valid()) pending_.wait();
  pending_ = {};
  free_texture();
  code_.reset();
  pdf_.clear();
  status_.clear();
}

}  // namespace motcua::counter
