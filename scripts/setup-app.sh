#!/usr/bin/env bash
# Installs what the desktop app needs on a fresh Debian/Ubuntu machine: the WebKitGTK/GTK
# development packages to build it, Node.js/npm for the UI, and (with --e2e) Xvfb,
# WebKitWebDriver and tauri-driver for the end-to-end tests. Safe to run twice.
#   bash scripts/setup-app.sh          # build and run the app
#   bash scripts/setup-app.sh --e2e    # also the end-to-end test tools (CI)
#
# The UI's build (Vite 8) needs Node.js 20.19 or newer; Debian 12 ships 18.19 and Ubuntu 24.04
# 18.19 too. When the system's Node is older (or missing), npm — the distribution's own is
# enough — installs the `node` package from the npm registry (it carries the official Node.js
# binaries) into .tools/node, which the Makefile puts first on PATH. Nothing else is touched.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
NODE_MAJOR=22
LOCAL_NODE="$ROOT/.tools/node/node_modules/.bin/node"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
PKGS=(libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev libssl-dev libayatana-appindicator3-dev
      libxdo-dev libdbus-1-dev build-essential pkg-config file fonts-liberation2)
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

# A Node.js that builds the UI: the system's if it is 20.19 or newer, else a local one.
node_ok() {
  "$1" -e 'const [a, b] = process.versions.node.split(".").map(Number);
           process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)' >/dev/null 2>&1
}
if node_ok node || node_ok "$LOCAL_NODE"; then
  exit 0
fi
echo "Node.js $(node --version 2>/dev/null || echo 'is missing'); the UI needs 20.19 or newer:" \
     "installing node@$NODE_MAJOR from the npm registry into .tools/node"
mkdir -p "$ROOT/.tools/node"
npm install --prefix "$ROOT/.tools/node" --no-save --no-audit --no-fund --loglevel=error "node@$NODE_MAJOR"
if ! node_ok "$LOCAL_NODE"; then
  echo "error: $LOCAL_NODE does not run; install Node.js 20.19 or newer and try again" >&2
  exit 1
fi
echo "Using $("$LOCAL_NODE" --version) from .tools/node"
