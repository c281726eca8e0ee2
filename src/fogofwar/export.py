"""Export records in the ``fogofwar.export/1`` contract (see DESIGN.md)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from fogofwar.models import Analysis

SCHEMA = "fogofwar.export/1"


def _rows(items: list[Any], drop: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    out = []
    for item in items:
        row = asdict(item)
        for key in drop:
            row.pop(key, None)
        out.append(row)
    return out


def to_record(analysis: Analysis) -> dict[str, Any]:
    """One export line for one analysed document."""
    doc = analysis.document
    return {
        "schema": SCHEMA,
        "doc_id": doc.doc_id,
        "source": {"path": doc.source_path, "id": doc.source_id, "url": doc.url, "outlet": doc.outlet},
        "title": doc.title,
        "author": doc.author,
        "published": doc.published,
        "text": doc.text,
        "segments": _rows(analysis.segments),
        "actors": _rows(analysis.actors),
        "places": _rows(analysis.places),
        "mentions": _rows(analysis.mentions),
        "events": _rows(analysis.events),
        "quotes": _rows(analysis.quotes),
        "quantities": _rows(analysis.quantities),
        "claims": _rows(analysis.claims),
        "predictions": _rows(analysis.predictions),
        "errors": list(analysis.errors),
    }
