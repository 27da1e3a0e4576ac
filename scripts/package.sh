#!/usr/bin/env bash
# Builds the Debian packages motcua-server, motcua-kiosk and motcua-counter (release build with
# Debian's paths: the `package` preset, build/package) and prints the .deb paths, one a line.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh package >&2
out=build/package/debs
rm -rf "$out"
cpack --config build/package/CPackConfig.cmake -B "$out" >&2
rm -rf "$out/_CPack_Packages"
ls "$PWD/$out"/*.deb
