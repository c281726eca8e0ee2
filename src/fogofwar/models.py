"""Typed records passed between the pipeline stages.

Every offset is a character offset (Python ``str`` index) into ``Document.text``.
Stages never pass dicts: a stage reads an :class:`Analysis` and appends its own records.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:  # spaCy is heavy; only the annotate stage imports it at run time
    from spacy.tokens import Doc

SegmentKind = Literal["article", "update", "comment", "embedded_report", "page_chrome"]
MentionKind = Literal["actor", "place", "date"]
Factuality = Literal["asserted", "hedged", "hypothetical", "predicted", "denied"]
Approx = Literal["exact", "at_least", "at_most", "about", "range"]
ActorType = Literal[
    "state_force", "armed_group", "government", "international_org", "person", "media",
    "civilians", "organisation", "unknown",
]


def content_id(text: str) -> str:
    """Document id: the sha256 of its text, so re-reading the same text changes nothing."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(slots=True, kw_only=True)
class SegmentHint:
    """A part of a document that its reader already knows (an HTML comment, a feed item's body).

    The segmenter keeps hints as they are and segments only the text between them.
    """

    kind: SegmentKind
    char_start: int
    char_end: int
    author: str | None = None
    published: str | None = None
    title: str | None = None
    outlet: str | None = None
    reply_to_index: int | None = None  # index of the hint this one answers (threaded comments)


@dataclass(slots=True, kw_only=True)
class Document:
    """One input text as read, before any analysis."""

    text: str
    source_path: str | None = None
    source_id: str | None = None  # the "id" of a JSON Lines / CSV row
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD), or a prefix of one
    format: str = "text"  # text | html | warc | feed | jsonl | csv
    encoding: str | None = None
    hints: list[SegmentHint] = field(default_factory=list)
    doc_id: str = ""

    def __post_init__(self) -> None:
        if not self.doc_id:
            self.doc_id = content_id(self.text)


@dataclass(slots=True, kw_only=True)
class InputError:
    """One input (or one record inside it) that could not be read. The batch goes on."""

    path: str
    reason: str
    hint: str = ""  # what the user can do about it
    record: str | None = None  # line number / WARC record id / item index, when inside a file


@dataclass(slots=True, kw_only=True)
class Segment:
    id: str
    kind: SegmentKind
    char_start: int
    char_end: int
    author: str | None = None
    published: str | None = None
    title: str | None = None
    outlet: str | None = None
    in_reply_to: str | None = None


@dataclass(slots=True, kw_only=True)
class Chunk:
    """A paragraph of one segment, parsed by spaCy. ``start`` maps token offsets to the document."""

    segment: Segment
    start: int
    doc: Doc
    # the paragraph's text (== doc.text, which spaCy rebuilds token by token on every access)
    text: str = ""

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    def span(self, start_char: int, end_char: int) -> tuple[int, int]:
        return self.start + start_char, self.start + end_char


@dataclass(slots=True, kw_only=True)
class Actor:
    id: str
    canonical: str
    type: ActorType = "unknown"
    country: str | None = None
    wikidata: str | None = None
    parent: str | None = None  # canonical name of the parent actor
    local: bool = False  # only known from this document, not from the actor table


@dataclass(slots=True, kw_only=True)
class Place:
    id: str
    name: str  # as the document first writes it ("Deir Ezzur"), which is what its readers search for
    geonameid: int | None
    feature: str | None  # country | admin1 | admin2 | city | village | region | water | ...
    country: str | None  # ISO 3166-1 alpha-2
    admin1: str | None
    lat: float | None
    lon: float | None
    gazetteer_name: str | None = None  # the gazetteer's own name for the entry ("Deir ez-Zor")
    # the place holding a street or building the gazetteer lacks (its id), as event coders locate a site
    # at its town; the site takes that point only where the text names the holder ("X Road, Aleppo")
    within: str | None = None


@dataclass(slots=True, kw_only=True)
class Mention:
    kind: MentionKind
    text: str
    char_start: int
    char_end: int
    ref: str  # actor id, place id, or the ISO date value
    # extra facts some kinds carry: a relational place ("20 km south of Mosul"), a date's precision
    detail: dict[str, str | float | int | None] = field(default_factory=dict)


