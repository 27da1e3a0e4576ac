#!/usr/bin/env bash
# Runs each libFuzzer target for a bounded time (MOTCUA_FUZZ_SECONDS, default 300).
# A crash leaves its input in build/fuzz/crashes/ and fails the script.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "${1:-}" = "--no-build" ] || { scripts/deps.sh; scripts/build.sh fuzz; }

seconds="${MOTCUA_FUZZ_SECONDS:-300}"
mkdir -p build/fuzz/crashes
for target in codec_fuzz province_fuzz http_fuzz render_fuzz; do
  corpus="build/fuzz/corpus/$target"
  mkdir -p "$corpus"
  cp -n tests/fuzz/seeds/"$target"/* "$corpus"/ 2>/dev/null || true
  dict=()
  [ -f "tests/fuzz/$target.dict" ] && dict=(-dict="tests/fuzz/$target.dict")
  echo "fuzz: $target for ${seconds}s"
  log="build/fuzz/$target.log"
  status=0
  "build/fuzz/tests/fuzz/$target" "${dict[@]}" -max_total_time="$seconds" -print_final_stats=1 \
    -artifact_prefix=build/fuzz/crashes/"$target"- "$corpus" >"$log" 2>&1 || status=$?
  tail -n 12 "$log"
  [ "$status" -eq 0 ] || { echo "fuzz: $target FAILED (status $status, see $log)"; exit 1; }
done
echo "fuzz: no crash"
