"""Run only some stages on a hand-written text, so each stage's tests do not depend on the others."""

from __future__ import annotations

from fogofwar.annotate import annotate
from fogofwar.extract.claims import extract_claims
from fogofwar.extract.events import extract_events
from fogofwar.models import Analysis, Document
from fogofwar.segment import segment_document


def run_own_stages(nlp, text: str, **meta: str) -> Analysis:
    """Segment, parse and run only the events and claims stages (other stages are tested on their own)."""
    doc = Document(text=text, published="2016-10-18", **meta)  # type: ignore[arg-type]
    analysis = Analysis(document=doc)
    analysis.segments = segment_document(doc)
    annotate([analysis], nlp)
    extract_events(analysis)
    extract_claims(analysis)
    return analysis
