#!/usr/bin/env bash
# A province of three centres and its hub (issue 15; README "A province of centres"):
#   1. installs what is missing and builds motcua-hub, motcua-server and motcua-demo-seed;
#   2. starts a PostgreSQL 15 cluster of its own in /tmp/motcua-province-UID (initdb and pg_ctl run as the
#      `postgres` system user when this runs as root: initdb refuses root), on a Unix socket
#      only, and the hub on it;
#   3. starts three demo centres with different unit codes, each configured with the hub, and
#      plays a morning at each (tools/demo_seed: tickets, two counters at work, dossiers, ratings);
#   4. registers the province manager tinh / demo at the hub (the province dashboard), prints
#      `hub http://HOST:PORT` and, per centre, `centre UNITCODE ws://HOST:PORT/ws
#      http://HOST:PORT`, and stays in the foreground until interrupted (Ctrl-C), then stops
#      everything it started.
# MOTCUA_PROVINCE_PORT sets the first port (18090: the hub; the centres the next three).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/deps.sh
scripts/build.sh release --target motcua-hub motcua-server motcua-demo-seed

bin=build/release
data=data/province
# The cluster under /tmp: the postgres user must reach it, and a Unix socket's path is short.
pg_dir="/tmp/motcua-province-$(id -u)"
first_port="${MOTCUA_PROVINCE_PORT:-18090}"
host=127.0.0.1
units=(000.00.11.H26 000.00.12.H26 000.00.13.H26)
names=("UBND phường Hải Châu" "UBND phường Thanh Khê" "UBND xã Hòa Vang")
mkdir -p "$data"

pids=()
stop() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  tests/support/pg_cluster.sh stop "$pg_dir" >/dev/null 2>&1 || true
}
trap stop EXIT
trap 'exit 130' INT TERM

# Returns once GET /healthz on $1 (HOST:PORT) answers 200 and process $3 runs, within 20 s; else
# says so and exits.
await_healthy() {
  local address="$1" what="$2" pid="$3" deadline=$((SECONDS + 20)) status
  while ((SECONDS < deadline)) && kill -0 "$pid" 2>/dev/null; do
    status=""
    {
      printf 'GET /healthz HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n' "$address" >&3
      IFS= read -r -t 2 status <&3
    } 2>/dev/null 3<>"/dev/tcp/${address%:*}/${address##*:}" || true
    [[ "$status" == "HTTP/1."?" 200"* ]] && return 0
    sleep 0.2
  done
  echo "$what did not start: see the lines above" >&2
  exit 1
}

tests/support/pg_cluster.sh start "$pg_dir" >/dev/null
conninfo="$(cat "$pg_dir/conninfo")"
psql -q "$conninfo" -c "CREATE DATABASE motcua_hub" >/dev/null

centres="" separator=""
for i in "${!units[@]}"; do
  token="demo-centre-token-$i-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  tokens[$i]="$token"
  centres+="$separator{\"unit\":\"${units[$i]}\",\"name\":\"${names[$i]}\",\"token\":\"$token\"}"
  separator=","
done
# The province manager of the demo: tinh / demo (the province dashboard in motcua-counter).
manager_hash="$(echo demo | "$bin/server/motcua-server" --hash-password)"
printf '{"centres":[%s],"staff":[{"username":"tinh","display_name":"Quản lý cấp tỉnh (demo)","password_hash":"%s"}]}\n' \
  "$centres" "$manager_hash" >"$data/hub.json"

hub_address="$host:$first_port"
"$bin/hub/motcua-hub" --pg "${conninfo/dbname=postgres/dbname=motcua_hub}" \
  --listen "$hub_address" --config "$data/hub.json" >"$data/hub.log" 2>&1 &
pids+=($!)
await_healthy "$hub_address" "motcua-hub" "$!"

for i in "${!units[@]}"; do
  address="$host:$((first_port + 1 + i))"
  printf '{"unit":{"code":"%s","name":"%s","place":"Đà Nẵng","public_url":"http://%s/tra-cuu/"},"public_base_url":"http://%s","hub":{"url":"http://%s","token":"%s"}}\n' \
    "${units[$i]}" "${names[$i]}" "$address" "$address" "$hub_address" "${tokens[$i]}" \
    >"$data/centre-$i.json"
  "$bin/server/motcua-server" --demo --listen "$address" --db "$data/centre-$i.db" \
    --config "$data/centre-$i.json" >"$data/centre-$i.log" 2>&1 &
  pids+=($!)
  await_healthy "$address" "motcua-server ${units[$i]}" "$!"
  "$bin/tools/demo_seed/motcua-demo-seed" --server "ws://$address/ws" >/dev/null
done

echo "hub http://$hub_address"
for i in "${!units[@]}"; do
  address="$host:$((first_port + 1 + i))"
  echo "centre ${units[$i]} ws://$address/ws http://$address"
done
echo "(province dashboard: motcua-counter --server ws://$hub_address/ws --user tinh --password demo)" >&2
echo "(logs in $data; Ctrl-C stops the hub, the centres and PostgreSQL)" >&2
wait -n "${pids[@]}" || true
