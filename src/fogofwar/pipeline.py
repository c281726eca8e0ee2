"""The analysis of documents, stage by stage, in the order the data flows.

segment -> annotate (spaCy) -> resolve (actors, places, time) -> extract (quantities,
quotes, events, claims). A stage that fails on one document records the error on that
document's analysis and the others go on.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from fogofwar.annotate import MAX_NLP_CHARS, annotate
from fogofwar.extract.claims import extract_claims
from fogofwar.extract.events import extract_events
from fogofwar.extract.quantities import extract_quantities
from fogofwar.extract.quotes import extract_quotes
from fogofwar.models import Analysis, Document
from fogofwar.resolve.actors import resolve_actors
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
)


def analyze_documents(docs: Iterable[Document], nlp: Language | None = None, *,
                      max_chars: int = MAX_NLP_CHARS, n_process: int = 1) -> list[Analysis]:
    """Run every stage on a batch of documents; spaCy sees all their paragraphs in one stream."""
    analyses = []
    for doc in docs:
        analysis = Analysis(document=doc)
        try:
            analysis.segments = segment_document(doc)
        except Exception as exc:  # one bad page must not stop the batch
            log.exception("segmenting %s failed", doc.source_path)
            analysis.errors.append(f"segment: {type(exc).__name__}: {exc}")
            analysis.segments = []
        analyses.append(analysis)
    annotate(analyses, nlp, max_chars=max_chars, n_process=n_process)
    for analysis in analyses:
        for name, stage in STAGES:
            try:
                stage(analysis)
            except Exception as exc:
                log.exception("stage %s failed on %s", name, analysis.document.source_path)
                analysis.errors.append(f"{name}: {type(exc).__name__}: {exc}")
        analysis.chunks = []  # spaCy Docs are large; nothing after extraction needs them
    return analyses


def analyze_text(text: str, *, published: str | None = None, nlp: Language | None = None,
                 keep_chunks: bool = False, **meta: str) -> Analysis:
    """Analyse one text (tests and the API use this): the whole pipeline, no database."""
    doc = Document(text=text, published=published, **meta)
    analysis = Analysis(document=doc)
    analysis.segments = segment_document(doc)
    annotate([analysis], nlp)
    for _name, stage in STAGES:
        stage(analysis)
    if not keep_chunks:
        analysis.chunks = []
    return analysis
