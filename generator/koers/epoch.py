"""SOURCE_DATE_EPOCH: the one date a reproducible build may use."""

from __future__ import annotations

import os


def given_epoch() -> str:
    """SOURCE_DATE_EPOCH as set (stripped; empty when unset)."""
    return os.environ.get("SOURCE_DATE_EPOCH", "").strip()


def epoch_problem() -> str | None:
    """What is wrong with SOURCE_DATE_EPOCH (it must be whole seconds since 1970), or None; empty counts as unset."""
    given = given_epoch()
    if not given or given.isdigit():
        return None
    return f"SOURCE_DATE_EPOCH moet een aantal seconden sinds 1970 zijn (alleen cijfers), maar is '{given}'"
