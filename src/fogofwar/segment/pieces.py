"""The segmenter's working record: where a segment starts and what is known about it."""

from __future__ import annotations

from dataclasses import dataclass

from fogofwar.models import SegmentKind


@dataclass(slots=True)
class Piece:
    kind: SegmentKind
    start: int  # document offset; the piece runs to the next piece's start
    author: str | None = None
    published: str | None = None
    title: str | None = None
    outlet: str | None = None
    reply_to: int | None = None  # index of the answered piece in the same list
    own_date: bool = False  # the date was read from this piece's own text
