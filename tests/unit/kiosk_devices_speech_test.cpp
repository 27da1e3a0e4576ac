// The call sentence, and the process-based backends with real programs: espeak-ng when it is
// installed (writing a WAV file, so no audio device is needed), and stand-in programs for the
// failure cases.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <system_error>

#include "kiosk/devices/announcer.hpp"
#include "shared/os/process.hpp"
#include "tests/support/temp_dir.hpp"

namespace motcua::devices {
namespace {

TEST(KioskDevicesSpeech, CallSentenceSpellsTheNumber) {
  EXPECT_EQ(call_sentence("A012", 3, false),
            "Mời công dân có số thứ tự A, không một hai, đến quầy số 3");
  EXPECT_EQ(call_sentence("A012", 3, true),
            "Ticket number A, zero one two, please go to counter 3");
  EXPECT_EQ(spoken_number("B105", false), "B, một không năm");
  EXPECT_EQ(spoken_number("D-789", false), "D, bảy tám chín");
  EXPECT_EQ(spoken_number("46", false), "bốn sáu");
  EXPECT_EQ(spoken_number("AB", true), "A B");
}

TEST(KioskDevicesSpeech, RunProcessReportsExitCodeAndStderr) {
  const os::process_result r =
      os::run_process("/bin/sh", {"-c", "echo oops >&2; echo out; exit 3"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.errors, "oops\n");
  EXPECT_THROW(os::run_process("/nonexistent/program", {}), std::system_error);
  EXPECT_TRUE(os::find_program("sh").has_value());
  EXPECT_FALSE(os::find_program("motcua-no-such-program").has_value());
}

// A stand-in program: a shell script in `dir` with `body`.
std::string script(const motcua::testing::temp_dir& dir, const std::string& name,
                   const std::string& body) {
  const std::string path = dir.file(name);
  std::ofstream(path) << "#!/bin/sh\n" << body << "\n";
  ::chmod(path.c_str(), 0755);
  return path;
}

TEST(KioskDevicesSpeech, EspeakBackendPassesTextAsOneArgumentWithoutAShell) {
  motcua::testing::temp_dir dir;
  const std::string args = dir.file("args");
  const std::string fake =
      script(dir, "espeak-ng", "printf '%s\\n' \"$@\" > \"$(dirname \"$0\")/args\"");
  espeak_backend(fake, "vi").speak("Mời công dân; $(rm -rf /) đến quầy số 3");
  std::ifstream in(args);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  EXPECT_EQ(lines, (std::vector<std::string>{"-v", "vi", "--",
                                             "Mời công dân; $(rm -rf /) đến quầy số 3"}));
}

// espeak-ng gets the text as a process argument: a NUL would cut it short, and no control,
// escape sequence or invisible character may reach the program.
TEST(KioskDevicesSpeech, EspeakBackendGetsNoControlOrInvisibleCharacter) {
  using namespace std::string_literals;
  motcua::testing::temp_dir dir;
  const std::string fake =
      script(dir, "espeak-ng", "printf '%s|' \"$@\" > \"$(dirname \"$0\")/args\"");
  espeak_backend(fake, "vi").speak("Mời\0 số\x1b[2J A\u202E12\uFFFF\u200B\n\xFF quầy 3"s);
  std::ifstream in(dir.file("args"), std::ios::binary);
  const std::string args{std::istreambuf_iterator<char>(in), {}};
  EXPECT_EQ(args, "-v|vi|--|Mời\uFFFD số\uFFFD[2J A\uFFFD12\uFFFD\uFFFD \uFFFD quầy 3|");
}

// The sentence holds only its own words, the number's letters and digits and the counter
// number, whatever bytes the ticket number held.
TEST(KioskDevicesSpeech, CallSentenceKeepsOnlyLettersAndDigitsOfTheNumber) {
  using namespace std::string_literals;
  EXPECT_EQ(call_sentence("A\0\x1b\u202E0\uFFFF1\xFF"
                          "2\u200B"s,
                          3, false),
            "Mời công dân có số thứ tự A, không một hai, đến quầy số 3");
}

TEST(KioskDevicesSpeech, EspeakBackendFailsOnExitCodeOrErrorLine) {
  motcua::testing::temp_dir dir;
  // espeak-ng 1.51 without a sound card: "error: No such file or directory", exit status 0.
  EXPECT_THROW(espeak_backend(script(dir, "no-audio",
                                     "echo 'ALSA lib pcm.c: Unknown PCM' >&2\n"
                                     "echo 'error: No such file or directory' >&2"),
                              "vi")
                   .speak("xin chào"),
               speech_error);
  EXPECT_THROW(espeak_backend(script(dir, "fails", "exit 1"), "vi").speak("xin chào"),
               speech_error);
  EXPECT_THROW(espeak_backend(dir.file("missing"), "vi").speak("xin chào"), speech_error);
  EXPECT_NO_THROW(espeak_backend(script(dir, "works", "exit 0"), "vi").speak("xin chào"));
}

TEST(KioskDevicesSpeech, RealEspeakSpeaksVietnameseToAFile) {
  const auto espeak = os::find_program("espeak-ng");
  if (!espeak) GTEST_SKIP() << "espeak-ng not installed";
  motcua::testing::temp_dir dir;
  const std::string wav = dir.file("call.wav");
  const os::process_result r =
      os::run_process(*espeak, {"-v", "vi", "-w", wav, "--", call_sentence("A012", 3, false)});
  ASSERT_EQ(r.exit_code, 0) << r.errors;
  EXPECT_GT(std::filesystem::file_size(wav), 20000u);  // a few seconds of 22 kHz speech
  // Through the backend: it speaks when espeak-ng reaches an audio device, and throws
  // speech_error when espeak-ng, run the same way, says it could not ("error: ..." on stderr,
  // still exiting 0, when the machine has no sound card).
  const os::process_result direct = os::run_process(*espeak, {"-v", "vi", "--", "xin chào"});
  const bool no_audio = direct.exit_code != 0 || direct.errors.starts_with("error") ||
                        direct.errors.find("\nerror") != std::string::npos;
  if (no_audio)
    EXPECT_THROW(espeak_backend(*espeak, "vi").speak("xin chào"), speech_error) << direct.errors;
  else
    EXPECT_NO_THROW(espeak_backend(*espeak, "vi").speak("xin chào"));
}

TEST(KioskDevicesSpeech, ChimeBackendPlaysItsWavWithThePlayer) {
  motcua::testing::temp_dir dir;
  const std::string copy = dir.file("played.wav");
  chime_backend chime(script(dir, "player", "cp \"$1\" \"$(dirname \"$0\")/played.wav\""));
  chime.speak("A012");
  std::ifstream in(copy, std::ios::binary);
  std::string header(12, '\0');
  in.read(header.data(), 12);
  EXPECT_EQ(header.substr(0, 4), "RIFF");
  EXPECT_EQ(header.substr(8, 4), "WAVE");
  EXPECT_THROW(chime_backend(script(dir, "broken-player", "exit 1")).speak("A012"), speech_error);
}

}  // namespace
}  // namespace motcua::devices
