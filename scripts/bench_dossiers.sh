#!/usr/bin/env bash
# Builds the release preset and runs the dossier benchmark (tests/bench/dossier_bench.cpp):
# it writes 1,000,000 dossiers into a database in a temporary directory ($TMPDIR, default
# /tmp; about 2.5 GB), starts the server itself on 127.0.0.1 and prints one figure per line,
# "name value". Takes two to five minutes. Arguments go to the program
# (`--keep PATH` also keeps a copy of the database).
# The search figures depend mostly on the CPU, the load figure also on the disk.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/build.sh release --target motcua_dossier_bench motcua-server

tmp="${TMPDIR:-/tmp}"
device="$(findmnt -no SOURCE -T "$tmp" 2>/dev/null || echo unknown)"
echo "nproc $(nproc)"
echo "cpu $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
echo "temp_dir $tmp"
echo "disk $device $(findmnt -no FSTYPE,OPTIONS -T "$tmp" 2>/dev/null || true)"
# Name, rotational (1: spinning or reported so by a virtual disk), size, model.
echo "disk_device $(lsblk -dno NAME,ROTA,SIZE,MODEL "$device" 2>/dev/null || echo unknown)"
echo "sqlite $(pkg-config --modversion sqlite3 2>/dev/null || echo unknown)"

exec build/release/tests/bench/motcua_dossier_bench "$@"
