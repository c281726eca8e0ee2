"""Page furniture glued to the article text: leading date stamps and headlines, trailing tag/link runs.

Scraped news often arrives with its whitespace collapsed, so a page is one long line that opens
"Wed 05 Apr 2017 <headline>. <lede> ..." and closes "... Read Also" or "Tags Syria Idlib Community
standards ...". Line-level chrome rules cannot see these; here we find the leading and trailing
runs with anchored regexes (linear in the run, never a scan of the whole text) and cut only where
a sentence starts, so no article sentence is split.

Wire datelines ("BEIRUT (Reuters) -") are deliberately left in the article: their place name is a
reported location that the place stage should see.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from fogofwar.segment.dates import DATE_RE, find_date


@lru_cache(maxsize=1)
def _widget_words() -> tuple[frozenset[str], frozenset[str]]:
    """(widget words, strong widget words): a run counts only with a strong one, so "us on" stays prose."""
    raw = yaml.safe_load(resources.files("fogofwar.data").joinpath("segment/widgets.yaml").read_text("utf-8"))
    return frozenset(str(w) for w in raw["words"]), frozenset(str(w) for w in raw["strong"])


_WIDGET_TOKEN = re.compile(r"[A-Z]?[a-z]+\+?|[A-Z]+(?![a-z])|\d+|\S")

_WEEKDAY = (r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)"
            r"\.?,?\s+")
_NUMDATE = r"(?P<nd>[0-3]?\d)[-./](?P<nm>[01]?\d)[-./](?P<ny>(?:19|20)\d\d)"
_TIME = r"(?:,?\s*(?:at\s+)?[0-2]?\d[:.][0-5]\d(?:\s*[ap]\.?m\.?)?(?:\s*(?:GMT|UTC|[A-Z]{3,4})\b)?)"
# "Date of publication 7 July 2016", "Published October 3 2016", "Wed 05 Apr 2017",
# "21.05.2017(updated 2139 21.05.2017)", "Thursday 31 July 2014 10:59".
_STAMP = re.compile(
    r"(?:(?:date of publication|published(?: on| at)?|posted(?: on| at)?|last updated(?: on| at)?|date)\s*:?\s*)?"
    rf"(?:{_WEEKDAY})?(?:{DATE_RE.pattern}|{_NUMDATE})"
    rf"(?:\s*\(updated[^)\n]{{0,40}}\))?{_TIME}?",
    re.IGNORECASE,
)
# An agency credit and date between headline and lede: "AFP Tuesday 29 Apr 2014".
_AGENCY_DATE = re.compile(rf"(?:[A-Z]{{2,8}}|[A-Z][a-z]{{2,12}})\s+(?:{_WEEKDAY})?(?:{DATE_RE.pattern}|{_NUMDATE})",
                          re.IGNORECASE)
_TITLE_LABEL = re.compile(r"title\s*:\s*", re.IGNORECASE)
_BY = re.compile(r"by\s+", re.IGNORECASE)
_WORD = re.compile(r"\w+")
_SENTENCE_START = re.compile(r"[\"'\u201c\u2018(\[]?[A-Z0-9]")

# Trailing runs. Each is searched only in the last few hundred characters of the article text.
_TAIL_RUNS = re.compile(
    r"(?:^|(?<=[\s.!?\"\u201d]))(?:"
    r"(?:Read Also|Read More|See Also|Also Read|Related(?: News| Articles| Stories)?)\s*:?\s*$"
    r"|Tags?\s[^.!?]{0,400}$"
    r"|Community standards.{0,300}$"
    r"|Our Standards\s*:.{0,120}$"
    r"|Last Update\s*:.{0,120}$"
    r"|(?:Twitter|Facebook|YouTube)\s*$"
    r")",
)
_TAIL_WINDOW = 600


@dataclass(slots=True)
class Lead:
    cut: int  # document offset where the article text starts (== start when nothing was cut)
    date: str | None  # ISO date of the leading stamp


def _numdate(m: re.Match[str]) -> str | None:
    if not m.group("nd"):
        return None
    try:
        return dt.date(int(m.group("ny")), int(m.group("nm")), int(m.group("nd"))).isoformat()
    except ValueError:
        return None


def _skip_space(text: str, pos: int, end: int) -> int:
    while pos < end and text[pos].isspace():
        pos += 1
    return pos


def _widget_run(text: str, pos: int, end: int) -> int:
    """End of a run of widget words starting at pos (pos itself when there is none)."""
    words, strong_words = _widget_words()
    last = pos
    strong = False
    for m in _WIDGET_TOKEN.finditer(text, pos, min(end, pos + 200)):
        word = m.group().lower()
        if m.group() == "US":
            break  # the country, not "follow us"
        if word.isdigit() or word in words:
            strong = strong or word in strong_words
            last = m.end()
            continue
        break
    return last if strong or text[pos:last].strip().lower() == "video" else pos


def _title_end(text: str, pos: int, end: int, title: str) -> int | None:
    """End offset of the container's title when the text at pos repeats (most of) it."""
    want = [w.lower() for w in _WORD.findall(title)]
    if len(want) < 3:
        return None
    k = 0
    stop = None
    for m in _WORD.finditer(text, pos, min(end, pos + len(title) + 80)):
        if k >= len(want) or m.group().lower() != want[k]:
            break
        k += 1
        stop = m.end()
    if stop is None or k < min(4, len(want)) or k < 0.5 * len(want):
        return None
    # the headline's own full stop (sometimes after a space: "car bomb .")
    probe = _skip_space(text, stop, end)
    return probe + 1 if probe < end and text[probe] in ".:" else stop


