"""Readers: files and folders -> :class:`Document`s, and an :class:`InputError` for anything unreadable.

``read_path`` never raises for bad input: a binary, empty, cut or garbled file (or one record
inside it) becomes an InputError naming the file, the reason and what to do, and the batch goes on.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from fogofwar.ingest.decode import gunzip_stream, sniff_binary
from fogofwar.ingest.feed import read_feed_bytes
from fogofwar.ingest.html import read_html_bytes
from fogofwar.ingest.tabular import read_csv_bytes, read_jsonl_lines
from fogofwar.ingest.text import read_text_bytes
from fogofwar.ingest.warc import read_warc
from fogofwar.models import Document, InputError

__all__ = ["SUPPORTED", "Document", "InputError", "iter_inputs", "read_path", "sniff_format"]

log = logging.getLogger(__name__)

SUPPORTED = (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml", ".warc", ".warc.gz", ".arc.gz",
             ".rss", ".atom", ".xml", ".jsonl", ".ndjson", ".csv", ".gz")

_BY_SUFFIX = {
    ".txt": "text", ".text": "text", ".md": "text", ".markdown": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".warc": "warc", ".arc": "warc",
    ".rss": "feed", ".atom": "feed",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".csv": "csv",
}
_SNIFF = 4096


def _suffix_format(name: str) -> str | None:
    """Format named by a file name (None when the name does not say: .xml, no or unknown suffix)."""
    lower = name.lower()
    if lower.endswith(".gz"):
        lower = lower[:-3]
    return _BY_SUFFIX.get(os.path.splitext(lower)[1])


def sniff_format(head: bytes) -> str:
    """Format from the first bytes of a (decompressed) file: warc, feed, html, jsonl or text."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith(b"warc/"):
        return "warc"
    window = start[:_SNIFF]
    if start.startswith((b"<rss", b"<feed", b"<rdf:rdf")) or (
            start.startswith(b"<?xml") and any(t in window for t in (b"<rss", b"<feed", b"<rdf:rdf"))):
        return "feed"
    if start.startswith((b"<!doctype html", b"<html")) or any(
            t in window for t in (b"<html", b"<body", b"<head", b"<div", b"<p>", b"<article")):
        return "html"
    if start.startswith(b"{"):
        return "jsonl"
    return "text"


def _is_supported(name: str) -> bool:
    lower = name.lower()
    return lower.endswith(SUPPORTED) or "." not in lower


def _within(target: Path, root: Path) -> bool:
    return target == root or root in target.parents


# A folder's README or LICENCE describes the folder; it is not one of the reports in it.
# Named directly on the command line, such a file is read like any other.
_FOLDER_NOTES = re.compile(r"(?i)^(readme|licen[cs]e|copying|changelog)(\.(md|txt|rst))?$")


def _walk(folder: Path, root: Path, seen: set[Path]) -> Iterator[Path]:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        log.warning("cannot list %s: %s", folder, exc)
        yield folder  # read_path turns it into an InputError the user sees
        return
    for entry in entries:
        if entry.name.startswith(".") or _FOLDER_NOTES.match(entry.name):
            continue
        path = Path(entry.path)
        try:
            if entry.is_symlink():
                target = path.resolve()
                if not _within(target, root):
                    continue  # a link out of the folder the user gave is not theirs to read
                if target.is_dir():
                    if target not in seen:
                        seen.add(target)
                        yield from _walk(path, root, seen)
                    continue
                if target.is_file() and _is_supported(entry.name):
                    yield path
                continue
            if entry.is_dir(follow_symlinks=False):
                real = path.resolve()
                if real not in seen:
                    seen.add(real)
                    yield from _walk(path, root, seen)
            elif entry.is_file(follow_symlinks=False) and _is_supported(entry.name):
                yield path
        except OSError as exc:
            log.warning("skipping %s: %s", path, exc)


