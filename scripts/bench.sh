#!/usr/bin/env bash
# Builds the release preset and runs the benchmark (tests/bench/bench.cpp): it starts the
# server itself on 127.0.0.1 with its databases in a temporary directory ($TMPDIR, default
# /tmp) and prints one figure per line, "name value". Takes about a minute.
# The figures depend on the machine, above all on the disk's fsync time: the machine and the
# disk come first.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/build.sh release --target motcua_bench motcua-server

scripts/machine_info.sh

exec build/release/tests/bench/motcua_bench
