#!/usr/bin/env bash
# Builds the release preset and runs the province hub's benchmark (tests/bench/hub_bench.cpp):
# a PostgreSQL 15 cluster of its own in /tmp (tests/support/pg_cluster.sh; as root the server
# runs as the `postgres` user), motcua-hub on it, 100 simulated centres pushing a busy day each,
# then one large centre catching up a day alone. Prints one figure per line, "name value".
# Arguments go to the program (--centres N, --threads N, --batch N).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/build.sh release --target motcua_hub_bench motcua-hub
scripts/machine_info.sh

pg_dir="/tmp/motcua-bench-pg-$(id -u)"
trap 'tests/support/pg_cluster.sh stop "$pg_dir" >/dev/null 2>&1 || true' EXIT
tests/support/pg_cluster.sh start "$pg_dir" >/dev/null
conninfo="$(cat "$pg_dir/conninfo")"
psql -q "$conninfo" -c "CREATE DATABASE motcua_hub_bench"
build/release/tests/bench/motcua_hub_bench --pg "${conninfo/dbname=postgres/dbname=motcua_hub_bench}" "$@"
