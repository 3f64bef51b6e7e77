"""Small PNG and JPEG files made in code, with any dimensions in their headers, and data: URLs of them."""

from __future__ import annotations

import base64
import struct
import zlib


def png(width: int = 1, height: int = 1, ihdr_crc: bool = True) -> bytes:
    """A 1-bit greyscale PNG of these dimensions, all black.

    Up to a megabyte of pixel rows it is complete; beyond that it holds one row
    only: a header that declares a huge image is all the size check reads.
    """
    body = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    crc = zlib.crc32(b"IHDR" + body) if ihdr_crc else 0
    row = 1 + (width + 7) // 8
    data = zlib.compress(b"\0" * row * (height if row * height <= 1_000_000 else 1))
    chunks = struct.pack(">I4s", 13, b"IHDR") + body + struct.pack(">I", crc)
    chunks += struct.pack(">I4s", len(data), b"IDAT") + data + struct.pack(">I", zlib.crc32(b"IDAT" + data))
    chunks += struct.pack(">I4s", 0, b"IEND") + struct.pack(">I", zlib.crc32(b"IEND"))
    return b"\x89PNG\r\n\x1a\n" + chunks


def jpeg(width: int = 1, height: int = 1) -> bytes:
    """The header of a baseline JPEG with these dimensions (SOI, APP0, SOF0), enough for the size check."""
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0"
    sof0 = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    return b"\xff\xd8" + app0 + sof0 + b"\xff\xd9"


def data_url(mime: str, data: bytes) -> str:
    return f"data:{mime};base64," + base64.b64encode(data).decode("ascii")


def _chunk(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))


def red_png(size: int = 8) -> bytes:
    """A size × size PNG, all pure red (8-bit RGB): easy to spot in a rendering."""
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    rows = (b"\0" + b"\xff\x00\x00" * size) * size
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(rows)) + _chunk(b"IEND", b"")
