#!/usr/bin/env bash
# Builds the release preset and runs the benchmark (tests/bench/bench.cpp): it starts the
# server itself on 127.0.0.1 with its databases in a temporary directory ($TMPDIR, default
# /tmp) and prints one figure per line, "name value". Takes about a minute.
# The figures depend on the machine, above all on the disk's fsync time: the machine and the
# disk come first.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/build.sh release --target motcua_bench motcua-server

tmp="${TMPDIR:-/tmp}"
device="$(findmnt -no SOURCE -T "$tmp" 2>/dev/null || echo unknown)"
echo "nproc $(nproc)"
echo "cpu $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
echo "temp_dir $tmp"
echo "disk $device $(findmnt -no FSTYPE,OPTIONS -T "$tmp" 2>/dev/null || true)"
# Name, rotational (1: spinning or reported so by a virtual disk), size, model.
echo "disk_device $(lsblk -dno NAME,ROTA,SIZE,MODEL "$device" 2>/dev/null || echo unknown)"

exec build/release/tests/bench/motcua_bench
