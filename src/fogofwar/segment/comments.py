"""Comment threads: where they start, who wrote each comment, when, and whom it answers.

Two families of layout are read:
- footer stamps (Typepad): each comment ENDS with "Posted by: NAME | 07 June 2016 at 05:06 PM";
- header stamps: "NAME says: DATE at TIME" (WordPress), "NAME • 2 hours ago" (Disqus), a bare
  date line before a pingback "[…] excerpt […]", or numbered items "1." / "2. NAME Said:" after a
  comment counter. Header lines become page_chrome; the comment starts at its body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from fogofwar.segment.chrome import closes_article, is_chrome
from fogofwar.segment.dates import DATE_RE, find_date
from fogofwar.segment.lines import Line
from fogofwar.segment.pieces import Piece

_FOOTER = re.compile(r"^Posted by:?\s*(?P<name>[^|]{1,80}?)\s*\|\s*(?P<when>.{4,60})$")
_WP_HEADER = re.compile(
    r"^(?:\d{1,3}[.)]\s+)?(?P<name>[^\s:][^:]{0,58}?)\s+(?:says|said|wrote|writes|replied)\s*:\s*(?P<rest>.{0,60})$",
    re.IGNORECASE,
)
_AGO = r"(?:\d+|an?|one)\s+(?:second|minute|hour|day|week|month|year)s?\s+ago"
_DISQUS = re.compile(
    rf"^(?P<name>[^\u2022\u00b7|]{{1,50}}?)\s*[\u2022\u00b7]\s*(?P<when>{_AGO}|.{{4,40}})$", re.IGNORECASE,
)
_TIME = r"(?:\s*(?:at|@|,|-)?\s*\d{1,2}[:.]\d\d\s*(?:[ap]\.?m\.?)?)?"
_DATE_LINE = re.compile(
    rf"^(?:(?:mon|tue|wed|thu|fri|sat|sun)\w*,?\s+)?(?:{DATE_RE.pattern}){_TIME}\s*$", re.IGNORECASE,
)
_PINGBACK = re.compile(r"^\[(?:\u2026|\.\.\.)\]")
_NUMBERED = re.compile(r"^(?P<n>\d{1,3})[.)]\s+")
# A sign-off ending the post just before its comments: "... the bear eats you. pl", "-- Jane"
_SIGNOFF = re.compile(
    r"(?:^|[.!?\"\u201d)]\s+)(?P<sig>[a-z]{1,3}|[A-Z]{1,3})\s*$"
    r"|^(?:--|\u2014|\u2013)\s*(?P<sig2>[A-Z]\w+(?: [A-Z]\w+)?)\s*$",
)
_REPLY_CUE = re.compile(r"^(?:in reply to|replying to|reply to|re:|@)\s*(?P<name>[^,.:\n]{1,60})", re.IGNORECASE)


@dataclass(slots=True)
class Thread:
    first_line: int  # index of the first line that belongs to the thread (header or body)
    pieces: list[Piece] = field(default_factory=list)
    post_author: str | None = None  # the post's sign-off, when the thread starts after one


def _clean_name(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip(" ,.:;-\u2022")


def reply_target(first_line: str, pieces: list[Piece]) -> int | None:
    """Index of the earlier comment that a comment's first line addresses, if any."""
    text = first_line.strip()
    cue = _REPLY_CUE.match(text)
    candidate = cue.group("name").strip() if cue else text.rstrip(",:").strip()
    # a long first line can still open by addressing someone: "Ayse D., the Turks count ..."
    inline = not cue and (len(candidate) > 40 or len(candidate.split()) > 4)
    low = candidate.lower()
    # a reply answers a recent comment; a bounded look-back keeps huge threads linear
    for idx in range(len(pieces) - 1, max(-1, len(pieces) - 400), -1):
        p = pieces[idx]
        if p.kind != "comment" or not p.author:
            continue
        name = p.author.lower()
        if inline:
            if text.lower().startswith((name + ",", name + ":")):
                return idx
        elif low == name or (cue and (low.startswith(name) or name.startswith(low))):
            return idx
    return None