def iter_inputs(paths: Iterable[Path]) -> Iterator[Path]:
    """Files given, and the supported files under folders given (recursively, sorted, hidden ones skipped).

    A named file is always yielded (read_path says if it cannot be read); inside folders only
    files with a supported suffix or none are, and symlinks are followed only within the folder.
    """
    for given in paths:
        path = Path(given)
        if path.is_dir():
            root = path.resolve()
            yield from _walk(path, root, {root})
        else:
            yield path


def read_path(path: Path) -> Iterator[Document | InputError]:
    """Documents in one file (several for WARC, feeds, JSON Lines, CSV) and an InputError per bad part."""
    source = str(path)
    try:
        yield from _read(Path(path), source)
    except MemoryError:
        yield InputError(path=source, reason="too large to read in memory",
                         hint="split the file (e.g. one document per line in a .jsonl)")
    except Exception as exc:  # a reader bug must cost one file, not the batch
        log.exception("reading %s failed", source)
        yield InputError(path=source, reason=f"unreadable ({type(exc).__name__}: {exc})",
                         hint="please report this file as a bug; the other inputs were read")


def _read(path: Path, source: str) -> Iterator[Document | InputError]:
    try:
        if not path.exists():
            yield InputError(path=source, reason="file not found", hint="check the path")
            return
        if path.is_dir():
            yield InputError(path=source, reason="is a folder", hint="folders are read through iter_inputs")
            return
        if not path.is_file():
            yield InputError(path=source, reason="not a regular file (device, pipe or socket)",
                             hint="copy the data to a file first")
            return
        with path.open("rb") as fh:
            head = fh.read(_SNIFF)
    except OSError as exc:
        yield InputError(path=source, reason=f"cannot open ({exc.strerror or exc})",
                         hint="check the file's permissions")
        return
    if not head:
        yield InputError(path=source, reason="empty (zero bytes)", hint="the file has no content; remove it")
        return
    name = path.name.lower()
    gzipped = head.startswith(b"\x1f\x8b")
    fmt = _suffix_format(name)
    if fmt == "warc" or (gzipped and name.endswith((".warc.gz", ".arc.gz"))):
        yield from read_warc(path, source)
        return
    truncated_error: InputError | None = None
    if gzipped:
        with path.open("rb") as fh:
            unzipped = gunzip_stream(fh)
        data = unzipped.data
        if unzipped.truncated:
            truncated_error = InputError(
                path=source, reason=unzipped.error or "truncated gzip",
                hint="the .gz was cut (incomplete download or copy); whole records before the break were kept")
    elif name.endswith(".gz"):
        yield InputError(path=source, reason="named .gz but not gzip data", hint="rename it without .gz")
        return
    else:
        data = b""  # read below, once the format is known (JSON Lines streams from the file)
    inner_head = data[:_SNIFF] if gzipped else head
    if fmt is None:
        fmt = sniff_format(inner_head)
        if fmt == "warc":  # a WARC behind an unusual name: warcio reads gzip itself
            yield from read_warc(path, source)
            return
    if fmt != "jsonl" or gzipped:
        problem = sniff_binary(inner_head)
        if problem is not None and not (gzipped and not data):
            yield problem.to_input_error(source)
            return
    if fmt == "jsonl":
        if gzipped:
            lines = data.split(b"\n")
            if truncated_error is not None and lines:
                lines.pop()  # the last line stops at the break
            yield from read_jsonl_lines(lines, source)
        else:
            problem = sniff_binary(head)
            if problem is not None:
                yield problem.to_input_error(source)
                return
            with path.open("rb") as fh:
                yield from read_jsonl_lines(fh, source)  # binary iteration splits on b"\n" only
    else:
        if not gzipped:
            data = path.read_bytes()
        if fmt == "text":
            yield from read_text_bytes(data, source, truncated=truncated_error is not None)
        elif truncated_error is not None:
            pass  # a cut page or feed is not a whole record
        elif fmt == "html":
            yield from read_html_bytes(data, source)
        elif fmt == "feed":
            yield from read_feed_bytes(data, source)
        elif fmt == "csv":
            yield from read_csv_bytes(data, source)
    if truncated_error is not None:
        yield truncated_error
