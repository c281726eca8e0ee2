"""Page metadata read from the text, and the publication date of every segment.

Used only where the container gave nothing: a reader's title/outlet/author/date always wins.
Page date, in order of trust: a byline or comment-counter date near the top; a dateline that
opens the text ("Wed 05 Apr 2017 ..."); failing that, the earliest own-dated comment (a post
is published no later than its first comment); failing that, a photo-caption date moved
forward to the latest weekday that past-tense reporting mentions ("said on Tuesday"), never
past the first dated update or comment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from fogofwar.models import Document
from fogofwar.segment.chrome import is_chrome
from fogofwar.segment.cues import (
    BYLINE_RE,
    DATELINE_RE,
    OWN_SOURCES_RE,
    SITE_NAME_RES,
    headline_shape,
    is_prose,
    known_outlet,
)
from fogofwar.segment.dates import DATE_RE, WEEKDAYS, find_date, weekday_on_or_after, year_of
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


def _head_date(text: str, year: int | None) -> str | None:
    lines = split_lines(text, 0, min(len(text), 20_000))[:HEAD_LINES]
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
                if m:
                    return known_outlet(m.group("outlet")) or m.group("outlet")
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
    for ln in split_lines(text, 0, min(len(text), 20_000))[:HEAD_LINES]:
        m = BYLINE_RE.match(ln.text)
        if m and not find_date(m.group("name"), 2000):
            return m.group("name")
    return facts.signoff


def page_facts(doc: Document, pieces: list[Piece], facts: PageFacts, year: int | None) -> None:
    """Fill the document's missing metadata and every piece's date/author/outlet."""
    text = doc.text
    if doc.title is None:
        doc.title = _title(text)
    if doc.author is None:
        doc.author = _author(text, facts)
    if doc.outlet is None:
        doc.outlet = _outlet(text, pieces)
    later = sorted(p.published for p in pieces if p.kind in ("update", "comment") and p.own_date and p.published)
    first_later = later[0] if later else None
    if doc.published is None:
        date = facts.dateline or _head_date(text, year) or _counter_date(text, pieces, year)
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
    for p in pieces:
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

