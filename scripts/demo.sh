#!/usr/bin/env bash
# Installs what is missing, builds, and runs the demo centre on the embedded SQLite default
# (data/motcua.db); MOTCUA_LISTEN overrides the address (127.0.0.1:8080).
#   1. Starts motcua-server --demo and waits (20 s at most) until GET /healthz answers; if it
#      exited or never answered, says so in one line and exits 1. Something already answering
#      on the address (another demo) is refused the same way before the start.
#   2. Plays a morning at the centre through the protocol (tools/demo_seed): 30 tickets taken,
#      Quầy 1 and 2 at work, dossiers registered and moved on, ratings. The same day again it
#      adds nothing.
#   Before the start, motcua-sim writes the eight weeks before today into the database: working
#   days simulated from sim/examples/ordinary-profile.json (Monday and month-end peaks, the
#   weeks before Tết) with the demo's counters (sim/examples/monday-plan.json). Days already
#   there are kept, so a second start adds only the days since.
#   3. With a display ($DISPLAY) and without MOTCUA_NO_WINDOWS=1: opens the ticket kiosk and
#      the hall display board above, the clerk's counter (clerk1, Quầy 1) and the manager's
#      dashboard below, tiled on a 1920x1080 screen; otherwise prints the commands that open
#      them. Ctrl-C (or the server's end) stops the server and closes the windows.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/deps.sh
scripts/build.sh release --target motcua-server motcua-kiosk motcua-counter motcua-demo-seed \
  motcua-sim

listen="${MOTCUA_LISTEN:-127.0.0.1:8080}"
server="ws://${listen}/ws"
bin=build/release
kiosk=$bin/kiosk/motcua-kiosk
counter=$bin/counter/motcua-counter

# True when GET /healthz on $listen answers 200 (bash's /dev/tcp: no HTTP client needed).
healthy() {
  local host="${listen%:*}" port="${listen##*:}" status=""
  host="${host#[}"
  host="${host%]}"
  {
    printf 'GET /healthz HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n' "$listen" >&3
    IFS= read -r -t 2 status <&3
  } 2>/dev/null 3<>"/dev/tcp/${host}/${port}" || return 1
  [[ "$status" == "HTTP/1."?" 200"* ]]
}

if healthy; then
  echo "motcua-server did not start: something already answers on ${listen} (another demo?)" >&2
  exit 1
fi

mkdir -p data
# Eight weeks of history before today (business time), for the dashboard's estimate figures and
# the what-if panel.
history_from="$(TZ=Asia/Ho_Chi_Minh date -d '56 days ago' +%F)"
"$bin/sim/motcua-sim" --write-history data/motcua.db --from "$history_from" --days 56 \
  --profile sim/examples/ordinary-profile.json --plan sim/examples/monday-plan.json >/dev/null
# The tickets' phone pages at this server's address (MOTCUA_PUBLIC_URL when phones reach it by
# another, e.g. http://192.168.1.10:8080): the kiosk's QR code opens them.
printf '{"public_base_url": "%s"}\n' "${MOTCUA_PUBLIC_URL:-http://${listen}}" \
  > data/demo-overrides.json
"$bin/server/motcua-server" --demo --listen "$listen" --db data/motcua.db \
  --config data/demo-overrides.json &
server_pid=$!
windows=()
stop() {
  for pid in "${windows[@]}"; do kill "$pid" 2>/dev/null || true; done
  kill "$server_pid" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap stop EXIT INT TERM

deadline=$((SECONDS + 20))
until healthy; do
  if ! kill -0 "$server_pid" 2>/dev/null || ((SECONDS >= deadline)); then
    echo "motcua-server did not start: see the lines above" >&2
    exit 1
  fi
  sleep 0.2
done
if ! "$bin/tools/demo_seed/motcua-demo-seed" --server "$server"; then
  echo "the demo morning was not played: see the line above" >&2
  exit 1
fi

cat <<INFO
Một Cửa demo server on ${listen} (database data/motcua.db)
  WebSocket  ${server}   sub-protocol motcua.v1
  Kiosk      {"type":"hello","id":1,"device_token":"demo-kiosk"}
  Display    {"type":"hello","id":1,"device_token":"demo-display"}
  Clerks     clerk1, clerk2, clerk3 / manager — password "demo"
  HTTP       http://${listen}/healthz   /metrics   /api/v1/services
  Phones     http://${listen}/dat-lich (booking)   a ticket's page: its QR code, /ve/TOKEN
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
  wait "$server_pid"
  exit
fi

# Two rows on a 1920x1080 screen, each window's top left corner below room for a title bar
# (32 px): the hall's screens above (ticket kiosk, then the board at 16:9), the desk's below,
# taller, as they hold the most text.
"$kiosk" --server "$server" --token demo-kiosk --mode ticket --position 0,32 --size 1160x420 &
windows+=($!)
"$kiosk" --server "$server" --token demo-display --mode display --position 1168,32 \
  --size 752x420 --notice "Trung tâm làm việc từ 7 giờ 30 đến 17 giờ, thứ Hai đến thứ Sáu." &
windows+=($!)
XDG_CONFIG_HOME="$PWD/data/clerk1" "$counter" --server "$server" --user clerk1 --password demo \
  --counter 1 --position 0,488 --size 956x580 &
windows+=($!)
"$counter" --server "$server" --user manager --password demo --screen dashboard \
  --position 964,488 --size 956x580 &
windows+=($!)
echo "Opened a ticket kiosk, a display board, a clerk's counter (Quầy 1) and the manager's"
echo "dashboard; closing the server closes them."
wait "$server_pid"
