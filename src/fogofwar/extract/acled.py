"""One event as a row of ACLED's CSV columns (the CSV exporter writes these rows)."""

from __future__ import annotations

from fogofwar.models import Analysis, Event

COLUMNS = ("event_date", "event_type", "sub_event_type", "actor1", "actor2", "admin1", "location",
           "latitude", "longitude", "source", "notes", "fatalities")


def _actor_name(analysis: Analysis, actor_id: str | None) -> str:
    actor = analysis.actor(actor_id)
    return actor.canonical if actor is not None else ""


def acled_row(analysis: Analysis, event: Event) -> dict[str, str]:
    """ACLED's columns for one event; unknown values are empty strings, as in ACLED's own files."""
    place = analysis.place(event.place)
    doc = analysis.document
    seg = next((s for s in analysis.segments if s.id == event.segment), None)
    source = (seg.outlet if seg and seg.outlet else None) or doc.outlet or doc.url or doc.source_path or ""
    reporter = _actor_name(analysis, event.reported_by)
    if reporter and reporter != source:
        source = f"{source}; {reporter}" if source else reporter
    notes = " ".join(doc.text[event.char_start:event.char_end].split())
    if event.factuality != "asserted":
        notes = f"{notes} [{event.factuality}]"
    # ACLED codes only deaths in "fatalities"; a wounded count stays in the notes
    fatalities = event.counts.get("killed")
    extras = [f"{k}={v}" for k, v in sorted(event.counts.items()) if k != "killed"]
    if extras:
        notes = f"{notes} ({', '.join(extras)})"
    # ACLED locates an event at its town: a street or building the gazetteer lacks takes its holder's point
    place = analysis.located(event.place) or place
    lat = place.lat if place is not None else None
    lon = place.lon if place is not None else None
    return {
        "event_date": event.date or "",
        "event_type": event.acled_event_type or "",
        "sub_event_type": event.acled_sub_event_type or "",
        "actor1": _actor_name(analysis, event.actor1),
        "actor2": _actor_name(analysis, event.actor2),
        "admin1": (place.admin1 or "") if place is not None else "",
        "location": place.name if place is not None else "",
        "latitude": f"{lat:.4f}" if lat is not None else "",
        "longitude": f"{lon:.4f}" if lon is not None else "",
        "source": source,
        "notes": notes,
        "fatalities": str(fatalities) if fatalities is not None else "0",
    }
