"""Funders' emblems, drawn here from their published geometry: nothing is downloaded or copied.

The European Union's flag (the emblem its "sole responsibility" disclaimer goes with): a blue
rectangle, width 1.5 times its height, and twelve gold five-pointed stars on an invisible circle
whose radius is a third of the height, each star's points on a circle of radius one eighteenth
of the height, one point upwards, placed like the hours on a clock face. Colours: Reflex Blue
#003399 and Yellow #FFCC00 (the EU's graphical specifications).

:func:`emblem_png` returns a PNG (for Word and the printed HTML, which embed PNG), written with
the standard library's zlib; :func:`emblem_svg` the same drawing as SVG. Pure: standard library.
"""

import functools
import math
import struct
import zlib

EMBLEMS = ("eu",)
BLUE, GOLD = (0x00, 0x33, 0x99), (0xFF, 0xCC, 0x00)
_SAMPLES = 4  # per pixel and axis: the stars' edges are smoothed, not jagged


def _stars(height):
    """The twelve stars as polygons of ten (x, y) points, for a flag ``height`` units high."""
    width = height * 1.5
    ring, outer = height / 3, height / 18
    inner = outer * math.sin(math.radians(18)) / math.sin(math.radians(54))  # a regular star's inner radius
    stars = []
    for hour in range(12):
        angle = math.radians(hour * 30)
        cx, cy = width / 2 + ring * math.sin(angle), height / 2 - ring * math.cos(angle)
        points = []
        for k in range(10):
            r = outer if k % 2 == 0 else inner
            a = math.radians(k * 36)
            points.append((cx + r * math.sin(a), cy - r * math.cos(a)))
        stars.append(points)
    return stars


def _inside(x, y, polygon):
    hit = False
    for (x1, y1), (x2, y2) in zip(polygon, polygon[1:] + polygon[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            hit = not hit
    return hit


@functools.lru_cache(maxsize=4)
def emblem_png(name="eu", height=200):
    """The emblem ``name`` as PNG bytes, ``height`` pixels high."""
    if name not in EMBLEMS:
        raise KeyError(name)
    width = round(height * 1.5)
    pixels = [[BLUE] * width for _ in range(height)]
    for star in _stars(height):
        xs, ys = [p[0] for p in star], [p[1] for p in star]
        for py in range(int(min(ys)), min(height, int(max(ys)) + 2)):
            for px in range(int(min(xs)), min(width, int(max(xs)) + 2)):
                hits = sum(
                    _inside(px + (i + 0.5) / _SAMPLES, py + (j + 0.5) / _SAMPLES, star)
                    for i in range(_SAMPLES)
                    for j in range(_SAMPLES)
                )
                share = hits / _SAMPLES**2
                if share:
                    pixels[py][px] = tuple(round(b + (g - b) * share) for b, g in zip(BLUE, GOLD, strict=True))
    raw = b"".join(b"\x00" + bytes(c for pixel in row for c in pixel) for row in pixels)

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def emblem_svg(name="eu", height=200):
    """The emblem ``name`` as an SVG document."""
    if name not in EMBLEMS:
        raise KeyError(name)
    width = height * 1.5
    stars = "".join(
        '<polygon fill="#FFCC00" points="' + " ".join(f"{x:.2f},{y:.2f}" for x, y in star) + '"/>'
        for star in _stars(height)
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:g}" height="{height}" '
        f'viewBox="0 0 {width:g} {height}"><title>Flag of the European Union</title>'
        f'<rect width="{width:g}" height="{height}" fill="#003399"/>{stars}</svg>'
    )
