"""The body of a page (everything before its comments): article, updates, pasted reports, chrome.

One pass over the lines with a small state machine: we are either in the host text (the
article, or an update once an "Update (Oct. 19):" marker has been seen) or inside a pasted
report. Cues, each general rather than tied to one site:

- start of a pasted report
  * the previous host line introduces it with a colon ("... told AP:", "... in his latest piece:")
    and the new line is not in the writer's voice;
  * a headline-shaped line (short, unterminated, title case or followed by report prose) after
    some host text: another outlet's piece pasted with its headline;
  * a wire dateline at the paragraph start ("BEIRUT (Reuters) -");
  * a paragraph wholly inside quote marks;
  * on pages whose paragraphs are separated by blank lines, a paragraph glued to the previous
    one without a blank line and not in the writer's voice (blockquotes lose their blank line
    when the HTML is flattened).
- end of a pasted report
  * a colon-terminated introduction (the writer speaks again to introduce the next block);
  * the writer's own voice (first person, "!", "?", stance words) outside quotes;
  * on blank-line pages, a glued paragraph that is not report prose ("said", "according to").
- update markers "Update (Oct. 19):", "UPDATE 2:", "Editor's note:" start an update segment,
  even in the middle of a line.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from fogofwar.models import SegmentKind
from fogofwar.segment.chrome import closes_article, is_caption, is_chrome, is_credit, is_slug
from fogofwar.segment.cues import (
    BYLINE_RE,
    DATELINE_RE,
    author_voice,
    headline_shape,
    intro_source,
    is_intro,
    is_list_item,
    is_prose,
    known_outlet,
    report_voice,
    strong_author_voice,
)
from fogofwar.segment.dates import find_date
from fogofwar.segment.lines import Line
from fogofwar.segment.pieces import Piece

_UPDATE = re.compile(
    r"(?:(?<=^)|(?<=[.!?:]\s)|(?<=[.!?:][\"\u201d)]\s))"
    r"(?:(?:UPDATE[DS]?|Update[ds]?)(?:\s+\d{1,2})?"
    r"(?:\s*\((?P<paren>[^)]{2,40})\)|,?\s+(?:on\s+)?(?P<plain>[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,?\s+\d{4})?"
    r"|\d{1,2}\s+[A-Z][a-z]{2,8}\.?(?:\s+\d{4})?))?\s*[:\-\u2013\u2014]"
    r"|(?:Editor['\u2019]s note|EDITOR['\u2019]S NOTE)\s*[:\-\u2013\u2014(])",
)
_OPEN_QUOTE = ('"', "\u201c")
_CLOSE_QUOTE = ('"', "\u201d")


@dataclass(slots=True)
class Body:
    pieces: list[Piece] = field(default_factory=list)
    caption_dates: list[str] = field(default_factory=list)


def uses_blank_lines(lines: list[Line]) -> bool:
    """Whether paragraphs are normally separated by blank lines (then a glued line is a cue)."""
    if len(lines) < 4:
        return False
    return sum(1 for ln in lines[1:] if ln.blank_before) >= 0.3 * (len(lines) - 1)


def _next_text(lines: list[Line], i: int) -> str:
    return lines[i + 1].text if i + 1 < len(lines) else ""


def _is_headline(lines: list[Line], i: int, *, in_report: bool) -> bool:
    shape, titled = headline_shape(lines[i].text)
    if not shape:
        return False
    nxt = _next_text(lines, i)
    if BYLINE_RE.match(nxt) or DATELINE_RE.match(nxt):
        return True
    if not is_prose(nxt) or strong_author_voice(nxt):
        return False
    return titled or in_report or report_voice(nxt)


def _whole_quote(text: str) -> bool:
    return len(text) > 200 and text.startswith(_OPEN_QUOTE) and text.endswith(_CLOSE_QUOTE)


def segment_body(text: str, lines: list[Line], year: int | None, host: SegmentKind = "article") -> Body:
    """Pieces for the body lines, in order. ``host`` is the kind of the writer's own text."""
    body = Body()
    pieces = body.pieces
    blank_mode = uses_blank_lines(lines)
    host_kind: SegmentKind = host
    in_report = False
    prev: str | None = None  # previous content line of the current flow (None after chrome)
    seen_host = False
    closed = False  # past "What do you think?" / "Related posts": only chrome and link lists follow
    after_credit = False

    def open_piece(kind: SegmentKind, at: int, **facts: str | None) -> Piece:
        piece = Piece(kind, at, **facts)  # type: ignore[arg-type]  # facts are Piece's str fields
        pieces.append(piece)
        return piece

    for i, ln in enumerate(lines):
        t = ln.text
        chrome = is_chrome(t) or (is_slug(t) and is_credit(_next_text(lines, i)))
        caption = after_credit and is_caption(t)
        if caption:
            date = find_date(t, year, need_year=True)
            if date:
                body.caption_dates.append(date)
        after_credit = is_credit(t)
        if chrome or caption or (closed and not is_prose(t)):
            if not pieces or pieces[-1].kind != "page_chrome":
                open_piece("page_chrome", ln.body_start)
            closed = closed or closes_article(t)
            in_report, prev = False, None
            continue
        closed = False
        m = _UPDATE.search(t)
        if m and (m.start() == 0 or seen_host) and not (m.group().lower().startswith("editor") and not seen_host):
            if m.start() > 0 and (not pieces or pieces[-1].kind == "page_chrome"):
                open_piece(host_kind if not in_report else "embedded_report", ln.body_start)
            stamp = m.group("paren") or m.group("plain") or ""
            date = find_date(stamp, year) if stamp else None
            open_piece("update", ln.body_start + m.start(), published=date)
            pieces[-1].own_date = date is not None
            host_kind, in_report, seen_host = "update", False, True
            # a marker line ends with a colon but introduces the update, not a pasted block
            prev = None if t[m.end():].strip() == "" else t
            continue
        glued = blank_mode and not ln.blank_before and prev is not None
        dateline = DATELINE_RE.match(t)
        if in_report:
            if is_intro(t) and len(t) < 400 and not t.startswith((*_OPEN_QUOTE, "[")):
                open_piece(host_kind, ln.body_start)
                in_report = False
            elif _is_headline(lines, i, in_report=True) or (dateline and prev is not None and pieces[-1].title is None):
                _open_report(open_piece, lines, i, year, None, dateline)
            elif strong_author_voice(t) or (glued and not (report_voice(t) and not author_voice(t))):
                open_piece(host_kind, ln.body_start)
                in_report = False
        else:
            # a block glued to its colon introduction is pasted whatever its voice ("I think ..." quoted)
            introduced = prev is not None and is_intro(prev) and (glued or not strong_author_voice(t)) \
                and not is_list_item(t) and len(t) >= 20
            headline = seen_host and _is_headline(lines, i, in_report=False)
            starts = introduced or headline or (dateline is not None and seen_host) or _whole_quote(t) or (
                glued and seen_host and len(t) >= 80 and not is_list_item(t) and not author_voice(t))
            if starts:
                _open_report(open_piece, lines, i, year, prev if introduced else None, dateline)
                in_report = True
            elif not pieces or pieces[-1].kind == "page_chrome":
                open_piece(host_kind, ln.body_start)
            if not in_report and is_prose(t):
                seen_host = True  # titles, bylines and notes above the first paragraph are not "host text" yet
        prev = t
    return body


def _open_report(open_piece: Callable[..., Piece], lines: list[Line], i: int, year: int | None, intro: str | None,
                 dateline: re.Match[str] | None) -> None:
    """Open a pasted-report piece at line i with what its intro, headline and dateline say."""
    author, outlet = intro_source(intro) if intro else (None, None)
    t = lines[i].text
    title = t if headline_shape(t)[0] and not dateline else None
    head = lines[i + 1].text if title and i + 1 < len(lines) else t
    byline = BYLINE_RE.match(head)
    if byline:
        author = byline.group("name")
    line_dateline = DATELINE_RE.match(head) or dateline
    date = None
    if line_dateline:
        outlet = known_outlet(line_dateline.group("outlet")) or line_dateline.group("outlet")
        date = find_date(line_dateline.group(), year)
    piece = open_piece("embedded_report", lines[i].body_start, author=author, outlet=outlet, title=title,
                       published=date)
    piece.own_date = date is not None
