#!/usr/bin/env bash
# Installs what is missing, builds, and runs the demo centre on the embedded
# SQLite default (data/motcua.db). MOTCUA_LISTEN overrides the address.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/deps.sh
scripts/build.sh release --target motcua-server

listen="${MOTCUA_LISTEN:-127.0.0.1:8080}"
mkdir -p data
cat <<INFO
Một Cửa demo server on ${listen} (database data/motcua.db)
  WebSocket  ws://${listen}/ws   sub-protocol motcua.v1
  Kiosk      {"type":"hello","id":1,"device_token":"demo-kiosk"}
  Display    {"type":"hello","id":1,"device_token":"demo-display"}
  Clerks     clerk1, clerk2, clerk3 / manager — password "demo"
  HTTP       http://${listen}/healthz   /metrics   /api/v1/services
Stop with Ctrl-C.
INFO
exec build/release/server/motcua-server --demo --listen "$listen" --db data/motcua.db
