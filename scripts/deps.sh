#!/usr/bin/env bash
# Installs the Debian packages Một Cửa needs, only when some are missing.
# Quick and silent when everything is present; idempotent.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config clang clang-format libcli11-dev
  libboost1.81-dev libboost-json1.81-dev
  libsqlite3-dev libsodium-dev libutf8proc-dev libspdlog-dev libssl-dev openssl
  libgtest-dev
  libcairo2-dev libpango1.0-dev libqrencode-dev fonts-dejavu-core poppler-utils zbar-tools
  chromium chromium-driver python3-selenium python3-websocket
  libimgui-dev libglfw3-dev libstb-dev libgl1-mesa-dri xvfb xauth espeak-ng
  kannel kannel-extras
  postgresql-15 libpq-dev
  dpkg-dev file
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "deps: installing ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  sudo apt-get update -qq
  sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
else
  echo "deps: run as root:  apt-get install -y ${missing[*]}" >&2
  exit 1
fi