def _footer_thread(text: str, lines: list[Line], footers: list[tuple[int, re.Match[str]]],
                   year: int | None) -> Thread:
    f0 = footers[0][0]
    start = max(f0 - 1, 0)
    author = None
    for i in range(f0 - 2, max(-1, f0 - 60), -1):
        m = _SIGNOFF.search(lines[i].text)
        if m:
            start, author = i + 1, m.group("sig") or m.group("sig2")
            break
    else:
        # no sign-off: the first comment is the paragraph block just above its stamp
        if any(ln.blank_before for ln in lines[:f0]):
            while start > max(0, f0 - 30) and not lines[start].blank_before:
                start -= 1
    thread = Thread(first_line=start, post_author=author)
    body = start
    for idx, m in footers:
        if body < idx:
            when = find_date(m.group("when"), year)
            piece = Piece("comment", lines[body].body_start, author=_clean_name(m.group("name")),
                          published=when, own_date=when is not None)
            piece.reply_to = reply_target(lines[body].text, thread.pieces)
            thread.pieces.append(piece)
        body = idx + 1
    for i in range(body, len(lines)):
        # what trails the last stamp is the site's (closed-comments notes, link lists)
        thread.pieces.append(Piece("page_chrome", lines[i].body_start))
        break
    return thread


def _header(lines: list[Line], i: int, in_zone: bool, year: int | None) -> tuple[int, str | None, str | None] | None:
    """(header line count, author, date) when line i opens a comment with a header."""
    t = lines[i].text
    nxt = lines[i + 1].text if i + 1 < len(lines) else ""
    m = _WP_HEADER.match(t)
    if m and len(t) <= 120:
        rest = m.group("rest")
        date = find_date(rest, year) if rest else None
        if date or re.search(_AGO, rest, re.IGNORECASE):
            return 1, _clean_name(m.group("name")), date
        if not rest and (_DATE_LINE.match(nxt) or re.fullmatch(_AGO, nxt, re.IGNORECASE)):
            return 2, _clean_name(m.group("name")), find_date(nxt, year)
        if not rest and in_zone:
            return 1, _clean_name(m.group("name")), None
    m = _DISQUS.match(t)
    if m and (re.fullmatch(_AGO, m.group("when"), re.IGNORECASE) or _DATE_LINE.match(m.group("when"))):
        return 1, _clean_name(m.group("name")), find_date(m.group("when"), year)
    if _DATE_LINE.match(t) and (in_zone or _PINGBACK.match(nxt)):
        return 1, None, find_date(t, year)
    if in_zone and len(t) <= 40 and len(t.split()) <= 4 and _DATE_LINE.match(nxt) and not is_chrome(t):
        return 2, _clean_name(t), find_date(nxt, year)
    return None


def _header_thread(lines: list[Line], year: int | None) -> Thread | None:
    thread: Thread | None = None
    in_zone = False
    expect = 1  # next comment number in a numbered list
    i = 0
    while i < len(lines):
        t = lines[i].text
        if not in_zone and (closes_article(t) and re.match(r"^(?:\d+\s+comments?|comments|leave a)", t, re.I)):
            in_zone = True
        head = _header(lines, i, in_zone, year)
        num = _NUMBERED.match(t)
        if head is not None:
            count, author, date = head
            if thread is None:
                thread = Thread(first_line=i)
            thread.pieces.append(Piece("page_chrome", lines[i].body_start))
            in_zone = True
            if num:
                expect = int(num.group("n")) + 1
            body = i + count
            if body < len(lines):
                piece = Piece("comment", lines[body].body_start, author=author, published=date,
                              own_date=date is not None)
                piece.reply_to = reply_target(lines[body].text, thread.pieces)
                thread.pieces.append(piece)
            i = body + 1
            continue
        if in_zone and num and int(num.group("n")) == expect:
            if thread is None:
                thread = Thread(first_line=i)
            thread.pieces.append(Piece("comment", lines[i].body_start))
            expect += 1
        elif thread is not None and is_chrome(t):
            thread.pieces.append(Piece("page_chrome", lines[i].body_start))
        elif thread is not None and thread.pieces and thread.pieces[-1].kind == "page_chrome":
            # prose after a widget line inside a thread continues the last comment
            last = next((p for p in reversed(thread.pieces) if p.kind == "comment"), None)
            if last is not None:
                thread.pieces.append(Piece("comment", lines[i].body_start, author=last.author,
                                           published=last.published, own_date=last.own_date))
        i += 1
    return thread


def find_thread(text: str, lines: list[Line], year: int | None) -> Thread | None:
    """The page's comment thread, or None when the page has none."""
    footers = [(i, m) for i, ln in enumerate(lines) if (m := _FOOTER.match(ln.text))]
    if footers:
        return _footer_thread(text, lines, footers, year)
    return _header_thread(lines, year)
