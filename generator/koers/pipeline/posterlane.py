"""`koers serve`: the posters laid out in a worker process while this process makes the pages and runs the engine.

After a save that changes what a poster shows, laying the posters out again takes about as long
as the engine's rebuild of the pages (all posters of the example: 0.13–0.25 s), and Python runs
one of them at a time. The lane lays them out in a second process, on the second core. The pages cannot wait
for the posters' file names and sizes, so they are made with the file names of the last round,
placeholders for the sizes (koers.pipeline.pending) and the likely note on the exports; the
serve loop (koers.pipeline.serve) checks those guesses when the posters arrive, and makes the
pages again with the real ones when a guess was wrong.

The worker starts after the first preview is built, lays that preview's posters out once to
load its fonts and templates, and is stopped with the server. It leaves Ctrl+C to the server
(which stops it) and ends by itself when the server process is gone, however that ended, so
no worker outlives its server. A worker that cannot start or dies makes the lane unusable, and
the posters are laid out in the serve process as before.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import signal
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from koers.content.model import Strategy
from koers.housestyle.theme import HouseStyle
from koers.output import Output
from koers.render.posters.svg import render_each_poster
from koers.reuse.downloads import each_poster, make_posters, svg_outputs


def poster_files(strategy: Strategy, style: HouseStyle, key: str | None = None) -> list[Output]:
    """Every poster sheet as an SVG download; laid out and kept under `key` when given, else reused when kept."""
    return svg_outputs(make_posters(strategy, style, key) if key is not None else each_poster(strategy, style))


def _initialise() -> None:
    """In the worker: Ctrl+C is the server's to handle; the end of the server process ends this one."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = multiprocessing.parent_process()
    if parent is not None:
        sentinel = parent.sentinel

        def watch() -> None:
            multiprocessing.connection.wait([sentinel])
            os._exit(0)

        threading.Thread(target=watch, daemon=True).start()


def warm_up(strategy: Strategy, style: HouseStyle) -> None:
    """Lay the posters out once, unkept: the worker's first round then does not also read fonts and compile templates."""
    for _ in render_each_poster(strategy, style):
        pass


@dataclass(frozen=True)
class Pending:
    """Posters being laid out in the lane, and the file names the pages were made with meanwhile."""

    paths: tuple[str, ...]
    future: Future[list[Output]]


class PosterLane:
    """One worker process for the posters of `koers serve`."""

    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None
        self._paths: tuple[str, ...] | None = None
        self.broken = False
        self.rounds = 0  # rounds whose posters came from the lane, with every guess right
        self.misses = 0  # rounds whose posters came from the lane, with a guess wrong (the pages were made again)

    def remember(self, strategy: Strategy, style: HouseStyle, svgs: list[Output]) -> None:
        """The posters of the round just shown: their names are the next round's guess; the first starts the worker."""
        self._paths = tuple(o.path for o in svgs)
        if self._pool is None and not self.broken:
            try:
                self._pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"), initializer=_initialise)
                self._pool.submit(warm_up, strategy, style)
            except (BrokenProcessPool, OSError, RuntimeError):
                self.close()

    def submit(self, strategy: Strategy, style: HouseStyle, key: str) -> Pending | None:
        """Start laying the posters out; None when the lane cannot (not started, broken, no names to guess yet)."""
        if self._pool is None or self._paths is None:
            return None
        try:
            return Pending(self._paths, self._pool.submit(poster_files, strategy, style, key))
        except (BrokenProcessPool, RuntimeError):
            self.close()
            return None

    def collect(self, pending: Pending) -> list[Output] | None:
        """The posters laid out in the lane, or None when the lane failed (it is then closed).

        A worker that died, or an error in its layout: the serve process then lays the posters out
        itself, which reports a layout error as it would without the lane.
        """
        try:
            return pending.future.result()
        except Exception:  # noqa: BLE001 - whatever went wrong there is found again here, or does not recur
            self.close()
            return None

    def close(self) -> None:
        self.broken = True
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
