"""Fitting text to boxes: the largest size that fits, balanced lines, and how much does not fit."""

from __future__ import annotations

from koers.render.posters.base import Font, TextBlock, block_height, try_wrap
from koers.render.text import FontMetrics


def balanced(block_: TextBlock, text: str) -> TextBlock:
    """The same block (wrapped from text) with its lines evened out: no lonely last word, same box and line count."""
    if len(block_.lines) < 2:
        return block_
    source = text
    count = len(block_.lines)
    low, high = block_.width * 0.55, block_.width  # high keeps the count; search the narrowest that does
    for _ in range(8):
        middle = (low + high) / 2
        lines = try_wrap(source, block_.metrics, block_.size, middle)
        if lines is not None and len(lines) <= count:
            high = middle
        else:
            low = middle
    lines = try_wrap(source, block_.metrics, block_.size, high)
    if lines is None or len(lines) != count:
        return block_
    return TextBlock(
        block_.id,
        block_.frame,
        block_.x,
        block_.y,
        block_.width,
        lines,
        block_.size,
        block_.weight,
        block_.fill,
        block_.metrics,
        block_.anchor,
        block_.leading,
    )


def sizes_between(low: float, high: float, step: float) -> list[float]:
    """Candidate sizes from high down to low (both included)."""
    count = max(0, int((high - low) / step + 1e-9))
    values = [round(high - i * step, 3) for i in range(count + 1)]
    return [v for v in values if v > low] + [round(low, 3)]


def fit_block(
    font: Font,
    id: str,
    frame: str,
    text: str,
    x: float,
    y: float,
    width: float,
    height: float,
    low: float,
    high: float,
    weight: str = "regular",
    fill: str = "#000000",
    anchor: str = "start",
    max_line_count: int = 0,
) -> TextBlock | None:
    """The largest size in [low, high] at which text fits the box; None when even `low` does not.

    Sizes are searched by bisection: a larger size never needs fewer lines in
    practice, and each candidate is verified, so the result always fits.
    """
    metrics = font.metrics(weight)
    candidates = sizes_between(low, high, max(0.25, low / 28))[::-1]  # ascending

    def attempt(size: float) -> tuple[str, ...] | None:
        lines = try_wrap(text, metrics, size, width)
        if lines is None or (max_line_count and len(lines) > max_line_count):
            return None
        return lines if block_height(metrics, size, len(lines)) <= height + 1e-6 else None

    if attempt(candidates[0]) is None:
        return None
    good, bad = 0, len(candidates)  # candidates[good] fits; candidates[bad:] assumed not
    while bad - good > 1:
        middle = (good + bad) // 2
        if attempt(candidates[middle]) is not None:
            good = middle
        else:
            bad = middle
    size = candidates[good]
    lines = attempt(size)
    assert lines is not None
    return TextBlock(id, frame, x, y, width, lines, size, weight, fill, metrics, anchor)


def overflow_chars(text: str, metrics: FontMetrics, size: float, width: float, height: float) -> int:
    """How many characters of text do not fit in the box at this size (0 when it fits)."""
    words = text.split()
    joined = " ".join(words)

    def fits(candidate: str) -> bool:
        lines = try_wrap(candidate, metrics, size, width)
        return lines is not None and block_height(metrics, size, len(lines)) <= height + 1e-6

    if fits(joined):
        return 0
    low, high = 0, len(words)  # words[:low] fits, words[:high] does not
    while high - low > 1:
        middle = (low + high) // 2
        if fits(" ".join(words[:middle])):
            low = middle
        else:
            high = middle
    kept = " ".join(words[:low])
    # A single long word that does not fit is cut by characters.
    if low < len(words):
        prefix = (kept + " " if kept else "") + words[low]
        for end in range(len(prefix), len(kept), -1):
            if fits(prefix[:end]):
                return len(joined) - end
    return len(joined) - len(kept)
