#!/usr/bin/env bash
# The Debian packages as a centre gets them: built by scripts/package.sh (or the .deb files given
# as arguments), their control fields and files, unpacked with `dpkg-deb -x` into a temporary
# root (nothing installed: it runs as root or as any user and changes nothing on the machine),
# the systemd units checked by `systemd-analyze verify`, and the installed server run from that
# root with the unit's own command lines: --version, ExecStartPre (--check-config of the sample
# configuration), then ExecStart on 127.0.0.1 (a free port) with a temporary database until
# GET /healthz answers ok, stopped with SIGTERM (exit 0); the installed hub likewise with its
# unit's ExecStart and sample configuration, on a throwaway PostgreSQL cluster
# (tests/support/pg_cluster.sh). Every wait has a deadline.
set -euo pipefail
cd "$(dirname "$0")/../.."
deadline_seconds=30

fail() {
  echo "package_test: $*" >&2
  exit 1
}

if [ $# -gt 0 ]; then
  debs=("$@")
else
  built="$(scripts/package.sh)"
  mapfile -t debs <<<"$built"
fi
version="$(sed -n 's/^project(motcua VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)-1"

work="$(mktemp -d "${TMPDIR:-/tmp}/motcua-package-XXXXXX")"
fs="$work/fs"
server_pid=""
pg_dir=""
cleanup() {
  if [ -n "$server_pid" ]; then kill -KILL "$server_pid" 2>/dev/null || true; fi
  if [ -n "$pg_dir" ]; then tests/support/pg_cluster.sh stop "$pg_dir" >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# Each package: its version, the Depends it must have, its conffiles; then unpacked into $fs.
declare -A deb_of
for deb in "${debs[@]}"; do deb_of[$(dpkg-deb -f "$deb" Package)]="$deb"; done
check_package() {  # PACKAGE "DEPENDS..." "CONFFILES..."
  local package=$1 deb=${deb_of[$1]:-}
  [ -n "$deb" ] || fail "no $package among: ${debs[*]}"
  [ "$(dpkg-deb -f "$deb" Version)" = "$version" ] ||
    fail "$package: version $(dpkg-deb -f "$deb" Version), expected $version"
  local depends needed
  depends="$(dpkg-deb -f "$deb" Depends)"
  for needed in $2; do
    [[ ", $depends," == *", $needed "* || ", $depends," == *", $needed,"* ]] ||
      fail "$package: Depends has no $needed: $depends"
  done
  mkdir -p "$work/control/$package"
  dpkg-deb -e "$deb" "$work/control/$package"
  [ "$(cat "$work/control/$package/conffiles" 2>/dev/null)" = "$3" ] ||
    fail "$package: conffiles are '$(cat "$work/control/$package/conffiles" 2>/dev/null)'"
  dpkg-deb -x "$deb" "$fs"
  echo "package_test: $package $version: Depends, conffiles ok"
}
check_package motcua-server "adduser fonts-dejavu-core libc6 libsqlite3-0 libssl3 libsodium23" \
  "$(printf '/etc/motcua/config.json\n/etc/default/motcua-server')"
check_package motcua-hub "adduser libc6 libpq5 libssl3" \
  "$(printf '/etc/motcua/hub.json\n/etc/default/motcua-hub')"
check_package motcua-kiosk "fonts-dejavu-core libc6 libglfw3" \
  "$(printf '/etc/motcua/kiosk.conf\n/etc/xdg/autostart/motcua-kiosk.desktop')"
check_package motcua-counter "fonts-dejavu-core libc6 libglfw3" ""

for file in usr/bin/motcua-server usr/bin/motcua-kiosk usr/bin/motcua-counter usr/bin/motcua-hub \
  etc/motcua/config.json etc/default/motcua-server usr/lib/systemd/system/motcua-server.service \
  etc/motcua/hub.json etc/default/motcua-hub usr/lib/systemd/system/motcua-hub.service \
  etc/motcua/kiosk.conf usr/lib/systemd/user/motcua-kiosk.service \
  etc/xdg/autostart/motcua-kiosk.desktop; do
  [ -f "$fs/$file" ] || fail "/$file is not in the packages"
done
for config in config.json hub.json; do
  [ "$(stat -c %a "$fs/etc/motcua/$config")" = 640 ] || fail "/etc/motcua/$config is not 0640"
done

# The units, their programs taken from $fs. verify exits 0 even for an unknown key: it must
# say nothing at all.
in_root() { sed -e "s|/usr/bin/|$fs/usr/bin/|g" -e "s|/etc/motcua/|$fs/etc/motcua/|g" "$@"; }
if command -v systemd-analyze >/dev/null; then
  mkdir -p "$work/units" "$work/runtime"
  chmod 700 "$work/runtime"
  in_root "$fs/usr/lib/systemd/system/motcua-server.service" >"$work/units/motcua-server.service"
  in_root "$fs/usr/lib/systemd/system/motcua-hub.service" >"$work/units/motcua-hub.service"
  in_root "$fs/usr/lib/systemd/user/motcua-kiosk.service" >"$work/units/motcua-kiosk.service"
  said="$(timeout 30 systemd-analyze verify "$work/units/motcua-server.service" 2>&1)" ||
    fail "systemd-analyze verify motcua-server.service: $said"
  [ -z "$said" ] || fail "systemd-analyze verify motcua-server.service: $said"
  said="$(timeout 30 systemd-analyze verify "$work/units/motcua-hub.service" 2>&1)" ||
    fail "systemd-analyze verify motcua-hub.service: $said"
  [ -z "$said" ] || fail "systemd-analyze verify motcua-hub.service: $said"
  said="$(XDG_RUNTIME_DIR="$work/runtime" timeout 30 systemd-analyze --user verify \
    "$work/units/motcua-kiosk.service" 2>&1)" || fail "systemd-analyze verify motcua-kiosk.service: $said"
  [ -z "$said" ] || fail "systemd-analyze --user verify motcua-kiosk.service: $said"
  echo "package_test: systemd-analyze verify: the three units ok"
else
  echo "package_test: no systemd-analyze, the units are not verified"
fi

# The programs as installed; the kiosk reads its sample settings (a bad line would exit 2).
for program in motcua-server motcua-counter motcua-hub; do
  [ "$(timeout 10 "$fs/usr/bin/$program" --version)" = "${version%-1}" ] ||
    fail "$program --version does not say ${version%-1}"
done
said="$(timeout 10 "$fs/usr/bin/motcua-kiosk" --config "$fs/etc/motcua/kiosk.conf" --version 2>&1)" ||
  fail "motcua-kiosk does not take /etc/motcua/kiosk.conf: $said"
echo "package_test: --version of the four programs ok, kiosk.conf read"

# The unit's command lines, with the root, a temporary database and a free loopback port.
# shellcheck disable=SC2016 # the unit's variables, replaced literally
command_of() {  # UNIT KEY: the unit's KEY= line as words, run from $fs
  in_root "$fs/usr/lib/systemd/system/$1.service" | sed -n "s/^$2=//p" |
    sed -e "s|/var/lib/motcua/|$work/state/|g" -e 's|${MOTCUA_LISTEN}|127.0.0.1:0|' \
      -e 's|$MOTCUA_OPTIONS||' -e 's|${MOTCUA_HUB_LISTEN}|127.0.0.1:0|' -e 's|$MOTCUA_HUB_OPTIONS||'
}
read -ra check <<<"$(command_of motcua-server ExecStartPre)"
said="$(timeout 10 "${check[@]}" 2>&1)" || fail "ExecStartPre failed: $said"
[[ $said =~ ^configuration\ "$fs/etc/motcua/config.json"\ is\ valid:\ [1-9][0-9]*\ services,\ [1-9][0-9]*\ counters$ ]] ||
  fail "ExecStartPre said: $said"
echo "package_test: ExecStartPre: $said"
grep -q '"backups": {"folder": "/var/lib/motcua/backups"}' "$fs/etc/motcua/config.json" ||
  fail "/etc/motcua/config.json takes no backups into /var/lib/motcua/backups"

read -ra start <<<"$(command_of motcua-server ExecStart)"
timeout 120 "${start[@]}" >"$work/server.out" 2>"$work/server.err" &
server_pid=$!
healthz() {  # PORT: GET /healthz answered 200 {"status":"ok"}
  exec 3<>"/dev/tcp/127.0.0.1/$1" || return 1
  printf 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3
  local reply
  reply="$(timeout 5 cat <&3)" || true
  exec 3<&-
  [[ $reply == "HTTP/1.1 200"*'{"status":"ok"}'* ]]
}
# Waits for the process started as $server_pid (named $1, output in $work/$1.out and .err) to say
# where it listens and answer ok on /healthz, then stops it with SIGTERM: exit 0.
serve_and_stop() {
  local port="" deadline=$((SECONDS + deadline_seconds)) status=0
  until [ -n "$port" ] && healthz "$port" 2>/dev/null; do
    kill -0 "$server_pid" 2>/dev/null || fail "$1 exited: $(cat "$work/$1.err")"
    [ "$SECONDS" -lt "$deadline" ] || fail "$1: no ok from /healthz in ${deadline_seconds} s"
    port="$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$work/$1.out")"
    sleep 0.1
  done
  echo "package_test: $1 ExecStart: listening on 127.0.0.1:$port, /healthz ok"
  kill -TERM "$server_pid"
  wait "$server_pid" || status=$?
  server_pid=""
  [ "$status" -eq 0 ] || fail "$1 exited $status after SIGTERM: $(cat "$work/$1.err")"
}
serve_and_stop server
[ -f "$work/state/motcua.db" ] || fail "no database at --db"

# The hub's ExecStart on a cluster of its own: --pg is one word (the unit's ${MOTCUA_HUB_PG}).
pg_dir="/tmp/motcua-package-pg-$$"
tests/support/pg_cluster.sh start "$pg_dir" >/dev/null
read -ra start <<<"$(command_of motcua-hub ExecStart)"
for i in "${!start[@]}"; do
  # shellcheck disable=SC2016 # the unit's variable, replaced literally
  [ "${start[$i]}" != '${MOTCUA_HUB_PG}' ] || start[i]="$(cat "$pg_dir/conninfo")"
done
timeout 120 "${start[@]}" >"$work/hub.out" 2>"$work/hub.err" &
server_pid=$!
serve_and_stop hub
echo "package_test: the server and the hub stopped by SIGTERM, exit 0; the packages are good"
