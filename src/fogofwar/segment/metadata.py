"""Page metadata read from the text, and the publication date of every segment.

Used only where the container gave nothing: a reader's title/outlet/author/date always wins.
Page date, in order of trust: a byline or comment-counter date near the top; a dateline that
opens the text ("Wed 05 Apr 2017 ..."); a dated wire dateline ("BEIRUT, Oct 3 (Reuters) -", its year
taken nearest the page's first full date, never invented); failing that, the earliest own-dated comment (a post
is published no later than its first comment); failing that, a photo-caption date moved
forward to the latest weekday that past-tense reporting mentions ("said on Tuesday"), never
past the first dated update or comment.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from fogofwar.models import Document
from fogofwar.segment.chrome import is_chrome
from fogofwar.segment.cues import (
    BYLINE_RE,
    DATELINE_RE,
    OWN_SOURCES_RE,
    POSTED_ON_BY_RE,
    SITE_NAME_RES,
    byline_outlet,
    dated_dateline,
    headline_shape,
    is_prose,
    known_outlet,
)
from fogofwar.segment.dates import DATE_RE, WEEKDAYS, find_date, match_to_iso, weekday_on_or_after, year_of
from fogofwar.segment.lines import split_lines
from fogofwar.segment.pieces import Piece

HEAD_LINES = 15  # bylines, titles and date stamps sit in the first lines of a page
_STAMP = re.compile(
    r"^(?:(?:posted|published|updated|last updated|date)\s*(?:on|:)?\s*)?"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)\w*\.?,?\s+)?(?P<date>.{4,30}?)"
    r"(?:\s*(?:at|@|,|-)?\s*\d{1,2}[:.]\d\d\s*(?:[ap]\.?m\.?)?)?(?:\s*[|\u2022\u00b7].{0,60})?$",
    re.IGNORECASE,
)
_LEAD_DATE = re.compile(
    rf"^\s*(?:(?:mon|tue|wed|thu|fri|sat|sun)\w*\.?,?\s+)?(?:{DATE_RE.pattern})", re.IGNORECASE,
)
_PAST_WEEKDAY = re.compile(
    r"\b(?:said|says|told|announced|reported|stated|added|declared|claimed|warned|confirmed|"
    r"in a (?:report|statement|briefing|speech|interview))\b[^.\n]{0,40}?\b(?:on\s+)?"
    r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    re.IGNORECASE,
)


@dataclass(slots=True)
class PageFacts:
    caption_dates: list[str] = field(default_factory=list)
    signoff: str | None = None
    dateline: str | None = None  # date of a stamp glued to the start of the article ("Wed 05 Apr 2017 ...")


def year_hint(doc: Document) -> int | None:
    """The page's year: from its date, else from the first full date in its text."""
    if doc.published:
        return year_of(doc.published)
    for m in DATE_RE.finditer(doc.text):
        if m.group("iy") or m.group("y1") or m.group("y2"):
            return year_of(find_date(m.group(), None))
    return None


_COPYRIGHT_YEAR = re.compile(r"(?:\u00a9|\(c\)|Copyright)\s*(?:\d{4}\s*[-\u2013]\s*)?(?P<y>(?:19|20)\d\d)\b",
                             re.IGNORECASE)


def _hint_date(doc: Document) -> str | None:
    """A full date the page prints (its first one), else the year of its copyright line as 1 July of it."""
    for m in DATE_RE.finditer(doc.text):
        if m.group("iy") or m.group("y1") or m.group("y2"):
            iso = match_to_iso(m, None)
            if iso:
                return iso
    c = _COPYRIGHT_YEAR.search(doc.text)
    return f"{c.group('y')}-07-01" if c else None


