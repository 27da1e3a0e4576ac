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

scripts/machine_info.sh

exec build/release/tests/bench/motcua_dossier_bench "$@"