def lead_furniture(text: str, start: int, end: int, title: str | None) -> Lead:
    """Date stamp, widgets and repeated headline at the start of text[start:end]."""
    pos = _skip_space(text, start, end)
    date = None
    stamp = _STAMP.match(text, pos, end)
    after_stamp = pos
    if stamp:
        date = _numdate(stamp) or find_date(stamp.group(), None, need_year=True)
        if date:
            after_stamp = stamp.end()
    cut = after_stamp
    p = _skip_space(text, after_stamp, end)
    w = _widget_run(text, p, end)
    if w > p:
        cut = p = w
        p = _skip_space(text, p, end)
    if title:
        label = _TITLE_LABEL.match(text, p, end)
        q = label.end() if label else p
        by = _BY.match(text, q, end) if date else None
        t_end = _title_end(text, q, end, title)
        if t_end is None and by:
            # "Posted on July 20 2016 by Some Outlet <headline>": the headline ends the byline
            for offset in range(by.end(), min(end, by.end() + 60)):
                if text[offset - 1].isspace() and (text[offset].isupper() or text[offset] in "\"\u201c"):
                    t_end = _title_end(text, offset, end, title)
                    if t_end is not None:
                        break
        if t_end is not None:
            cut = p = t_end
            p = _skip_space(text, p, end)
            agency = _AGENCY_DATE.match(text, p, end)
            if agency:
                date = date or _numdate(agency) or find_date(agency.group(), None, need_year=True)
                cut = p = agency.end()
                p = _skip_space(text, p, end)
            w = _widget_run(text, p, end)
            if w > p:
                cut = w
    if cut <= pos:
        return Lead(start, date)
    body = _skip_space(text, cut, end)
    if body >= end or not _SENTENCE_START.match(text, body, end):
        # the stamp runs into a byline or a lower-case fragment: keep the text whole, keep the date
        return Lead(start, date)
    return Lead(body, date)


def tail_furniture(text: str, start: int, end: int) -> int | None:
    """Offset where a trailing furniture run of text[start:end] begins, or None."""
    while end > start and text[end - 1].isspace():
        end -= 1
    # only the last line: a multi-line page has its furniture on lines of its own
    lo = max(start, end - _TAIL_WINDOW, text.rfind("\n", start, end) + 1)
    m = _TAIL_RUNS.search(text[lo:end])
    if m is None:
        return None
    cut = lo + m.start()
    before = text[start:cut].rstrip()
    if len(before) < 40:
        return None  # the whole paragraph would go: that is for the line rules to decide
    return cut


def is_widget_line(text: str) -> bool:
    """A whole line of share/follow/counter widget words."""
    t = text.strip()
    return 0 < len(t) <= 120 and _widget_run(t, 0, len(t)) >= len(t.rstrip(" .:|"))
