#!/usr/bin/env bash
# Installs what the desktop app needs on a fresh Debian/Ubuntu machine: the WebKitGTK/GTK
# development packages to build it, Node.js/npm for the UI, and (with --e2e) Xvfb,
# WebKitWebDriver and tauri-driver for the end-to-end tests. Safe to run twice.
#   bash scripts/setup-app.sh          # build and run the app
#   bash scripts/setup-app.sh --e2e    # also the end-to-end test tools (CI)
set -euo pipefail
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
PKGS=(libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev libssl-dev libayatana-appindicator3-dev
      libxdo-dev build-essential pkg-config file fonts-liberation2)
if ! command -v npm >/dev/null 2>&1; then PKGS+=(nodejs npm); fi
if [ "${1:-}" = "--e2e" ]; then
  PKGS+=(xvfb xauth webkit2gtk-driver imagemagick)
fi
missing=()
for p in "${PKGS[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
if [ "${1:-}" = "--e2e" ] && ! command -v tauri-driver >/dev/null 2>&1; then
  cargo install tauri-driver --locked
fi
