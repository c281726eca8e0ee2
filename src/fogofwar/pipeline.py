"""The analysis of documents, stage by stage, in the order the data flows.

segment -> annotate (spaCy) -> resolve (actors, places, time) -> extract (quantities,
quotes, events, claims). A stage that fails on one document records the error on that
document's analysis and the others go on.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from fogofwar.annotate import MAX_NLP_CHARS, annotate
from fogofwar.extract.claims import extract_claims
from fogofwar.extract.events import extract_events
from fogofwar.extract.quantities import extract_quantities
from fogofwar.extract.quotes import extract_quotes
from fogofwar.models import Analysis, Document
from fogofwar.resolve.actors import drop_unfounded_actors, resolve_actors
from fogofwar.resolve.places import resolve_places
from fogofwar.resolve.time import resolve_dates
from fogofwar.segment import segment_document

if TYPE_CHECKING:
    from spacy.language import Language

log = logging.getLogger(__name__)

Stage = Callable[[Analysis], None]
# Order matters: quotes and events look up the actor, place and date mentions found before them.
STAGES: tuple[tuple[str, Stage], ...] = (
    ("actors", resolve_actors),
    ("places", resolve_places),
    ("time", resolve_dates),
    ("quantities", extract_quantities),
    ("quotes", extract_quotes),
    ("events", extract_events),
    ("claims", extract_claims),
    ("unfounded actors", drop_unfounded_actors),  # last: an actor no words name and nothing uses goes
)


def analyze_documents(docs: Iterable[Document], nlp: Language | None = None, *,
                      max_chars: int = MAX_NLP_CHARS, n_process: int = 1) -> list[Analysis]:
    """Run every stage on a batch of documents; spaCy sees all their paragraphs in one stream."""
    analyses = []
    originals = []
    for doc in docs:
        originals.append(doc)
        work = _analysable_part(doc, max_chars)
        analysis = Analysis(document=work)
        try:
            analysis.segments = segment_document(work)
        except Exception as exc:  # one bad page must not stop the batch
            log.exception("segmenting %s failed", doc.source_path)
            analysis.errors.append(f"segment: {type(exc).__name__}: {exc}")
            analysis.segments = []
        analyses.append(analysis)
    annotate(analyses, nlp, n_process=n_process)
    for analysis, original in zip(analyses, originals, strict=True):
        for name, stage in STAGES:
            try:
                stage(analysis)
            except Exception as exc:
                log.exception("stage %s failed on %s", name, analysis.document.source_path)
                analysis.errors.append(f"{name}: {type(exc).__name__}: {exc}")
        analysis.chunks = []  # spaCy Docs are large; nothing after extraction needs them
        if analysis.document is not original:
            _restore_whole_text(analysis, original)
    return analyses


def _analysable_part(doc: Document, max_chars: int) -> Document:
    """The document itself, or, past max_chars, its beginning cut at a paragraph or sentence end.

    Cutting the end keeps every offset valid, so the facts found in the part hold for the
    whole text, which is stored unchanged (its id is still the hash of the whole text).
    """
    if len(doc.text) <= max_chars:
        return doc
    text = doc.text
    cut = text.rfind("\n", max_chars // 2, max_chars)
    if cut < 0:
        cut = max(text.rfind(". ", max_chars // 2, max_chars) + 1, 0) or max_chars
    hints = [h for h in doc.hints if h.char_end <= cut]
    return replace(doc, text=text[:cut], hints=hints, doc_id=doc.doc_id)


def _restore_whole_text(analysis: Analysis, original: Document) -> None:
    analysed = len(analysis.document.text)
    # metadata the segmenter read from the text belongs to the whole document too
    for name in ("title", "outlet", "author", "published"):
        if getattr(original, name) is None:
            setattr(original, name, getattr(analysis.document, name))
    analysis.document = original
    if analysis.segments:
        analysis.segments[-1].char_end = len(original.text)
    analysis.errors.append(
        f"annotate: only the first {analysed:,} of {len(original.text):,} characters were analysed "
        "(the text is stored whole; raise --max-chars to analyse more)"
    )


def analyze_text(text: str, *, published: str | None = None, nlp: Language | None = None,
                 keep_chunks: bool = False, source_path: str | None = None, title: str | None = None,
                 outlet: str | None = None, author: str | None = None) -> Analysis:
    """Analyse one text (tests and the API use this): the whole pipeline, no database."""
    doc = Document(text=text, published=published, source_path=source_path, title=title, outlet=outlet,
                   author=author)
    analysis = Analysis(document=doc)
    analysis.segments = segment_document(doc)
    annotate([analysis], nlp)
    for _name, stage in STAGES:
        stage(analysis)
    if not keep_chunks:
        analysis.chunks = []
    return analysis
