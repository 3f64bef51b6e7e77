"""Named points in a build where a test can stop it, so kill tests are exact instead of timed.

With KOERS_PAUSE_AT set to a stage name and KOERS_PAUSE_FILE to a path, a build that
reaches that stage writes the file and waits there until it is killed. Nothing else
reads these variables; without them a checkpoint costs one dictionary lookup.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

STAGES = ("gecontroleerd", "downloads", "klaargezet", "website", "docs-gewisseld", "site-gewisseld", "site-hernoemd", "gepubliceerd")


def pause_point(stage: str) -> None:
    """Stop here (write the pause file, then sleep until killed) when a test asked for this stage."""
    if os.environ.get("KOERS_PAUSE_AT") != stage:
        return
    marker = os.environ.get("KOERS_PAUSE_FILE")
    if marker:
        Path(marker).write_text(stage, "utf-8")
    while True:  # a test kills the process here; a person who sets the variable by hand stops it with Ctrl+C
        time.sleep(0.05)