def _resolve_month_day(printed: str, hint: str | None) -> str | None:
    """ISO date of a dateline date; a date printed without a year falls in the year that puts it nearest
    the page's hint date (a Dec 30 dateline on a page whose first full date is 2 January 2017 is 2016-12-30)."""
    m = DATE_RE.match(printed)
    if m is None:
        return None
    if m.group("iy") or m.group("y1") or m.group("y2"):
        return match_to_iso(m, None)
    if hint is None:
        return None  # never invent a year
    anchor = dt.date.fromisoformat(hint)
    best: str | None = None
    for y in (anchor.year - 1, anchor.year, anchor.year + 1):
        iso = match_to_iso(m, y)
        if iso and (best is None or abs((dt.date.fromisoformat(iso) - anchor).days)
                    < abs((dt.date.fromisoformat(best) - anchor).days)):
            best = iso
    return best


def _wire_date(text: str, start: int, end: int, hint: str | None) -> tuple[str | None, str | None]:
    """(date, agency) of a dated wire dateline in the first lines of text[start:end]."""
    for ln in split_lines(text, start, min(end, start + 3_000))[:3]:
        found = dated_dateline(ln.text)
        if found:
            return _resolve_month_day(found[0], hint), found[1]
    return None, None


def _byline(text: str) -> tuple[str | None, str | None, str | None]:
    """(author, outlet, printed date) of a byline among the first lines of the page."""
    for ln in split_lines(text, 0, min(len(text), 20_000))[:HEAD_LINES]:
        t = ln.text
        posted = POSTED_ON_BY_RE.match(t)
        m = posted or BYLINE_RE.match(t)
        if m is None or find_date(m.group("name"), 2000):
            continue
        name = m.group("name").strip()
        outlet = byline_outlet(name)
        return (None if outlet else name), outlet, (posted.group("date") if posted else None)
    return None, None, None


def _head_date(text: str, year: int | None, stop: int) -> str | None:
    """A date stamp or dated byline among the first lines, above ``stop`` (a comment's stamp is not the post's)."""
    lines = split_lines(text, 0, min(len(text), stop, 20_000))[:HEAD_LINES]
    if lines:
        lead = _LEAD_DATE.match(lines[0].text)
        if lead:
            return find_date(lead.group(), year)
    for ln in lines:
        t = ln.text
        if len(t) > 120:
            continue
        by = BYLINE_RE.match(t)
        m = _STAMP.match(t)
        if (m and find_date(m.group("date"), year, need_year=True)) or (by and find_date(t, year, need_year=True)):
            return find_date(t, year, need_year=True)
    return None


def _thread_start(pieces: list[Piece], length: int) -> int:
    """Where the comment thread starts, its header chrome ("3 Comments", the first commenter's stamp) included."""
    for n, p in enumerate(pieces):
        if p.kind == "comment":
            return pieces[n - 1].start if n > 0 and pieces[n - 1].kind == "page_chrome" else p.start
    return length


def _counter_date(text: str, pieces: list[Piece], year: int | None) -> str | None:
    """A date on a chrome line such as "December 6, 2016 | 5 Comments"."""
    for n, p in enumerate(pieces):
        if p.kind != "page_chrome":
            continue
        end = pieces[n + 1].start if n + 1 < len(pieces) else len(text)
        for ln in split_lines(text, p.start, min(end, p.start + 2000)):
            if "|" in ln.text and re.search(r"comments?\b", ln.text, re.IGNORECASE):
                date = find_date(ln.text, year, need_year=True)
                if date:
                    return date
    return None


def _weekday_shift(text: str, pieces: list[Piece], base: str, cap: str | None) -> str:
    """Move a caption date forward to the latest weekday the article reports in the past tense."""
    best = base
    for n, p in enumerate(pieces):
        if p.kind in ("update", "comment"):
            break
        if p.kind == "page_chrome":
            continue
        end = pieces[n + 1].start if n + 1 < len(pieces) else len(text)
        for m in _PAST_WEEKDAY.finditer(text, p.start, end):
            cand = weekday_on_or_after(base, WEEKDAYS.index(m.group(1).lower()))
            best = max(best, cand)
    if cap and best > cap:
        best = max(base, cap)
    return best


