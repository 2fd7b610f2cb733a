#!/usr/bin/env bash
# Installs what a fresh Debian/Ubuntu machine lacks to build and test Văn Thư.
set -euo pipefail
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
PKGS=(libreoffice-writer-nogui fonts-liberation2 poppler-utils qpdf hunspell-vi libxml2-utils pkg-config build-essential postgresql openssl)
missing=()
for p in "${PKGS[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
rustup component add rustfmt clippy >/dev/null 2>&1 || true
