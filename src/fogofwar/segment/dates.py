"""Calendar dates as pages print them in bylines, comment stamps, captions and update lines.

Only explicit calendar dates are read here (the resolve.time stage handles the rest of the
text); a date without a year takes the year of the page.
"""

from __future__ import annotations

import datetime as dt
import re

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"
# public names so other modules can build anchored patterns (datelines) from the same pieces
MONTH_PAT, DAY_PAT, YEAR_PAT = _MONTH, _DAY, _YEAR
# One alternation for every written form; the named groups say which parts are present.
DATE_RE = re.compile(
    rf"\b(?:(?P<iy>{_YEAR})-(?P<im>[01]\d)-(?P<id>[0-3]\d)"
    rf"|(?P<m1>{_MONTH})\s+(?P<d1>{_DAY})(?:,?\s+(?P<y1>{_YEAR}))?"
    rf"|(?P<d2>{_DAY})(?:\s+of)?\s+(?P<m2>{_MONTH})(?:,?\s+(?P<y2>{_YEAR}))?)(?![\w-])",
    re.IGNORECASE,
)
WEEKDAY_RE = re.compile(r"\b(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day)?\b\.?,?", re.IGNORECASE)


def _month(word: str) -> int:
    return MONTHS[word.lower()[:3]]


def match_to_iso(m: re.Match[str], year: int | None) -> str | None:
    """ISO date of a DATE_RE match; ``year`` fills a date printed without one."""
    try:
        if m.group("iy"):
            return dt.date(int(m.group("iy")), int(m.group("im")), int(m.group("id"))).isoformat()
        if m.group("m1"):
            mon, day, yr = m.group("m1"), m.group("d1"), m.group("y1")
        else:
            mon, day, yr = m.group("m2"), m.group("d2"), m.group("y2")
        y = int(yr) if yr else year
        if y is None:
            return None
        d = int(re.sub(r"\D", "", day))
        return dt.date(y, _month(mon), d).isoformat()
    except (ValueError, KeyError):
        return None


def find_date(text: str, year: int | None = None, *, need_year: bool = False) -> str | None:
    """The first calendar date in ``text`` as ISO, or None."""
    for m in DATE_RE.finditer(text):
        has_year = bool(m.group("iy") or m.group("y1") or m.group("y2"))
        if need_year and not has_year:
            continue
        # "may 5" is usually the verb: demand a year or a capital for the month May
        mon = m.group("m1") or m.group("m2") or ""
        if mon.lower() == "may" and not has_year and not mon.startswith("M"):
            continue
        iso = match_to_iso(m, year)
        if iso:
            return iso
    return None


def year_of(iso: str | None) -> int | None:
    return int(iso[:4]) if iso and len(iso) >= 4 and iso[:4].isdigit() else None


def weekday_on_or_after(base: str, weekday: int) -> str:
    """The first date on or after ``base`` that falls on ``weekday`` (0 = Monday)."""
    day = dt.date.fromisoformat(base)
    return (day + dt.timedelta(days=(weekday - day.weekday()) % 7)).isoformat()