def _title(text: str) -> str | None:
    for ln in split_lines(text, 0, min(len(text), 20_000))[:HEAD_LINES]:
        t = ln.text
        if is_prose(t) or len(t) > 200:
            return None
        if is_chrome(t) or t.startswith(("(", "[", "\u00a9")) or BYLINE_RE.match(t) or _LEAD_DATE.match(t):
            continue
        shape, _ = headline_shape(t)
        if shape or (t[-1:] not in ".,:;" and 3 <= len(t.split()) <= 22):
            return t
    return None


def _outlet(text: str, pieces: list[Piece]) -> str | None:
    for n, p in enumerate(pieces):
        end = pieces[n + 1].start if n + 1 < len(pieces) else len(text)
        if p.kind == "article":
            chunk = text[p.start: min(end, p.start + 20_000)]
            for ln in split_lines(chunk)[:3]:
                m = DATELINE_RE.match(ln.text)
                agency = m.group("outlet") if m else None
                dated = None if agency else dated_dateline(ln.text)
                agency = agency or (dated[1] if dated else None)
                if agency:
                    return known_outlet(agency) or agency
            m2 = OWN_SOURCES_RE.search(chunk)
            if m2:
                return known_outlet(m2.group("outlet")) or m2.group("outlet")
        elif p.kind == "page_chrome":
            chunk = text[p.start: min(end, p.start + 5_000)]
            for rx in SITE_NAME_RES:
                m3 = rx.search(chunk)
                if m3:
                    return m3.group("outlet").strip(" .")
    return None


def _author(text: str, facts: PageFacts) -> str | None:
    author, outlet, _ = _byline(text)
    if author or outlet:
        return author
    return facts.signoff


def page_facts(doc: Document, pieces: list[Piece], facts: PageFacts, year: int | None) -> None:
    """Fill the document's missing metadata and every piece's date/author/outlet."""
    text = doc.text
    if doc.title is None:
        doc.title = _title(text)
    if doc.author is None:
        doc.author = _author(text, facts)
    if doc.outlet is None:
        doc.outlet = _byline(text)[1] or _outlet(text, pieces)
    container_date = doc.published is not None
    hint = doc.published or _hint_date(doc)
    # a dated wire dateline dates its own article; the container's date, when there is one, wins
    wire: dict[int, str] = {}
    if not container_date:
        for n, p in enumerate(pieces):
            if p.kind in ("article", "embedded_report") and not p.published:
                end = pieces[n + 1].start if n + 1 < len(pieces) else len(text)
                date, _ = _wire_date(text, p.start, end, hint)
                if date:
                    wire[n] = date
    later = sorted(p.published for p in pieces if p.kind in ("update", "comment") and p.own_date and p.published)
    first_later = later[0] if later else None
    if doc.published is None:
        first_wire = next((wire[n] for n, p in enumerate(pieces) if n in wire and p.kind == "article"), None)
        date = facts.dateline or _head_date(text, year, _thread_start(pieces, len(text))) or first_wire
        date = date or _counter_date(text, pieces, year)
        if date is None:
            comment_dates = [p.published for p in pieces if p.kind == "comment" and p.own_date and p.published]
            if comment_dates and not facts.caption_dates:
                date = comment_dates[0]
            elif facts.caption_dates:
                base = max(facts.caption_dates)
                date = _weekday_shift(text, pieces, base, first_later)
        doc.published = date
    page = doc.published
    host_date = page
    host_author = doc.author
    for n, p in enumerate(pieces):
        if n in wire:
            p.published = wire[n]
        if p.kind == "article":
            p.published = p.published or page
            p.author = p.author or doc.author
            p.outlet = p.outlet or doc.outlet
            host_date, host_author = p.published, p.author
        elif p.kind == "update":
            p.published = p.published or host_date
            host_date = p.published
            p.author = p.author or host_author
        elif p.kind == "comment":
            p.published = p.published or page
        else:
            p.published = p.published or host_date

