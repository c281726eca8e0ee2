"""Time expressions -> ISO dates relative to the segment's publication date.

REQUIRES: segments (their ``published``), the document text.
ASSIGNS: mentions[kind=date] with ``detail = {"precision", "anchor"}``.

The rules live in :mod:`fogofwar.resolve.timex` (plain text, no spaCy). Each segment is read on
its own, so "yesterday" in a comment posted on 2016-06-07 means 2016-06-06 whatever the article's
date. A segment without a date falls back to the document's, then to the first full date written
in the document (anchor "inferred"): a page's date line is usually its first full date.
"""

from __future__ import annotations

from datetime import date

from fogofwar.models import Analysis, Mention, Segment
from fogofwar.resolve.timex import find_dates, parse_ref

REQUIRES = ("segments",)
ASSIGNS = ("mentions[kind=date]",)


def inferred_reference(text: str) -> date | None:
    """The date a text without a publication date is read from: its first full date (its date line)."""
    for m in find_dates(text, None, metadata=True):
        if m.precision == "day" and m.anchor == "explicit":
            return date.fromisoformat(m.value[:10])
    return None


def resolve_dates(analysis: Analysis) -> None:
    doc = analysis.document
    text = doc.text
    segments = analysis.segments or [Segment(id="s0", kind="article", char_start=0, char_end=len(text),
                                             published=doc.published)]
    doc_ref = parse_ref(doc.published)
    inferred: date | None = None
    inferred_done = False
    for seg in segments:
        ref = parse_ref(seg.published) or doc_ref
        fallback = False
        if ref is None:
            if not inferred_done:
                inferred, inferred_done = inferred_reference(text), True
            ref, fallback = inferred, True
        body = text[seg.char_start:seg.char_end]
        for m in find_dates(body, ref):
            anchor = "inferred" if fallback and m.anchor == "publication" else m.anchor
            analysis.mentions.append(Mention(
                kind="date", text=m.text, char_start=seg.char_start + m.start, char_end=seg.char_start + m.end,
                ref=m.value, detail={"precision": m.precision, "anchor": anchor}))
