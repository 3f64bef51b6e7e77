"""What benchmarks/engines.py reads from the outputs: PDF/UA facts, pixel differences, text positions.

- pdf_facts: what pypdf can read of PDF/UA-1 (structure tree, MarkInfo, /Lang,
  title in the document information and in XMP, the pdfuaid claim, embedded
  fonts) plus the structure element types. It is no validator: veraPDF and PAC
  are not available here.
- pixel_difference: two rasters of the same size compared pixel by pixel, and
  again allowing a one-pixel shift (anti-aliasing and sub-pixel placement).
- fitter_deviation: every word of a poster PDF against the place where the
  poster fitter (plain advance widths of the theme's TTF, no kerning) put it.
- overlapping_words: words drawn over other words (a layout that overflowed).
"""

from __future__ import annotations

import html
import re
import subprocess
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import numpy as np
from PIL import Image

Image.MAX_IMAGE_PIXELS = None  # long routekaarten are 60 megapixels by design
SVG = "{http://www.w3.org/2000/svg}"


# --- PDF/UA facts ---------------------------------------------------------------------------------


def _fonts(resources: Any, seen: set[int], found: dict[str, bool]) -> None:
    """Every font in a resource dictionary and its form XObjects: name → embedded."""
    if resources is None:
        return
    resources = resources.get_object()
    for font in (resources.get("/Font") or {}).values():
        font = font.get_object()
        if id(font) in seen:
            continue
        seen.add(id(font))
        name = str(font.get("/BaseFont", font.get("/Subtype")))
        descriptor_owner = font
        if font.get("/Subtype") == "/Type0":
            descriptor_owner = font["/DescendantFonts"][0].get_object()
        descriptor = descriptor_owner.get("/FontDescriptor")
        if font.get("/Subtype") == "/Type3":
            embedded = True  # glyphs are content streams in the file itself
        else:
            descriptor = descriptor.get_object() if descriptor is not None else {}
            embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
        found[name] = embedded
    for xobject in (resources.get("/XObject") or {}).values():
        xobject = xobject.get_object()
        if xobject.get("/Subtype") == "/Form" and id(xobject) not in seen:
            seen.add(id(xobject))
            _fonts(xobject.get("/Resources"), seen, found)


def _structure(root: Any) -> tuple[Counter, int]:
    """Counts of structure element types, and how many Figures carry /Alt."""
    types: Counter = Counter()
    figures_with_alt = 0
    tree = root.get("/StructTreeRoot")
    if tree is None:
        return types, 0
    stack = [tree.get_object().get("/K")]
    while stack:
        node = stack.pop()
        if node is None:
            continue
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, list):
            stack.extend(node)
            continue
        if not hasattr(node, "get") or "/S" not in node:
            continue
        kind = str(node["/S"]).lstrip("/")
        types[kind] += 1
        if kind == "Figure" and "/Alt" in node:
            figures_with_alt += 1
        stack.append(node.get("/K"))
    return types, figures_with_alt


def pdf_facts(path: Path) -> dict[str, Any]:
    """PDF/UA-1 facts of one PDF, as far as pypdf can read them."""
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    root = reader.trailer["/Root"].get_object()
    info = reader.metadata or {}
    xmp = b""
    if "/Metadata" in root:
        xmp = root["/Metadata"].get_object().get_data()
    xmp_text = xmp.decode("utf-8", "replace")
    found: dict[str, bool] = {}
    seen: set[int] = set()
    for page in reader.pages:
        _fonts(page.get("/Resources"), seen, found)
    types, figures_alt = _structure(root)
    contents = b"".join(
        (page.get_contents().get_data() if page.get_contents() is not None else b"") for page in reader.pages
    )
    mark = root.get("/MarkInfo")
    viewer = root.get("/ViewerPreferences")
    title_xmp = re.search(r"<dc:title>.*?<rdf:li[^>]*>(.*?)</rdf:li>", xmp_text, re.S)
    part = re.search(r"pdfuaid:part(?:>|=\")(\d)", xmp_text)
    return {
        "pages": len(reader.pages),
        "bytes": path.stat().st_size,
        "version": reader.pdf_header.lstrip("%"),
        "struct_tree": "/StructTreeRoot" in root,
        "marked": bool(mark.get_object().get("/Marked")) if mark is not None else False,
        "lang": str(root.get("/Lang", "")),
        "title_info": str(info.get("/Title", "") or ""),
        "title_xmp": html.unescape(title_xmp.group(1)) if title_xmp else "",
        "display_doc_title": bool(viewer.get_object().get("/DisplayDocTitle")) if viewer is not None else False,
        "pdfua_part": part.group(1) if part else "",
        "dated": "/CreationDate" in info or "xmp:CreateDate" in xmp_text,
        "fonts": sorted(found),
        "fonts_embedded": bool(found) and all(found.values()),
        "structure": dict(sorted(types.items())),
        "figures_with_alt": figures_alt,
        "artifact_marks": contents.count(b"/Artifact"),
    }


