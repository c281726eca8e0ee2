"""RSS / Atom (feedparser): one document per item, its HTML body read as a fragment."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from fogofwar.ingest.dates import struct_to_iso, to_iso_date
from fogofwar.ingest.html import fragment_text
from fogofwar.models import Document, InputError, SegmentHint


def _body(entry: Any) -> str:
    contents = entry.get("content") or []
    best = max((c.get("value") or "" for c in contents), key=len, default="")
    summary = entry.get("summary") or ""
    return best if len(best) >= len(summary) else summary


def read_feed_bytes(data: bytes, source: str) -> Iterator[Document | InputError]:
    import feedparser

    parsed = feedparser.parse(data)
    entries = parsed.get("entries") or []
    if not entries:
        problem = parsed.get("bozo_exception")
        reason = f"not a readable RSS/Atom feed ({problem})" if problem else "feed has no items"
        yield InputError(path=source, reason=reason, hint="check that the file is a complete RSS or Atom feed")
        return
    outlet = (parsed.get("feed") or {}).get("title") or None
    for number, entry in enumerate(entries, start=1):
        title = (entry.get("title") or "").strip() or None
        body = fragment_text(_body(entry))
        # The headline often carries the event itself, so it leads the text like a page's <h1>.
        text = (f"{title}\n\n{body}" if body else title) if title and not body.startswith(title) else body
        if not text.strip():
            yield InputError(path=source, record=f"item {number}", reason="empty item (no title, no text)",
                             hint="the feed item has no content; nothing to analyse")
            continue
        published = struct_to_iso(entry.get("published_parsed") or entry.get("updated_parsed")) or to_iso_date(
            entry.get("published") or entry.get("updated"))
        author = (entry.get("author") or "").strip() or None
        hint = SegmentHint(kind="article", char_start=0, char_end=len(text), author=author, published=published,
                           title=title, outlet=outlet)
        yield Document(text=text, source_path=source, url=entry.get("link") or None, title=title, outlet=outlet,
                       author=author, published=published, format="feed", encoding="utf-8", hints=[hint])
