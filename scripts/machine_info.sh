#!/usr/bin/env bash
# Prints the machine facts that benchmark figures depend on, one "name value"
# line each: cores, CPU, the temporary directory's disk, SQLite's version.
set -euo pipefail
tmp="${TMPDIR:-/tmp}"
device="$(findmnt -no SOURCE -T "$tmp" 2>/dev/null || echo unknown)"
echo "nproc $(nproc)"
echo "cpu $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
echo "temp_dir $tmp"
echo "disk $device $(findmnt -no FSTYPE,OPTIONS -T "$tmp" 2>/dev/null || true)"
# Name, rotational (1: spinning or reported so by a virtual disk), size, model.
echo "disk_device $(lsblk -dno NAME,ROTA,SIZE,MODEL "$device" 2>/dev/null || echo unknown)"
echo "sqlite $(pkg-config --modversion sqlite3 2>/dev/null || echo unknown)"
