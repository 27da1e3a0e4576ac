#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for the tests (the `postgres` ctest fixture, see
# tests/CMakeLists.txt):
#   pg_cluster.sh start DIR   initdb in DIR/data, start it listening on a Unix socket in DIR only
#                             (no TCP), write its conninfo to DIR/conninfo
#   pg_cluster.sh stop DIR    stop it (fast) and remove DIR
# DIR must be absolute and somewhere the postgres user can reach (under /tmp). As root, initdb and
# the server run as the `postgres` system user (initdb refuses root), with DIR given to it. A DIR
# left by a crashed run is stopped and removed before a start.
set -euo pipefail

bin=${MOTCUA_PG_BIN:-/usr/lib/postgresql/15/bin}

usage() {
  echo "usage: $0 start|stop DIR (DIR absolute, e.g. /tmp/motcua-pg-1234)" >&2
  exit 2
}
[[ $# -eq 2 ]] || usage
command=$1
dir=$2
[[ $dir == /?* && $dir != */ && $dir != *..* ]] || usage
cd /  # the postgres user may not be able to enter the caller's directory

as_postgres() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# Whether the postmaster of that pid runs (a zombie does not: a postmaster killed by a crash may
# wait to be reaped by init).
running() {
  [[ $1 =~ ^[0-9]+$ ]] || return 1
  local state
  state=$(ps -o stat= -p "$1" 2>/dev/null) || return 1
  [[ $state != Z* ]]
}

stop_cluster() {
  [[ -e $dir ]] || return 0
  # Only ever remove a directory this script made: empty, or holding its files.
  if [[ -n $(ls -A "$dir") && ! -e $dir/.motcua-pg-cluster ]]; then
    echo "pg_cluster.sh: $dir is not a test cluster's directory; not removing it" >&2
    exit 1
  fi
  local pid
  pid=$(head -n 1 "$dir/data/postmaster.pid" 2>/dev/null || true)
  if running "$pid"; then
    if ! as_postgres "$bin/pg_ctl" -D "$dir/data" -w -t 30 stop -m fast >/dev/null; then
      # pg_ctl could not stop it: stop the postmaster it recorded (immediate shutdown).
      kill -QUIT "$pid" 2>/dev/null || true
      for _ in $(seq 50); do
        running "$pid" || break
        sleep 0.1
      done
    fi
  fi
  rm -rf "$dir"
}

start_cluster() {
  stop_cluster
  mkdir -p "$dir"
  touch "$dir/.motcua-pg-cluster"  # this script's mark: stop_cluster removes only such a DIR
  chmod 700 "$dir"
  if [[ $(id -u) -eq 0 ]]; then
    chown postgres:postgres "$dir"
  fi
  if ! as_postgres "$bin/initdb" -D "$dir/data" --auth=trust -U postgres --encoding=UTF8 \
      --locale=C.UTF-8 >"$dir/initdb.log" 2>&1; then
    cat "$dir/initdb.log" >&2
    exit 1
  fi
  if ! as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-k $dir -c listen_addresses='' -c fsync=on" start >/dev/null; then
    cat "$dir/server.log" >&2 || true
    exit 1
  fi
  echo "host=$dir dbname=postgres user=postgres" >"$dir/conninfo"
  chmod 755 "$dir"  # the tests read conninfo and reach the socket as any user
  echo "PostgreSQL started: $(cat "$dir/conninfo")"
}

case $command in
  start) start_cluster ;;
  stop) stop_cluster ;;
  *) usage ;;
esac
