#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <numbers>
#include <string>
#include <system_error>
#include <utility>

#include "kiosk/devices/speech_backend.hpp"
#include "shared/os/process.hpp"

namespace motcua::devices {

namespace {

constexpr int sample_rate = 22050;

void put_u32(std::string& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out += static_cast<char>((v >> (8 * i)) & 0xff);
}
void put_u16(std::string& out, std::uint16_t v) {
  out += static_cast<char>(v & 0xff);
  out += static_cast<char>(v >> 8);
}

// "Ding-dong": 880 Hz then 660 Hz, each fading out; 16-bit mono PCM in a WAV container.
std::string chime_wav() {
  std::string samples;
  for (const auto& [frequency, seconds] : {std::pair{880.0, 0.25}, std::pair{660.0, 0.35}}) {
    const int count = static_cast<int>(seconds * sample_rate);
    for (int i = 0; i < count; ++i) {
      const double t = double(i) / sample_rate;
      const double v =
          0.5 * std::exp(-4.0 * t / seconds) * std::sin(2 * std::numbers::pi * frequency * t);
      put_u16(samples, static_cast<std::uint16_t>(static_cast<std::int16_t>(v * 32767)));
    }
  }
  std::string wav = "RIFF";
  put_u32(wav, static_cast<std::uint32_t>(36 + samples.size()));
  wav += "WAVEfmt ";
  put_u32(wav, 16);
  put_u16(wav, 1);  // PCM
  put_u16(wav, 1);  // mono
  put_u32(wav, sample_rate);
  put_u32(wav, sample_rate * 2);
  put_u16(wav, 2);
  put_u16(wav, 16);
  wav += "data";
  put_u32(wav, static_cast<std::uint32_t>(samples.size()));
  return wav + samples;
}

std::string write_temp_wav() {
  const char* dir = std::getenv("TMPDIR");
  std::string path = std::string(dir && *dir ? dir : "/tmp") + "/motcua-chime-XXXXXX.wav";
  const int fd = ::mkstemps(path.data(), 4);
  if (fd < 0) throw std::system_error(errno, std::generic_category(), "mkstemps");
  const std::string wav = chime_wav();
  const bool ok = ::write(fd, wav.data(), wav.size()) == static_cast<ssize_t>(wav.size());
  ::close(fd);
  if (!ok) {
    ::unlink(path.c_str());
    throw std::system_error(EIO, std::generic_category(), "writing the chime");
  }
  return path;
}

}  // namespace

chime_backend::chime_backend(std::string player)
    : player_(std::move(player)), wav_path_(write_temp_wav()) {}

chime_backend::~chime_backend() { ::unlink(wav_path_.c_str()); }

void chime_backend::speak(const std::string&) {
  os::process_result result;
  try {
    result = os::run_process(player_, {wav_path_});
  } catch (const std::exception& e) {
    throw speech_error("chime player could not start: " + std::string(e.what()));
  }
  if (result.exit_code != 0)
    throw speech_error(player_ + " exited with status " + std::to_string(result.exit_code));
}

void bell_backend::speak(const std::string&) {
  if (::isatty(STDERR_FILENO)) (void)!::write(STDERR_FILENO, "\a", 1);
}

}  // namespace motcua::devices
