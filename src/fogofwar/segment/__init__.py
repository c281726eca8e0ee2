"""Segmentation: split a page into article, updates, comments, pasted reports and chrome."""

from __future__ import annotations

from fogofwar.models import Document, Segment


def segment_document(doc: Document) -> list[Segment]:
    """Placeholder: the whole text is one article segment."""
    return [Segment(id="s1", kind="article", char_start=0, char_end=len(doc.text),
                    author=doc.author, published=doc.published, outlet=doc.outlet)]
