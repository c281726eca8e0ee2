"""Export records in the ``fogofwar.export/1`` contract (see DESIGN.md)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from typing import IO, Any

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


# ---------------------------------------------------------------------------- writers

def write_jsonl(analyses: Iterable[Analysis], out: IO[str]) -> int:
    n = 0
    for analysis in analyses:
        out.write(json.dumps(to_record(analysis), ensure_ascii=False) + "\n")
        n += 1
    return n


def geojson_features(analysis: Analysis) -> Iterator[dict[str, Any]]:
    """One Point feature per place of a document (with its mention spans), one per placed event."""
    doc = analysis.document
    for place in analysis.places:
        # a street or building the gazetteer lacks is drawn at the town the document puts it in, flagged so
        at = analysis.located(place.id)
        if at is None or at.lat is None or at.lon is None:
            continue
        spans = [[m.char_start, m.char_end, m.text] for m in analysis.mentions
                 if m.kind == "place" and m.ref == place.id]
        yield {"type": "Feature", "geometry": {"type": "Point", "coordinates": [at.lon, at.lat]},
               "properties": {"kind": "place", "doc_id": doc.doc_id, "source": doc.source_path or doc.url,
                              "name": place.name, "geonameid": place.geonameid, "feature": place.feature,
                              "country": place.country, "admin1": place.admin1, "within": place.within,
                              "approximate": place.within is not None, "mentions": spans}}
    for event in analysis.events:
        where = analysis.located(event.place)
        if where is None or where.lat is None or where.lon is None:
            continue
        actor1, actor2 = analysis.actor(event.actor1), analysis.actor(event.actor2)
        yield {"type": "Feature", "geometry": {"type": "Point", "coordinates": [where.lon, where.lat]},
               "properties": {"kind": "event", "doc_id": doc.doc_id, "source": doc.source_path or doc.url,
                              "event": event.id, "type": event.type, "action": event.action,
                              "acled_event_type": event.acled_event_type, "date": event.date,
                              "actor1": actor1.canonical if actor1 else None,
                              "actor2": actor2.canonical if actor2 else None,
                              "place": where.name, "place_precision": event.place_precision,
                              "factuality": event.factuality, "counts": event.counts,
                              "evidence": doc.text[event.char_start:event.char_end],
                              "char_start": event.char_start, "char_end": event.char_end}}


def write_geojson(analyses: Iterable[Analysis], out: IO[str]) -> int:
    n = 0
    out.write('{"type": "FeatureCollection", "features": [\n')
    for analysis in analyses:
        for feature in geojson_features(analysis):
            out.write((",\n" if n else "") + json.dumps(feature, ensure_ascii=False))
            n += 1
    out.write("\n]}\n")
    return n


ACLED_COLUMNS = ("event_date", "event_type", "sub_event_type", "actor1", "actor2", "admin1", "location",
                 "latitude", "longitude", "source", "notes", "fatalities")


def write_acled_csv(analyses: Iterable[Analysis], out: IO[str]) -> int:
    from fogofwar.extract.acled import acled_row

    writer = csv.DictWriter(out, fieldnames=list(ACLED_COLUMNS), extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    n = 0
    for analysis in analyses:
        for event in analysis.events:
            writer.writerow(acled_row(analysis, event))
            n += 1
    return n


def load_schema() -> dict[str, Any]:
    """The JSON Schema of one export line (shipped in the package)."""
    from importlib.resources import files

    return json.loads(files("fogofwar").joinpath("schema/export.schema.json").read_text(encoding="utf-8"))


def check_record(record: dict[str, Any]) -> list[str]:
    """Contract violations in one export record: schema errors, and spans that are not in the text."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(load_schema())
    problems = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(record)]
    n = len(record.get("text", ""))
    for key in ("segments", "mentions", "events", "quotes", "quantities", "claims", "predictions"):
        for i, item in enumerate(record.get(key, [])):
            if not 0 <= item.get("char_start", 0) <= item.get("char_end", 0) <= n:
                problems.append(f"{key}/{i}: span {item.get('char_start')}..{item.get('char_end')} outside text")
    text = record.get("text", "")
    for i, m in enumerate(record.get("mentions", [])):
        if text[m["char_start"]:m["char_end"]] != m["text"]:
            problems.append(f"mentions/{i}: text {m['text']!r} is not what the span holds")
    return problems
