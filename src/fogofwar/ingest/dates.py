"""Container dates (HTML meta, comment stamps, feed fields, WARC headers) -> ISO dates.

Only absolute dates are kept: "3 days ago" has no reference here, and a wrong date is
worse than none (the segmenter and the time resolver infer dates from the text).
"""

from __future__ import annotations

import re
import time
from email.utils import parsedate

_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
_ISO = re.compile(r"(?<!\d)((?:19|20)\d\d)-(\d\d)(?:-(\d\d))?(?!\d)")
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DMY = re.compile(r"(?<!\d)(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r",?\s+((?:19|20)\d\d)(?!\d)", re.I)
_MDY = re.compile(_MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)(?!\d)", re.I)
_YMD_SLASH = re.compile(r"(?<!\d)((?:19|20)\d\d)[/.](\d{1,2})[/.](\d{1,2})(?!\d)")


def _valid(y: int, m: int, d: int | None) -> str | None:
    if not 1 <= m <= 12:
        return None
    if d is None:
        return f"{y:04d}-{m:02d}"
    if not 1 <= d <= 31:
        return None
    return f"{y:04d}-{m:02d}-{d:02d}"


def to_iso_date(value: str | None) -> str | None:
    """'2016-06-07T17:06:00Z', 'Tue, 07 Jun 2016 17:06:00 GMT', '07 June 2016 at 05:06 PM' -> '2016-06-07'."""
    if not value:
        return None
    s = value.strip()
    if not s:
        return None
    m = _ISO.search(s)
    if m:
        return _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)) if m.group(3) else None)
    m = _YMD_SLASH.search(s)
    if m:
        return _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _DMY.search(s)
    if m:
        return _valid(int(m.group(3)), _MONTHS[m.group(2).lower()[:3]], int(m.group(1)))
    m = _MDY.search(s)
    if m:
        return _valid(int(m.group(3)), _MONTHS[m.group(1).lower()[:3]], int(m.group(2)))
    parsed = parsedate(s)
    if parsed is not None and parsed[0] > 1900:
        return _valid(parsed[0], parsed[1], parsed[2])
    return None


def struct_to_iso(value: time.struct_time | None) -> str | None:
    """feedparser's *_parsed fields."""
    if value is None:
        return None
    return _valid(value.tm_year, value.tm_mon, value.tm_mday)
