#!/usr/bin/env bash
# Installs what is missing, builds, and runs the demo centre on the embedded
# SQLite default (data/motcua.db). MOTCUA_LISTEN overrides the address. When a
# display is available ($DISPLAY), also opens a ticket kiosk and a hall display
# board next to the server (MOTCUA_NO_WINDOWS=1 to skip them); otherwise says
# how to open them.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/deps.sh
scripts/build.sh release --target motcua-server motcua-kiosk motcua-counter

listen="${MOTCUA_LISTEN:-127.0.0.1:8080}"
server="ws://${listen}/ws"
kiosk=build/release/kiosk/motcua-kiosk
counter=build/release/counter/motcua-counter
mkdir -p data
cat <<INFO
Một Cửa demo server on ${listen} (database data/motcua.db)
  WebSocket  ${server}   sub-protocol motcua.v1
  Kiosk      {"type":"hello","id":1,"device_token":"demo-kiosk"}
  Display    {"type":"hello","id":1,"device_token":"demo-display"}
  Clerks     clerk1, clerk2, clerk3 / manager — password "demo"
  HTTP       http://${listen}/healthz   /metrics   /api/v1/services
Stop with Ctrl-C.
INFO

if [ -z "${DISPLAY:-}" ] || [ -n "${MOTCUA_NO_WINDOWS:-}" ]; then
  cat <<HOWTO
Hall screens (on a machine with a display):
  ${kiosk} --server ${server} --token demo-kiosk --mode ticket --size 1080x1920
  ${kiosk} --server ${server} --token demo-display --mode display
  ${kiosk} --server ${server} --token demo-kiosk --mode rating --counter 1
  ${counter} --server ${server} --user clerk1 --password demo --counter 1
  ${counter} --server ${server} --user manager --password demo --screen dashboard
HOWTO
  exec build/release/server/motcua-server --demo --listen "$listen" --db data/motcua.db
fi

build/release/server/motcua-server --demo --listen "$listen" --db data/motcua.db &
server_pid=$!
windows=()
stop() {
  for pid in "${windows[@]}"; do kill "$pid" 2>/dev/null || true; done
  kill "$server_pid" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap stop EXIT INT TERM
sleep 1  # the kiosks reconnect by themselves if the server is slower
"$kiosk" --server "$server" --token demo-kiosk --mode ticket --size 1080x1350 &
windows+=($!)
"$kiosk" --server "$server" --token demo-display --mode display --size 1280x720 \
  --notice "Trung tâm làm việc từ 7 giờ 30 đến 17 giờ, thứ Hai đến thứ Sáu." &
windows+=($!)
XDG_CONFIG_HOME="$PWD/data/clerk1" "$counter" --server "$server" --user clerk1 --password demo \
  --counter 1 &
windows+=($!)
"$counter" --server "$server" --user manager --password demo --screen dashboard &
windows+=($!)
echo "Opened a ticket kiosk, a display board, a clerk's counter (Quầy 1) and the manager's"
echo "dashboard; closing the server closes them."
wait "$server_pid"
