#include <exception>

#include "kiosk/devices/speech_backend.hpp"
#include "shared/domain/text_policy.hpp"
#include "shared/os/process.hpp"

namespace motcua::devices {

namespace {

// The first stderr line that starts with "error" (espeak-ng's own failure report), or "".
std::string error_line(const std::string& errors) {
  std::size_t start = 0;
  while (start < errors.size()) {
    std::size_t end = errors.find('\n', start);
    if (end == std::string::npos) end = errors.size();
    if (errors.compare(start, 5, "error") == 0) return errors.substr(start, end - start);
    start = end + 1;
  }
  return {};
}

}  // namespace

espeak_backend::espeak_backend(std::string program, std::string voice)
    : program_(std::move(program)), voice_(std::move(voice)) {}

void espeak_backend::speak(const std::string& text) {
  os::process_result result;
  try {
    // No NUL (it would cut the argument short), control or invisible character reaches it.
    result = os::run_process(
        program_, {"-v", voice_, "--", domain::displayable(text, domain::line_breaks::refused)});
  } catch (const std::exception& e) {
    throw speech_error(std::string("espeak-ng could not start: ") + e.what());
  }
  if (result.exit_code != 0)
    throw speech_error("espeak-ng exited with status " + std::to_string(result.exit_code));
  if (std::string line = error_line(result.errors); !line.empty())
    throw speech_error("espeak-ng: " + line);
}

}  // namespace motcua::devices
