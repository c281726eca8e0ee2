"""WARC / WARC.gz (warcio): one document per HTML or text response record.

warcio stops quietly at a cut file (a gzip member that ends early is just skipped, a short
record is read short), so the break is found by comparing what it consumed with the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from fogofwar.ingest.dates import to_iso_date
from fogofwar.ingest.decode import DecodeError, decode_bytes
from fogofwar.ingest.html import read_html_bytes
from fogofwar.models import Document, InputError

_TRUNCATED_HINT = "the archive was cut (incomplete download or copy); the records before the break were read"


def _kind(content_type: str) -> str | None:
    ctype = content_type.split(";", 1)[0].strip().lower()
    if ctype in ("text/html", "application/xhtml+xml"):
        return "html"
    if ctype in ("text/plain", "text/markdown"):
        return "text"
    return None


def read_warc(path: Path, source: str) -> Iterator[Document | InputError]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    size = path.stat().st_size
    number = 0
    last_id = None
    with path.open("rb") as fh:
        iterator = ArchiveIterator(fh)
        try:
            for record in iterator:
                number += 1
                rid = record.rec_headers.get_header("WARC-Record-ID") or f"#{number}"
                label = f"record {number} {rid}"
                if record.rec_type == "response" and record.http_headers is not None:
                    ctype = record.http_headers.get_header("Content-Type") or ""
                elif record.rec_type == "resource":
                    ctype = record.rec_headers.get_header("Content-Type") or ""
                else:
                    last_id = rid
                    continue
                kind = _kind(ctype)
                if kind is None:
                    last_id = rid
                    continue
                payload = record.content_stream().read()
                if record.raw_stream.limit:  # fewer bytes than Content-Length: the file ends here
                    yield InputError(path=source, record=label, reason="WARC record cut short (truncated file)",
                                     hint=_TRUNCATED_HINT)
                    return
                last_id = rid
                url = record.rec_headers.get_header("WARC-Target-URI")
                warc_date = to_iso_date(record.rec_headers.get_header("WARC-Date"))
                yield from _record_documents(payload, kind, ctype, source, label, url, warc_date)
        except (ArchiveLoadFailed, EOFError, OSError, ValueError) as exc:
            after = f" after {last_id}" if last_id else ""
            yield InputError(path=source, record=f"record {number + 1}{after}",
                             reason=f"broken WARC ({type(exc).__name__}: {exc})", hint=_TRUNCATED_HINT)
            return
        rest = size - iterator.offset
        if rest > 0 and not _only_padding(fh, iterator.offset):
            after = f" after {last_id}" if last_id else ""
            what = "not a WARC file" if number == 0 else "WARC ends inside a record (truncated file)"
            hint = "give a .warc or .warc.gz archive" if number == 0 and size > 4096 else _TRUNCATED_HINT
            yield InputError(path=source, record=f"record {number + 1}{after}", reason=what, hint=hint)


def _only_padding(fh: object, offset: int) -> bool:
    seek = getattr(fh, "seek", None)
    read = getattr(fh, "read", None)
    if seek is None or read is None:
        return False
    seek(offset)
    rest = read(1 << 16)
    return not rest.strip(b"\r\n\x00 ")


def _record_documents(payload: bytes, kind: str, ctype: str, source: str, label: str, url: str | None,
                      warc_date: str | None) -> Iterator[Document | InputError]:
    if kind == "html":
        for item in read_html_bytes(payload, source, url=url, fmt="warc", content_type=ctype,
                                    fallback_date=warc_date):
            if isinstance(item, InputError):
                item.record = label
            yield item
        return
    try:
        decoded = decode_bytes(payload)
    except DecodeError as exc:
        yield exc.to_input_error(source, record=label)
        return
    yield Document(text=decoded.text, source_path=source, url=url, published=warc_date, format="warc",
                   encoding=decoded.encoding)
