"""SOURCE_DATE_EPOCH: the one date a reproducible build may use."""

from __future__ import annotations

import os
import re

# 9999-12-31 23:59:59 UTC: the last second that every date library (and a four-digit year) can show.
MAX_EPOCH = 253_402_300_799
_SECONDS = re.compile("[0-9]{1,12}")  # ASCII digits only: str.isdigit() also accepts '²' and other scripts' digits


def given_epoch() -> str:
    """SOURCE_DATE_EPOCH as set (stripped; empty when unset)."""
    return os.environ.get("SOURCE_DATE_EPOCH", "").strip()


def valid_epoch() -> str | None:
    """SOURCE_DATE_EPOCH when it holds whole seconds between 1970 and the year 9999, else None."""
    given = given_epoch()
    return given if _SECONDS.fullmatch(given) and int(given) <= MAX_EPOCH else None


def epoch_problem() -> str | None:
    """What is wrong with SOURCE_DATE_EPOCH (it must be whole seconds since 1970), or None; empty counts as unset."""
    given = given_epoch()
    if not given or valid_epoch() is not None:
        return None
    shown = given if len(given) <= 40 else given[:40] + "…"
    if re.fullmatch("[0-9]+", given):
        return f"SOURCE_DATE_EPOCH is te groot ('{shown}'): het aantal seconden sinds 1970 mag hoogstens {MAX_EPOCH} zijn (het jaar 9999)"
    return f"SOURCE_DATE_EPOCH moet een aantal seconden sinds 1970 zijn (alleen de cijfers 0-9), maar is '{shown}'"
