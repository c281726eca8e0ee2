"""Segmentation: split a page into article, updates, comments, pasted reports and chrome.

``segment_document`` is the entry point. It also fills the document's own metadata (title,
outlet, author, publication date) from the text where the reader found none.
"""

from __future__ import annotations

from fogofwar.models import Document, Segment
from fogofwar.segment.comments import find_thread, reply_target
from fogofwar.segment.furniture import lead_furniture, tail_furniture
from fogofwar.segment.layout import segment_body
from fogofwar.segment.lines import split_lines
from fogofwar.segment.metadata import PageFacts, page_facts, year_hint
from fogofwar.segment.pieces import Piece

__all__ = ["segment_document"]


def _furniture(text: str, pieces: list[Piece], end: int, facts: PageFacts, *, lead: bool,
               title: str | None) -> list[Piece]:
    """Cut glued page furniture off the first and last host pieces of a body (pieces run to ``end``)."""
    out = list(pieces)
    if lead:
        first = next((n for n, p in enumerate(out) if p.kind != "page_chrome"), None)
        if first is not None and out[first].kind == "article":
            piece = out[first]
            stop = out[first + 1].start if first + 1 < len(out) else end
            found = lead_furniture(text, piece.start, stop, title)
            facts.dateline = facts.dateline or found.date
            if found.cut > piece.start:
                out.insert(first, Piece("page_chrome", piece.start))
                piece.start = found.cut
    if out and out[-1].kind in ("article", "update", "embedded_report"):
        cut = tail_furniture(text, out[-1].start, end)
        if cut is not None:
            out.append(Piece("page_chrome", cut))
    return out


def _segment_range(text: str, start: int, end: int, year: int | None, *, comments: bool,
                   facts: PageFacts, lead: bool = False, title: str | None = None) -> list[Piece]:
    lines = split_lines(text, start, end)
    if not lines:
        # blank space between two hinted parts joins the part before it; it is no segment of its own
        return [Piece("page_chrome", start)] if text[start:end].strip() else []
    thread = find_thread(text, lines, year) if comments else None
    body_lines = lines[: thread.first_line] if thread else lines
    body = segment_body(text, body_lines, year)
    body_end = lines[thread.first_line].start if thread else end
    body.pieces = _furniture(text, body.pieces, body_end, facts, lead=lead, title=title)
    facts.caption_dates.extend(body.caption_dates)
    if thread and thread.post_author and not facts.signoff:
        facts.signoff = thread.post_author
    pieces = body.pieces + (thread.pieces if thread else [])
    for p in thread.pieces if thread else []:
        if p.reply_to is not None:
            p.reply_to += len(body.pieces)
    if pieces and pieces[0].start > start:
        pieces[0].start = start  # leading whitespace belongs to the first segment
    return pieces


def _hinted(doc: Document, year: int | None, facts: PageFacts) -> list[Piece]:
    """Keep the reader's hints; segment only inside article/update hints and between hints."""
    text = doc.text
    hints = sorted(enumerate(doc.hints), key=lambda h: h[1].char_start)
    has_comments = any(h.kind == "comment" for _, h in hints)
    pieces: list[Piece] = []
    index_of_hint: dict[int, int] = {}
    replies: list[tuple[int, int]] = []
    pos = 0
    for hint_index, hint in hints:
        start, end = max(hint.char_start, pos), max(hint.char_end, pos)
        if start > pos:
            gap = _segment_range(text, pos, start, year, comments=not has_comments, facts=facts)
            _append(pieces, gap)
        index_of_hint[hint_index] = len(pieces)
        if hint.kind in ("article", "update") and end > start:
            inner = segment_body(text, split_lines(text, start, end), year, host=hint.kind).pieces or \
                [Piece(hint.kind, start)]
            inner[0].start = start
            for p in inner:
                if p.kind == hint.kind:
                    p.author = hint.author or p.author
                    p.published = hint.published or p.published
                    p.own_date = p.own_date or hint.published is not None
                    p.outlet = hint.outlet or p.outlet
            inner[0].title = hint.title
            _append(pieces, inner)
        else:
            piece = Piece(hint.kind, start, author=hint.author, published=hint.published, title=hint.title,
                          outlet=hint.outlet, own_date=hint.published is not None)
            if hint.reply_to_index is not None:
                replies.append((len(pieces), hint.reply_to_index))
            elif hint.kind == "comment":
                # flat comment markup: a reply shows only by addressing an earlier commenter by name
                first_line = text[start:end].lstrip().split("\n", 1)[0]
                piece.reply_to = reply_target(first_line, pieces)
            pieces.append(piece)
        pos = end
    if pos < len(text):
        _append(pieces, _segment_range(text, pos, len(text), year, comments=not has_comments, facts=facts))
    for piece_index, target in replies:
        if target in index_of_hint:
            pieces[piece_index].reply_to = index_of_hint[target]
    return pieces


def _append(pieces: list[Piece], more: list[Piece]) -> None:
    offset = len(pieces)
    for p in more:
        if p.reply_to is not None:
            p.reply_to += offset
        pieces.append(p)


def segment_document(doc: Document) -> list[Segment]:
    text = doc.text
    if not text:
        return [Segment(id="s1", kind="article", char_start=0, char_end=0, author=doc.author,
                        published=doc.published, outlet=doc.outlet, title=doc.title)]
    year = year_hint(doc)
    facts = PageFacts()
    pieces = _hinted(doc, year, facts) if doc.hints else _segment_range(
        text, 0, len(text), year, comments=True, facts=facts, lead=True, title=doc.title)
    pieces = _normalise(pieces, len(text))
    page_facts(doc, pieces, facts, year)
    return _to_segments(doc, pieces)


def _normalise(pieces: list[Piece], length: int) -> list[Piece]:
    """Sorted, non-empty, starting at 0; a chrome run is one piece."""
    out: list[Piece] = []
    remap: dict[int, int] = {}
    order = sorted(range(len(pieces)), key=lambda k: pieces[k].start)
    for k in order:
        p = pieces[k]
        if out and p.start <= out[-1].start:
            # two pieces at one offset: the later-found (more specific) one wins
            remap[k] = len(out) - 1
            out[-1] = p
            continue
        if out and p.kind == "page_chrome" and out[-1].kind == "page_chrome":
            remap[k] = len(out) - 1
            continue
        remap[k] = len(out)
        out.append(p)
    for p in out:
        if p.reply_to is not None:
            p.reply_to = remap.get(p.reply_to)
    if out:
        out[0].start = 0
    return out or [Piece("article", 0)]


def _to_segments(doc: Document, pieces: list[Piece]) -> list[Segment]:
    segments = []
    for n, p in enumerate(pieces):
        end = pieces[n + 1].start if n + 1 < len(pieces) else len(doc.text)
        reply = f"s{p.reply_to + 1}" if p.reply_to is not None and p.reply_to < n else None
        segments.append(Segment(id=f"s{n + 1}", kind=p.kind, char_start=p.start, char_end=end, author=p.author,
                                published=p.published, title=p.title, outlet=p.outlet, in_reply_to=reply))
    return segments



