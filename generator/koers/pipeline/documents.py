"""The A4 PDFs of a build (the written strategy, the yearly progress reports), laid out beside the rest of it.

Nothing else in a build needs what is in these PDFs, only their names and sizes, which the
download links show. Typst lets go of Python's lock while it lays out, so the documents that
are not in the cache are made in a thread of their own while this process lays out the
posters, the workers export them and MkDocs builds the site: on two cores the document
then costs next to no time of its own (benchmarks/notes.md, "Documents and exports beside the site").

Until a document is made, the pages show a placeholder for its size (koers.pipeline.pending).
"""

from __future__ import annotations

import threading

from koers.content.model import Strategy, YearSlice
from koers.housestyle.theme import HouseStyle
from koers.output import Output
from koers.render.document.written import WrittenStrategy
from koers.reuse.downloads import PdfJob, pdf_jobs

FOLDER = "downloads/"


class Documents:
    """The build's documents: those from the cache at once, the others made in a thread started here.

    can_make=False (no Typst): only the documents in the cache are offered; the others are `skipped`.
    """

    def __init__(self, jobs: list[PdfJob], can_make: bool = True) -> None:
        stored = [(job, job.stored()) for job in jobs]
        self._cached = [(job, made) for job, made in stored if made is not None]
        missing = [job for job, made in stored if made is None]
        self.skipped = [] if can_make else missing
        self.pending = missing if can_make else []
        self.made: dict[str, WrittenStrategy] = {job.filename: made for job, made in self._cached}
        self._error: BaseException | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        if self.pending:
            self._thread = threading.Thread(target=self._make, name="koers-documents", daemon=True)
            self._thread.start()

    def _make(self) -> None:
        try:
            for job in self.pending:
                if self._stop.is_set():
                    return
                self.made[job.filename] = job.make()
        except BaseException as error:  # handed to the build in finish()
            self._error = error

    def cached(self) -> list[tuple[YearSlice | None, WrittenStrategy]]:
        """The documents from the cache, each with its year (None: the written strategy)."""
        return [(job.slot, made) for job, made in self._cached]

    def outputs(self) -> list[Output]:
        """The documents from the cache, under downloads/."""
        return [Output(FOLDER + made.filename, made.pdf) for _, made in self.cached()]

    def pending_paths(self) -> list[str]:
        return [FOLDER + job.filename for job in self.pending]

    def outputs_made(self) -> list[Output]:
        """The documents made in the thread (all of them, after `finish`), under downloads/."""
        return [Output(FOLDER + job.filename, self.made[job.filename].pdf) for job in self.pending if job.filename in self.made]

    def busy(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def stop(self) -> None:
        """No further document after the one being laid out, and wait for that (a build that stops leaves nothing behind)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join()

    def finish(self) -> list[tuple[YearSlice | None, WrittenStrategy]]:
        """The documents that were still being made, each with its year, once all are made.

        Raises what laying out raised (RuntimeError when Typst could not lay a document out).
        """
        if self._thread is not None:
            self._thread.join()
        if self._error is not None:
            raise self._error
        return [(job.slot, self.made[job.filename]) for job in self.pending]


def start(strategy: Strategy, style: HouseStyle, epoch: str, can_make: bool = True) -> Documents:
    """The documents of this strategy; those not in the cache are being made when this returns (unless not can_make)."""
    return Documents(pdf_jobs(strategy, style, epoch), can_make)