@dataclass(slots=True, kw_only=True)
class Event:
    id: str
    type: str  # PLOVER type
    mode: str | None
    acled_event_type: str | None
    acled_sub_event_type: str | None
    char_start: int
    char_end: int
    segment: str
    actor1: str | None = None
    actor2: str | None = None
    place: str | None = None
    date: str | None = None
    date_precision: str | None = None
    date_inferred: bool = False
    place_precision: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    reported_by: str | None = None
    factuality: Factuality = "asserted"
    confidence: float = 0.5
    trigger: str = ""
    action: str = ""  # fine-grained action label (ATTACK, AIRSTRIKE, CAPTURE_TERRITORY, ...)


@dataclass(slots=True, kw_only=True)
class Quote:
    id: str
    speaker: str | None  # actor id
    kind: Literal["direct", "indirect"]
    cue: str
    char_start: int
    char_end: int
    content_start: int
    content_end: int
    date: str | None = None
    speaker_kind: str = "named"  # named | anonymous | pronoun | organisation | unknown
    segment: str | None = None


@dataclass(slots=True, kw_only=True)
class Quantity:
    id: str
    value: float
    approx: Approx
    unit: str | None
    counts_what: str | None
    belongs_to: str | None  # actor id
    char_start: int
    char_end: int
    high: float | None = None  # upper bound of a range


@dataclass(slots=True, kw_only=True)
class Claim:
    id: str
    text: str
    char_start: int
    char_end: int
    claimant: str | None
    factuality: Factuality
    cluster: str | None = None


@dataclass(slots=True, kw_only=True)
class Prediction:
    id: str
    predictor: str | None
    char_start: int
    char_end: int
    horizon: str | None
    text: str = ""


@dataclass(slots=True, kw_only=True)
class Analysis:
    """Everything known about one document; each stage appends to it."""

    document: Document
    segments: list[Segment] = field(default_factory=list)
    chunks: list[Chunk] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    predictions: list[Prediction] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    # -- registries: one record per distinct actor / place in a document
    def add_actor(self, canonical: str, **facts: object) -> str:
        """Return the id of the actor with this canonical name, adding it if new."""
        for actor in self.actors:
            if actor.canonical == canonical:
                return actor.id
        actor = Actor(id=f"a{len(self.actors) + 1}", canonical=canonical, **facts)  # type: ignore[arg-type]
        self.actors.append(actor)
        return actor.id

    def add_place(self, *, name: str, geonameid: int | None, **facts: object) -> str:
        for place in self.places:
            if geonameid is not None and place.geonameid == geonameid:
                return place.id
            if geonameid is None and place.geonameid is None and place.name == name:
                return place.id
        place = Place(id=f"p{len(self.places) + 1}", name=name, geonameid=geonameid, **facts)  # type: ignore[arg-type]
        self.places.append(place)
        return place.id

    def actor(self, actor_id: str | None) -> Actor | None:
        return next((a for a in self.actors if a.id == actor_id), None)

    def place(self, place_id: str | None) -> Place | None:
        return next((p for p in self.places if p.id == place_id), None)

    def located(self, place_id: str | None) -> Place | None:
        """The place if it has coordinates, else the place holding it (``within``) if that has them."""
        place = self.place(place_id)
        if place is not None and place.lat is None:
            place = self.place(place.within)
        return place if place is not None and place.lat is not None else None

    # -- lookups the extractors share
    def segment_at(self, offset: int) -> Segment | None:
        for seg in self.segments:
            if seg.char_start <= offset < seg.char_end:
                return seg
        return None

    def mentions_in(self, kind: MentionKind, start: int, end: int) -> list[Mention]:
        """Mentions of one kind that lie inside [start, end), in text order."""
        return sorted(
            (m for m in self.mentions if m.kind == kind and m.char_start >= start and m.char_end <= end),
            key=lambda m: m.char_start,
        )

    def mention_at(self, kind: MentionKind, start: int, end: int) -> Mention | None:
        """The mention of this kind that overlaps [start, end) the most."""
        best, best_overlap = None, 0
        for m in self.mentions:
            if m.kind != kind:
                continue
            overlap = min(end, m.char_end) - max(start, m.char_start)
            if overlap > best_overlap:
                best, best_overlap = m, overlap
        return best
