#!/usr/bin/env bash
# Builds target/vanthu_<version>_<arch>.deb from the release app with dpkg-deb (no cargo-deb).
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
ARCH=$(dpkg --print-architecture)
BIN=target/release/vanthu-app
[ -x "$BIN" ] || { echo "error: $BIN is missing: run make app-release first" >&2; exit 1; }
ROOT=$(mktemp -d)
chmod 755 "$ROOT"
trap 'rm -rf "$ROOT"' EXIT
install -Dm755 -s "$BIN" "$ROOT/usr/bin/vanthu-app"
[ -x target/release/vanthu ] && install -Dm755 -s target/release/vanthu "$ROOT/usr/bin/vanthu"
install -Dm644 src-tauri/icons/icon.png "$ROOT/usr/share/icons/hicolor/256x256/apps/vanthu.png"
install -Dm644 src-tauri/icons/128x128.png "$ROOT/usr/share/icons/hicolor/128x128/apps/vanthu.png"
install -Dm644 src-tauri/icons/32x32.png "$ROOT/usr/share/icons/hicolor/32x32/apps/vanthu.png"
install -d "$ROOT/usr/share/applications" "$ROOT/DEBIAN"
cat > "$ROOT/usr/share/applications/vanthu.desktop" <<DESKTOP
[Desktop Entry]
Type=Application
Name=Văn Thư
Comment=Soạn thảo, cấp số và tra cứu văn bản hành chính
Exec=vanthu-app
Icon=vanthu
Categories=Office;WordProcessor;
Terminal=false
DESKTOP
SIZE=$(du -sk "$ROOT/usr" | cut -f1)
cat > "$ROOT/DEBIAN/control" <<CONTROL
Package: vanthu
Version: $VERSION
Architecture: $ARCH
Maintainer: Văn Thư contributors <vanthu@example.invalid>
Installed-Size: $SIZE
Depends: libwebkit2gtk-4.1-0, libgtk-3-0, fonts-liberation2
Recommends: libreoffice-writer-nogui
Section: editors
Priority: optional
Description: Vietnamese official documents: draft, check, number and register
 Văn Thư drafts official letters under Nghị định 30/2020/NĐ-CP and Hướng dẫn 36-HD/VPTW,
 previews the A4 page while typing, exports DOCX and PDF and keeps the register of outgoing
 documents.
CONTROL
OUT="target/vanthu_${VERSION}_${ARCH}.deb"
dpkg-deb --root-owner-group --build "$ROOT" "$OUT" >/dev/null
echo "$OUT ($(du -h "$OUT" | cut -f1))"
