"""Dutch formatting shared by every output: dates, numbers and the reasons of system errors."""

from __future__ import annotations

import errno
from datetime import date, datetime

MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


def dutch_date(value: object) -> str:
    """'2021-12-16' (or a date) → '16 december 2021'; anything else as written."""
    if isinstance(value, datetime):
        value = value.date()
    if not isinstance(value, date):
        try:
            value = date.fromisoformat(str(value))
        except ValueError:
            return str(value)
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def dutch_number(value: float, decimals: int = 1) -> str:
    """1234.5 → '1.234,5' (Dutch separators)."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def plural(count: int, one: str, many: str) -> str:
    """'1 actie', '3 acties'."""
    return f"{count} {one if count == 1 else many}"


# What an operating-system error means for a user, for the errors a full, read-only or shared disk gives.
_OS_REASONS = {
    errno.ENOSPC: "de schijf is vol",
    errno.EDQUOT: "de schijfruimte (quotum) is op",
    errno.EROFS: "de schijf is alleen-lezen",
    errno.EACCES: "geen toestemming om daar te schrijven",
    errno.EPERM: "geen toestemming om daar te schrijven",
    errno.ENOTDIR: "een deel van het pad is geen map",
    errno.EEXIST: "er staat al een bestand met die naam",
    errno.ELOOP: "een snelkoppeling waar een map of bestand hoort",
}


def os_reason(error: OSError) -> str:
    """A Dutch reason for an OSError ('de schijf is vol'), else the system's own words."""
    return _OS_REASONS.get(error.errno or 0) or error.strerror or str(error)
