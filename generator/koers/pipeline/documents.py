"""The A4 PDFs of a build (the written strategy, the yearly progress reports), laid out beside the rest of it.

Nothing else in a build needs what is in these PDFs, only their names and sizes, which the
download links show. Typst lets go of Python's lock while it lays out, so the documents that
are not in the cache are made in a thread of their own while this process lays out the
posters, the workers export them and MkDocs builds the site: on two cores the document
then costs next to no time of its own (benchmarks/notes.md, "Documents beside the site").

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
    """The build's documents: those from the cache at once, the others made in a thread started here."""

    def __init__(self, jobs: list[PdfJob]) -> None:
        self.jobs = jobs
        self.made: dict[str, WrittenStrategy] = {}
        for job in jobs:
            if (stored := job.stored()) is not None:
                self.made[job.filename] = stored
        self.pending = [job for job in jobs if job.filename not in self.made]
        self._error: BaseException | None = None
        self._thread: threading.Thread | None = None
        if self.pending:
            self._thread = threading.Thread(target=self._make, name="koers-documents", daemon=True)
            self._thread.start()

    def _make(self) -> None:
        try:
            for job in self.pending:
                self.made[job.filename] = job.make()
        except BaseException as error:  # handed to the build in finish()
            self._error = error

    def outputs(self) -> list[Output]:
        """The documents already made (from the cache), under downloads/."""
        return [Output(FOLDER + job.filename, self.made[job.filename].pdf) for job in self.jobs if job not in self.pending]

    def pending_paths(self) -> list[str]:
        return [FOLDER + job.filename for job in self.pending]

    def made_by_path(self) -> dict[str, WrittenStrategy]:
        """The documents made so far (all of them after `finish`), by their path under the staged docs."""
        return {FOLDER + filename: made for filename, made in self.made.items()}

    def busy(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def join(self) -> None:
        """Wait until the thread is done (a build that stops early leaves nothing running behind it)."""
        if self._thread is not None:
            self._thread.join()

    def finish(self) -> list[tuple[YearSlice | None, WrittenStrategy]]:
        """Every document with its year (None: the written strategy), in order, once all are made.

        Raises what laying out raised (RuntimeError when Typst could not lay a document out).
        """
        self.join()
        if self._error is not None:
            raise self._error
        return [(job.slot, self.made[job.filename]) for job in self.jobs]


def start(strategy: Strategy, style: HouseStyle, epoch: str) -> Documents:
    """The documents of this strategy; those not in the cache are being made when this returns."""
    return Documents(pdf_jobs(strategy, style, epoch))
