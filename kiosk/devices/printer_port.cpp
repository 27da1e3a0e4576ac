// write_to_printer (escpos.hpp): POSIX open/poll/write on a device or a file.
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "kiosk/devices/escpos.hpp"

namespace motcua::devices {

namespace {

class fd_guard {
 public:
  explicit fd_guard(int fd) : fd_(fd) {}
  ~fd_guard() {
    if (fd_ >= 0) ::close(fd_);
  }
  fd_guard(const fd_guard&) = delete;
  fd_guard& operator=(const fd_guard&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

std::string open_error(const std::string& path, int error) {
  switch (error) {
    case ENOENT:
    case ENODEV:
    case ENXIO:
      return "Không tìm thấy máy in " + path + ". Kiểm tra cáp USB và nguồn điện của máy in.";
    case EACCES:
    case EPERM:
      return "Không có quyền ghi vào máy in " + path +
             ". Thêm tài khoản chạy kiosk vào nhóm lp rồi đăng nhập lại.";
    case EBUSY:
      return "Máy in " + path + " đang bị chương trình khác sử dụng.";
    default:
      return "Không mở được máy in " + path + " (" + std::strerror(error) + ").";
  }
}

std::string write_error(const std::string& path, int error) {
  if (error == ENOSPC) return "Máy in " + path + " hết giấy.";
  return "Lỗi khi gửi dữ liệu tới máy in " + path + " (" + std::strerror(error) + ").";
}

}  // namespace

std::optional<std::string> write_to_printer(const std::string& path, std::string_view bytes,
                                            std::chrono::milliseconds stall_timeout) {
  const bool device = path.starts_with("/dev/");
  const int flags = O_WRONLY | O_NONBLOCK | O_CLOEXEC | (device ? 0 : O_CREAT | O_APPEND);
  fd_guard fd(::open(path.c_str(), flags, 0644));
  if (fd.get() < 0) return open_error(path, errno);

  while (!bytes.empty()) {
    const ssize_t n = ::write(fd.get(), bytes.data(), bytes.size());
    if (n > 0) {
      bytes.remove_prefix(static_cast<std::size_t>(n));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) return write_error(path, errno);
    pollfd p{fd.get(), POLLOUT, 0};
    int ready = 0;
    do {
      ready = ::poll(&p, 1, static_cast<int>(stall_timeout.count()));
    } while (ready < 0 && errno == EINTR);
    if (ready < 0) return write_error(path, errno);
    if (ready == 0)
      return "Máy in " + path + " không nhận dữ liệu (hết giấy, nắp đang mở hoặc máy đã tắt?).";
  }
  return std::nullopt;
}

}  // namespace motcua::devices
