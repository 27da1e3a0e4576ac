#!/usr/bin/env bash
# Installs what is missing, checks, builds, and runs every test:
#   0. formatting: every C++ file as the repository's .clang-format writes it;
#   1. release build (GCC): unit and integration tests (ctest); every build also checks the
#      include directions (cmake/layers.cmake);
#   2. the Debian packages (scripts/package.sh), unpacked and their server run
#      (tests/package/package_test.sh);
#   3. build without the GUI libraries: the kiosk's and the counter's screen models and their
#      tests;
#   4. sanitizer build (clang, AddressSanitizer + UndefinedBehaviorSanitizer):
#      the same tests again, then each libFuzzer target for a short bounded run.
# Both builds treat warnings as errors (MOTCUA_WERROR in their presets). Each test has its own
# timeout (tests/CMakeLists.txt); --timeout stops any test registered without one.
# Exits non-zero on any failure. MOTCUA_FUZZ_SECONDS (default 30) sets the fuzz time.
set -euo pipefail
cd "$(dirname "$0")/.."
backstop_seconds=300

scripts/deps.sh

echo "== formatting (clang-format --dry-run -Werror)"
git ls-files -z '*.cpp' '*.hpp' '*.h' | xargs -0 clang-format --dry-run -Werror

echo "== release build and tests"
scripts/build.sh release
ctest --preset release -j 2 --timeout "$backstop_seconds"

echo "== packages"
built="$(scripts/package.sh)"
mapfile -t debs <<<"$built"
timeout "$backstop_seconds" tests/package/package_test.sh "${debs[@]}"

echo "== without the GUI libraries: the screens' models and their tests"
scripts/build.sh nogui --target kiosk_unit_tests counter_unit_tests
build/nogui/tests/unit/kiosk_unit_tests
build/nogui/tests/unit/counter_unit_tests

echo "== sanitizer build (ASan + UBSan) and tests"
scripts/build.sh fuzz
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
ctest --test-dir build/fuzz --output-on-failure -j 2 --timeout "$backstop_seconds"

echo "== fuzzing"
MOTCUA_FUZZ_SECONDS="${MOTCUA_FUZZ_SECONDS:-30}" scripts/fuzz.sh --no-build
