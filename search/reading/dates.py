"""Publication dates as the index wants them: "YYYY-MM-DD", or "YYYY-MM" when only the month
is known. Shared by the markup reader and the metadata stage, so both read dates alike."""
from __future__ import annotations

import calendar
import re

_ISO_DATE = re.compile(r"\b(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?(?!\d)")
_COMPACT_DATE = re.compile(r"\b(\d{4})(\d{2})(\d{2})(?:T|\b)")
_MONTHS = {name.casefold(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.casefold(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTH_WORD = r"(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_ORDINAL = r"(?:st|nd|rd|th)?"
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}}){_ORDINAL}\s+{_MONTH_WORD},?\s+(\d{{4}})\b", re.I)
_MONTH_DAY_YEAR = re.compile(rf"\b{_MONTH_WORD}\s+(\d{{1,2}}){_ORDINAL},?\s+(\d{{4}})\b", re.I)
_MONTH_YEAR = re.compile(r"\b" + _MONTH_WORD + r",?\s+(\d{4})\b", re.I)


def format_date(year: int, month: int, day: int | None) -> str | None:
    if not (1000 <= year <= 9999 and 1 <= month <= 12):
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def normalise_date(text: str) -> str | None:
    """'2019-11-18T10:00Z', '2019/11/18', 'Nov. 18, 2019', '18 November 2019' -> '2019-11-18'.

    A month without a day gives 'YYYY-MM'; anything unreadable gives None.
    """
    if m := _ISO_DATE.search(text):
        return format_date(int(m[1]), int(m[2]), int(m[3]) if m[3] else None)
    if m := _COMPACT_DATE.search(text):
        return format_date(int(m[1]), int(m[2]), int(m[3]))
    if m := _DAY_MONTH_YEAR.search(text):
        return format_date(int(m[3]), _MONTHS[m[2].casefold()], int(m[1]))
    if m := _MONTH_DAY_YEAR.search(text):
        return format_date(int(m[3]), _MONTHS[m[1].casefold()], int(m[2]))
    if m := _MONTH_YEAR.search(text):
        return format_date(int(m[2]), _MONTHS[m[1].casefold()], None)
    return None
