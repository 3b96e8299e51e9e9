#!/usr/bin/env python3
"""Checks a headless-Chromium screenshot of report.html (scripts/check-report-in-browser.sh):
the summary panel is there, near the top, with text and verdict badges in it, and the first
1400 rows of the page (what it shows first) are not blank. Reads the PNG with the standard library only (zlib), so it needs nothing beyond
python3. The colours are report/html_summary.hpp's: panel #EEF5FB, badges #1A7F37 (pass),
#CF222E (fail), #6E7781 (no gate).

Usage: check-report-screenshot.py SCREENSHOT.png
Exit 0 when every check holds, 1 with the failed checks on standard error, 2 for an unreadable file.
"""
import struct
import sys
import zlib

PANEL = (0xEE, 0xF5, 0xFB)
BADGES = {"pass": (0x1A, 0x7F, 0x37), "fail": (0xCF, 0x22, 0x2E), "no gate": (0x6E, 0x77, 0x81)}


def read_png(path, max_rows):
    """(width, height, rows): rows[y] is a list of (r, g, b) for the first min(height, max_rows)
    rows. 8-bit RGB or RGBA, not interlaced."""
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG file")
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or colour not in (2, 6) or interlace != 0:
        raise ValueError("unsupported PNG (depth %d, colour type %d, interlace %d)" % (depth, colour, interlace))
    channels = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, previous, at = [], bytearray(stride), 0
    for _ in range(min(height, max_rows)):
        kind, line = raw[at], bytearray(raw[at + 1:at + 1 + stride])
        at += 1 + stride
        if kind == 0:
            pass
        elif kind == 2:
            line = bytearray((x + y) & 0xFF for x, y in zip(line, previous))
        else:
          for i in range(stride):  # PNG filters (ISO/IEC 15948, section 9)
            a = line[i - channels] if i >= channels else 0
            b = previous[i]
            c = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + a) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 0xFF
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        rows.append(list(zip(line[0::channels], line[1::channels], line[2::channels])))
        previous = line
    return width, len(rows), rows


def around(colour, tolerance=3):
    """Every colour within `tolerance` of `colour` in each channel (anti-aliasing, rounding)."""
    r, g, b = colour
    steps = range(-tolerance, tolerance + 1)
    return {(r + i, g + j, b + k) for i in steps for j in steps for k in steps}


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        width, height, rows = read_png(sys.argv[1], 1400)  # the summary is in the first screenful
    except (OSError, ValueError, zlib.error, TypeError, struct.error) as e:
        print("check-report-screenshot: cannot read %s: %s" % (sys.argv[1], e), file=sys.stderr)
        return 2
    problems = []
    panel = around(PANEL)
    panel_rows = [y for y in range(height) if sum(1 for p in rows[y] if p in panel) >= width // 4]
    if not panel_rows:
        problems.append("no summary panel (#EEF5FB) in the screenshot")
    else:
        top, bottom = panel_rows[0], panel_rows[-1]
        if top > 400:
            problems.append("the summary panel starts at y = %d, not near the top (before the charts)" % top)
        if bottom - top < 60:
            problems.append("the summary panel is only %d pixels high" % (bottom - top))
        ink = sum(1 for y in range(top, bottom + 1) for p in rows[y] if max(p) < 96)
        if ink < 2000:
            problems.append("the summary panel holds almost no text (%d dark pixels)" % ink)
        badges = {}
        for name, colour in BADGES.items():
            shades = around(colour)
            badges[name] = sum(1 for y in range(top, bottom + 1) for p in rows[y] if p in shades)
        if sum(badges.values()) < 100:
            problems.append("no verdict badge in the summary panel (pixels per colour: %s)" % badges)
        print("check-report-screenshot: summary panel at y = %d..%d, %d dark pixels, badge pixels %s"
              % (top, bottom, ink, badges))
    drawn = sum(1 for row in rows for p in row if p != (255, 255, 255))
    if drawn < width * height // 50:
        problems.append("the page is nearly blank (%d of %d pixels drawn)" % (drawn, width * height))
    for p in problems:
        print("check-report-screenshot: " + p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
