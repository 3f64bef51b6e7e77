"""PNG and JPEG: is it really one, and how many pixels, read from the header without decoding a pixel.

A 76 KB PNG can declare 20000 × 20000 pixels; whatever decodes it later
(cairo, Typst, a browser) then needs gigabytes. So the size is
read from the header (PNG IHDR, JPEG SOFn) and refused before anything decodes.
"""

from __future__ import annotations

import struct
import zlib

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
JPEG_SIGNATURE = b"\xff\xd8\xff"
MAX_SIDE = 4096  # pixels, width and height each: 64 MB as RGBA at most
LABELS = {"png": "PNG", "jpeg": "JPEG"}

# Start-of-frame markers that carry the image size (not DHT C4, JPG C8 or DAC CC).
_SOF = frozenset({0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF})
# Markers without a length field.
_STANDALONE = frozenset({0x01, *range(0xD0, 0xD8)})


def png_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) from a sound IHDR chunk right after the signature; None otherwise."""
    if len(data) < 33 or not data.startswith(PNG_SIGNATURE):
        return None
    length, kind = struct.unpack(">I4s", data[8:16])
    body = data[16:29]
    (crc,) = struct.unpack(">I", data[29:33])
    if length != 13 or kind != b"IHDR" or zlib.crc32(kind + body) != crc:
        return None
    width, height = struct.unpack(">II", body[:8])
    return (width, height) if width and height else None


def jpeg_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) from the first start-of-frame segment; None when there is none before the scan."""
    if not data.startswith(JPEG_SIGNATURE):
        return None
    pos = 2
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            return None
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker in _STANDALONE:
            pos += 2
            continue
        if marker in (0xD9, 0xDA):  # end of image or start of scan before any frame header
            return None
        length = int.from_bytes(data[pos + 2 : pos + 4], "big")
        if length < 2:
            return None
        if marker in _SOF:
            if pos + 9 > len(data) or length < 7:
                return None
            height, width = struct.unpack(">HH", data[pos + 5 : pos + 9])
            return (width, height) if width and height else None
        pos += 2 + length
    return None


def raster_size(data: bytes, kind: str) -> tuple[int, int] | None:
    """The pixel size of a 'png' or 'jpeg', or None when the bytes are not a sound one."""
    return png_size(data) if kind == "png" else jpeg_size(data)


def has_signature(data: bytes, kind: str) -> bool:
    return data.startswith(PNG_SIGNATURE if kind == "png" else JPEG_SIGNATURE)


def too_large(size: tuple[int, int]) -> bool:
    return size[0] > MAX_SIDE or size[1] > MAX_SIDE


def pixels(size: tuple[int, int]) -> str:
    """'20000 × 20000 pixels' for messages."""
    return f"{size[0]} × {size[1]} pixels"
