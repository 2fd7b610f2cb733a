#!/usr/bin/env python3
"""Draws the app icon (a blue tile with a white page and a red seal) as RGBA PNGs.

Pure standard library, so the icons are generated in the repository, never downloaded.
Usage: python3 scripts/make-icons.py [out_dir]   (default: src-tauri/icons)
"""
import os
import struct
import sys
import zlib


def pixel(x, y, n):
    """Colour of pixel (x, y) in an n×n icon, as RGBA."""
    u, v = x / n, y / n
    r = 0.18  # corner radius of the tile
    cx = min(max(u, r), 1 - r)
    cy = min(max(v, r), 1 - r)
    if (u - cx) ** 2 + (v - cy) ** 2 > r * r:
        return (0, 0, 0, 0)
    # the page
    if 0.27 <= u <= 0.73 and 0.18 <= v <= 0.82:
        # text lines on the page
        if 0.34 <= u <= 0.66 and any(abs(v - t) < 0.018 for t in (0.32, 0.40, 0.48, 0.56)):
            return (42, 111, 219, 255)
        # the red seal
        if (u - 0.6) ** 2 + (v - 0.7) ** 2 < 0.07 ** 2:
            return (200, 30, 40, 255)
        return (255, 255, 255, 255)
    return (42, 111, 219, 255)


def png(n):
    """The PNG bytes of an n×n icon."""
    raw = bytearray()
    for y in range(n):
        raw.append(0)
        for x in range(n):
            raw.extend(pixel(x + 0.5, y + 0.5, n))

    def chunk(tag, data):
        c = tag + data
        return struct.pack(">I", len(data)) + c + struct.pack(">I", zlib.crc32(c) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", n, n, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(bytes(raw), 9)) + chunk(b"IEND", b"")


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "src-tauri", "icons")
    os.makedirs(out, exist_ok=True)
    for name, n in [("icon.png", 256), ("32x32.png", 32), ("128x128.png", 128)]:
        with open(os.path.join(out, name), "wb") as f:
            f.write(png(n))


if __name__ == "__main__":
    main()