# --- pixels ---------------------------------------------------------------------------------------


def load_rgb(path: Path) -> np.ndarray:
    """An image as an H × W × 3 uint8 array (alpha composed on white, as a viewer shows it)."""
    with Image.open(path) as image:
        if image.mode in ("RGBA", "LA", "P"):
            image = image.convert("RGBA")
            white = Image.new("RGBA", image.size, (255, 255, 255, 255))
            image = Image.alpha_composite(white, image)
        return np.asarray(image.convert("RGB"))


def pixel_difference(
    a: np.ndarray, b: np.ndarray, threshold: int = 32, rows: int = 1024, block: int = 8
) -> dict[str, Any]:
    """How much two rasters differ, three ways, on their common area (a size difference is reported apart).

    differ: share of pixels whose largest channel difference exceeds `threshold`;
    differ_shift1: the same, but a pixel counts only when no pixel within one
    pixel of it in the other raster is that close (forgives anti-aliasing and
    sub-pixel placement); differ_blocks: share of 8 × 8 blocks whose average
    colour differs by more than 24 in a channel (something is missing, moved or
    recoloured, not just drawn with other edges).
    """
    height, width = min(a.shape[0], b.shape[0]), min(a.shape[1], b.shape[1])
    plain = shifted = blocks = block_count = 0
    total = 0.0
    for top in range(0, height, rows):
        bottom = min(height, top + rows)
        x = a[top:bottom, :width].astype(np.int16)
        y = b[top:bottom, :width].astype(np.int16)
        d = np.abs(x - y).max(axis=2)
        plain += int((d > threshold).sum())
        total += float(np.abs(x - y).sum())
        # Only the pixels that differ need the shifted comparison: look at their eight neighbours in b.
        rows_at, cols_at = np.nonzero(d > threshold)
        best = d[rows_at, cols_at]
        for dy in (-1, 0, 1):
            for dx in (-1, 0, 1):
                if dy == 0 and dx == 0:
                    continue
                r = np.clip(rows_at + top + dy, 0, height - 1)
                c = np.clip(cols_at + dx, 0, width - 1)
                near = np.abs(x[rows_at, cols_at] - b[r, c].astype(np.int16)).max(axis=1)
                best = np.minimum(best, near)
        shifted += int((best > threshold).sum())
        whole_rows, whole_cols = (bottom - top) // block * block, width // block * block
        if whole_rows and whole_cols:
            shape = (whole_rows // block, block, whole_cols // block, block, 3)
            mean_x = x[:whole_rows, :whole_cols].reshape(shape).mean(axis=(1, 3))
            mean_y = y[:whole_rows, :whole_cols].reshape(shape).mean(axis=(1, 3))
            blocks += int((np.abs(mean_x - mean_y).max(axis=2) > 24).sum())
            block_count += shape[0] * shape[2]
    pixels = height * width
    return {
        "size_a": [int(a.shape[1]), int(a.shape[0])],
        "size_b": [int(b.shape[1]), int(b.shape[0])],
        "differ": plain / pixels,
        "differ_shift1": shifted / pixels,
        "differ_blocks": blocks / block_count if block_count else 0.0,
        "mean_abs": total / pixels / 3,
    }


def ink_share(image: np.ndarray, box: tuple[int, int, int, int], background: tuple[int, int, int]) -> float:
    """Share of pixels inside box (x0, y0, x1, y1) that differ clearly from the background colour."""
    x0, y0, x1, y1 = box
    crop = image[max(0, y0) : y1, max(0, x0) : x1].astype(np.int16)
    if crop.size == 0:
        return 0.0
    d = np.abs(crop - np.array(background, dtype=np.int16)).max(axis=2)
    return float((d > 48).mean())


def rasterise(pdf: Path, out_stem: Path, dpi: float, attempts: int = 3) -> Path:
    """First page of a PDF as PNG at this resolution (poppler's pdftoppm).

    Tried up to three times: poppler 22.12 here now and then crashes (SIGSEGV) on a
    file it renders fine the next time.
    """
    command = ["pdftoppm", "-r", f"{dpi:g}", "-png", "-singlefile", "-f", "1", "-l", "1", str(pdf), str(out_stem)]
    for _ in range(attempts):
        done = subprocess.run(command, capture_output=True, check=False)
        if done.returncode == 0:
            return out_stem.with_suffix(".png")
    raise RuntimeError(f"pdftoppm failed {attempts} times on {pdf.name} (exit {done.returncode})")


# --- words and text positions ---------------------------------------------------------------------

_WORD = re.compile(r'<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">([^<]*)</word>')


def pdf_words(pdf: Path) -> list[list[tuple[float, float, float, float, str]]]:
    """Words per page with their boxes in points (poppler's pdftotext -bbox)."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [
        [(float(m[1]), float(m[2]), float(m[3]), float(m[4]), html.unescape(m[5])) for m in _WORD.finditer(page)]
        for page in out.split("<page ")[1:]
    ]


def overlapping_words(pdf: Path) -> int:
    """Pairs of words whose boxes overlap (boxes shrunk by a quarter of their height: lines touch)."""
    count = 0
    for words in pdf_words(pdf):
        words = sorted(words, key=lambda w: w[1])
        for i, a in enumerate(words):
            ha = (a[3] - a[1]) / 4
            for b in words[i + 1 :]:
                if b[1] > a[3]:
                    break
                hb = (b[3] - b[1]) / 4
                wide = min(a[2], b[2]) - max(a[0], b[0])
                tall = min(a[3] - ha, b[3] - hb) - max(a[1] + ha, b[1] + hb)
                if wide > 0.5 and tall > 0.5:
                    count += 1
    return count


@lru_cache(maxsize=4)
def _advances(path: str) -> tuple[dict[int, int], int, int]:
    from fontTools.ttLib import TTFont

    font = TTFont(path, lazy=True)
    try:
        cmap = font.getBestCmap()
        hmtx = font["hmtx"]
        advances = {code: hmtx[name][0] for code, name in cmap.items()}
        return advances, hmtx[".notdef"][0], font["head"].unitsPerEm
    finally:
        font.close()


def fitter_lines(svg: str, regular: str, bold: str) -> list[tuple[str, float, float, float, float, list[float]]]:
    """(text, x start, x end, baseline, size, advances) of every text line as the poster fitter measured it."""
    lines = []
    root = ElementTree.fromstring(svg.encode("utf-8"))
    for text in root.iter(f"{SVG}text"):
        anchor = text.get("text-anchor", "start")
        size = float(text.get("font-size", "0"))
        weight = text.get("font-weight", "normal")
        advances, notdef, upm = _advances(bold if weight in ("bold", "700") else regular)
        for line in list(text.iter(f"{SVG}tspan")) or [text]:
            content = "".join(line.itertext())
            x, y = float(line.get("x", text.get("x", "0"))), float(line.get("y", text.get("y", "0")))
            widths = [advances.get(ord(c), notdef) / upm * size for c in content]
            total = sum(widths)
            start = x - (total if anchor == "end" else total / 2 if anchor == "middle" else 0.0)
            lines.append((content, start, start + total, y, size, widths))
    return lines


def fitter_words(svg: str, regular: str, bold: str) -> list[tuple[str, float, float, float, float]]:
    """(word, x start, x end, baseline, size) of every word as the poster fitter placed it."""
    words = []
    for content, pen, _, y, size, widths in fitter_lines(svg, regular, bold):
        start, current = None, ""
        for char, width in zip(content, widths, strict=True):
            if char.isspace():
                if current:
                    words.append((current, start, pen, y, size))
                current, start = "", None
            else:
                if start is None:
                    start = pen
                current += char
            pen += width
        if current:
            words.append((current, start, pen, y, size))
    return words


def text_fit(
    svg: str, image: np.ndarray, textless: np.ndarray, scale: float, regular: str, bold: str
) -> dict[str, Any]:
    """How far the drawn text of each line reaches beyond the box the fitter measured for it, in pt.

    The text's ink is where the poster and the same poster without its texts
    differ. Per line, inside its band (0.8 em above to 0.3 em below the
    baseline, half an em either side of the measured box) and leaving out the
    boxes of other lines beside it, the leftmost and rightmost inked columns are
    compared with the measured start and end. Glyph side bearings make a line
    that fits come out slightly negative.
    """
    ink = np.abs(image.astype(np.int16) - textless.astype(np.int16)).max(axis=2) > 40
    lines = [line for line in fitter_lines(svg, regular, bold) if line[0].strip()]
    overshoots = []
    for _, start, end, baseline, size, _ in lines:
        top, bottom = max(0, int((baseline - 0.8 * size) * scale)), int((baseline + 0.3 * size) * scale) + 1
        left, right = max(0, int((start - 0.5 * size) * scale)), int((end + 0.5 * size) * scale) + 1
        band = ink[top:bottom, left:right].copy()
        for _, other_start, other_end, other_baseline, other_size, _ in lines:
            beside = other_end <= start or other_start >= end
            rows_meet = (
                other_baseline - 0.8 * other_size < baseline + 0.3 * size
                and other_baseline + 0.3 * other_size > baseline - 0.8 * size
            )
            if beside and rows_meet:
                a = int((other_start - 0.05 * other_size) * scale) - left
                b = int((other_end + 0.05 * other_size) * scale) + 1 - left
                band[:, max(0, a) : max(0, b)] = False
        columns = np.nonzero(band.any(axis=0))[0]
        if columns.size == 0:
            continue
        drawn_left, drawn_right = (left + columns[0]) / scale, (left + columns[-1] + 1) / scale
        overshoots.append(max(drawn_right - end, start - drawn_left))
    if not overshoots:
        return {"lines": 0}
    return {
        "lines": len(overshoots),
        "max_overshoot_pt": max(overshoots),
        "lines_over_0_5pt": sum(1 for v in overshoots if v > 0.5),
    }


def fitter_deviation(svg: str, pdf: Path, regular: str, bold: str) -> dict[str, Any]:
    """How far each drawn word lies from where the fitter measured it, in pt (end: + is wider/further right)."""
    expected: dict[str, list[tuple[float, float, float, float]]] = {}
    for word, x0, x1, y, size in fitter_words(svg, regular, bold):
        expected.setdefault(word, []).append((x0, x1, y, size))
    drawn = [w for page in pdf_words(pdf)[:1] for w in page]
    ends, starts, relative = [], [], []
    for x0, y0, x1, y1, word in drawn:
        candidates = [e for e in expected.get(word, []) if y0 - e[3] <= e[2] <= y1 + e[3] * 0.5]
        if not candidates:
            continue
        best = min(candidates, key=lambda e: abs(e[0] - x0) + abs(e[2] - y1))
        ends.append(x1 - best[1])
        starts.append(x0 - best[0])
        relative.append((x1 - best[1]) / best[3])
    total = sum(len(v) for v in expected.values())
    if not ends:
        return {"words": total, "matched": 0}
    deviations = [abs(v) for v in ends + starts]
    return {
        "words": total,
        "matched": len(ends),
        "max_end_overshoot_pt": max(ends),
        "max_abs_pt": max(deviations),
        "share_over_0_1pt": sum(1 for v in deviations if v > 0.1) / len(deviations),
        "max_end_overshoot_em": max(relative),
    }


def logo_box(svg: str) -> tuple[float, float, float, float] | None:
    """The logo's box in SVG user units (x, y, width, height), if the poster has one."""
    root = ElementTree.fromstring(svg.encode("utf-8"))
    for image in root.iter(f"{SVG}image"):
        if image.get("id") == "logo":
            return tuple(float(image.get(k, "0")) for k in ("x", "y", "width", "height"))  # type: ignore[return-value]
    return None
