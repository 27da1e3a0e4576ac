#!/usr/bin/env bash
# Builds the release preset and runs the booking benchmark (tests/bench/booking_bench.cpp): it
# writes 50,000 bookings into a database in a temporary directory ($TMPDIR, default /tmp),
# starts the server itself on 127.0.0.1 and prints one figure per line, "name value": slot
# listing latency and bookings per second. Takes under a minute.
# The listing figures depend mostly on the CPU, the booking rate also on the disk's fsync.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/build.sh release --target motcua_booking_bench motcua-server

scripts/machine_info.sh

exec build/release/tests/bench/motcua_booking_bench
