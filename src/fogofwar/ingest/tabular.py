"""JSON Lines and CSV: one document per row (id, text, url, title, author, outlet, published)."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterable, Iterator
from typing import Any

from fogofwar.ingest.dates import to_iso_date
from fogofwar.ingest.decode import DecodeError, decode_bytes
from fogofwar.models import Document, InputError

FIELDS = ("id", "text", "url", "title", "author", "outlet", "published")
_HINT_ROW = "each row needs a non-empty \"text\"; optional: id, url, title, author, outlet, published"


def _str(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _published(value: Any) -> str | None:
    text = _str(value)
    return to_iso_date(text) if text else None


def row_document(row: dict[str, Any], source: str, fmt: str) -> Document | str:
    """A document from one row, or the reason it is not one."""
    text = row.get("text")
    if not isinstance(text, str):
        return "no \"text\" field" if text is None else f"\"text\" is a {type(text).__name__}, not a string"
    if not text.strip():
        return "empty \"text\""
    return Document(text=text, source_path=source, source_id=_str(row.get("id")), url=_str(row.get("url")),
                    title=_str(row.get("title")), author=_str(row.get("author")), outlet=_str(row.get("outlet")),
                    published=_published(row.get("published")), format=fmt, encoding="utf-8")


def read_jsonl_lines(lines: Iterable[bytes], source: str) -> Iterator[Document | InputError]:
    """`lines` are split on b"\\n" only: U+2028 and friends inside a text are not line ends."""
    for number, raw in enumerate(lines, start=1):
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        raw = raw.strip(b" \t\r\n")
        if not raw:
            continue
        record = f"line {number}"
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield InputError(path=source, record=record, reason=f"not UTF-8 (byte {exc.start} of the line)",
                             hint="JSON Lines must be UTF-8; re-encode the file")
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(path=source, record=record, reason=f"invalid JSON: {exc.msg} (column {exc.colno})",
                             hint="fix or remove this line; the other lines were read")
            continue
        if not isinstance(obj, dict):
            yield InputError(path=source, record=record, reason=f"a JSON {type(obj).__name__}, not an object",
                             hint="one JSON object per line: " + _HINT_ROW)
            continue
        doc = row_document(obj, source, "jsonl")
        if isinstance(doc, str):
            yield InputError(path=source, record=record, reason=doc, hint=_HINT_ROW)
        else:
            yield doc


def _raise_field_limit() -> None:
    # Whole articles live in one cell; the csv default (128 KB) rejects long ones.
    limit = sys.maxsize
    while True:
        try:
            csv.field_size_limit(limit)
            return
        except OverflowError:
            limit //= 10


def read_csv_bytes(data: bytes, source: str) -> Iterator[Document | InputError]:
    try:
        decoded = decode_bytes(data)
    except DecodeError as exc:
        yield exc.to_input_error(source)
        return
    _raise_field_limit()
    reader = csv.reader(io.StringIO(decoded.text, newline=""))
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as exc:
        yield InputError(path=source, reason=f"no CSV header ({exc})" if str(exc) else "no CSV header",
                         hint="the first row must name the columns: " + ", ".join(FIELDS))
        return
    names = [h.strip().lstrip("\ufeff").lower() for h in header]
    if "text" not in names:
        yield InputError(path=source, reason=f"no \"text\" column (columns: {', '.join(names)})",
                         hint="name the column holding the document text \"text\"")
        return
    row_number = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield InputError(path=source, record=f"line {reader.line_num}", reason=f"broken CSV: {exc}",
                             hint="fix the quoting of this row; the rest of the file was not read")
            return
        row_number += 1
        if not any(c.strip() for c in cells):
            continue
        row = dict(zip(names, cells, strict=False))
        doc = row_document(row, source, "csv")
        if isinstance(doc, str):
            yield InputError(path=source, record=f"row {row_number}", reason=doc, hint=_HINT_ROW)
        else:
            doc.encoding = decoded.encoding
            yield doc
