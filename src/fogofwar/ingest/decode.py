"""Bytes -> text: binary and empty detection, charset detection, streaming gunzip.

Offsets in the gold and in every export are ``str`` indices into the decoded text, so UTF-8
input is decoded strictly and otherwise left exactly as it is (only a leading BOM goes).
"""

from __future__ import annotations

import codecs
import zlib
from dataclasses import dataclass
from typing import BinaryIO

from fogofwar.models import InputError

HEAD = 8192  # bytes looked at to tell binary from text; enough for every magic number we know

# Magic numbers of files people drop into an input folder by mistake: say what they are.
_MAGIC: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF-", "PDF", "extract its text first (e.g. pdftotext) and give the .txt"),
    (b"\x89PNG", "PNG image", "images are not read; remove it from the input"),
    (b"\xff\xd8\xff", "JPEG image", "images are not read; remove it from the input"),
    (b"GIF8", "GIF image", "images are not read; remove it from the input"),
    (b"PK\x03\x04", "ZIP archive (or .docx/.xlsx)", "unpack it, or save documents as text or HTML"),
    (b"\x7fELF", "ELF executable", "remove it from the input"),
    (b"MZ", "Windows executable", "remove it from the input"),
    (b"\x1f\x8b", "gzip data", "name it *.gz so it is decompressed"),
    (b"BZh", "bzip2 data", "decompress it first (bunzip2)"),
    (b"\xfd7zXZ\x00", "xz data", "decompress it first (unxz)"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive", "unpack it first"),
    (b"SQLite format 3\x00", "SQLite database", "export its text to JSON Lines or CSV"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Western code pages charset-normalizer confuses on short texts ("Señor" read as cp1250 "Seńor").
_LATIN_LOOKALIKES = {"cp1250", "cp1257", "iso8859-2", "iso8859-4", "iso8859-13", "iso8859-15", "iso8859-16",
                     "mac-roman", "mac-latin2", "cp850", "cp437", "cp858", "latin-1", "iso8859-1", "cp1252",
                     "cp1254", "iso8859-9", "mac-iceland", "mac-turkish", "hp-roman8", "cp1258", "cp1125"}
_CP1252_OK = frozenset(
    "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿŒœŠšŽžŸ"
    "’‘“”„–—…€«»°·•´¨¸ªºº§©®™¡¿ \u00a0£¥¢½¼¾±²³"
)


class DecodeError(Exception):
    """Carries the reason and hint for an :class:`InputError`."""

    def __init__(self, reason: str, hint: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.hint = hint

    def to_input_error(self, path: str, record: str | None = None) -> InputError:
        return InputError(path=path, reason=self.reason, hint=self.hint, record=record)


@dataclass(slots=True, frozen=True)
class Decoded:
    text: str
    encoding: str


def _looks_utf16(head: bytes) -> str | None:
    """UTF-16 without a BOM: NULs fall on every other byte of mostly-ASCII text."""
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def sniff_binary(head: bytes) -> DecodeError | None:
    """Why these first bytes are not text, or None when they may well be."""
    for bom, _ in _BOMS:
        if head.startswith(bom):
            return None
    for magic, what, hint in _MAGIC:
        if head.startswith(magic):
            return DecodeError(f"binary file ({what})", hint)
    if b"\x00" in head and _looks_utf16(head) is None:
        return DecodeError("binary file (contains NUL bytes)",
                           "only text, HTML, WARC, RSS/Atom, JSON Lines and CSV are read; remove it from the input")
    # Text never has many C0 control bytes other than tab/newline/CR/form feed/escape.
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    if head and controls > 0.05 * len(head):
        return DecodeError("binary file (control bytes)", "only text-based formats are read; remove it from the input")
    return None


def _canonical(name: str) -> str:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return name


def _prefer_western(data: bytes, guess: str) -> str:
    """Keep cp1252/latin-1 when the text reads as Western European in it (see _LATIN_LOOKALIKES)."""
    if guess not in _LATIN_LOOKALIKES:
        return guess
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return guess
    if all(ch in _CP1252_OK for ch in set(text) if ord(ch) > 127):
        # Where bytes 0x80-0x9f are absent the two read the same; name the older standard then.
        return "cp1252" if any(0x80 <= b <= 0x9F for b in data) else "iso8859-1"
    return guess


def detect_encoding(data: bytes) -> str | None:
    """The encoding of bytes that are not UTF-8, or None when nothing reads them sensibly."""
    import charset_normalizer  # only non-UTF-8 input pays for it

    # A big file is sampled rather than read whole; its head is representative enough.
    sample = data[: 1 << 20]
    best = charset_normalizer.from_bytes(sample).best()
    if best is None:
        return None
    return _prefer_western(sample, _canonical(best.encoding))


def decode_bytes(data: bytes, declared: str | None = None) -> Decoded:
    """Decode a whole text. Raises DecodeError with a reason a user can act on."""
    if not data:
        raise DecodeError("empty (zero bytes)", "the file has no content; remove it or re-download it")
    head = data[:HEAD]
    problem = sniff_binary(head)
    if problem is not None:
        raise problem
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(enc)
            except UnicodeDecodeError as exc:
                raise DecodeError(f"invalid {enc} after its byte-order mark (byte {exc.start + len(bom)})",
                                  "the file is damaged; re-save it as UTF-8 or remove the BOM") from exc
            return _check(text, _canonical(enc))
    utf16 = _looks_utf16(head) if b"\x00" in head else None
    if utf16 is not None:
        try:
            return _check(data.decode(utf16), _canonical(utf16))
        except UnicodeDecodeError:
            pass
    try:
        return _check(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    candidates = []
    if declared:
        candidates.append(declared)
    found = detect_encoding(data)
    if found:
        candidates.append(found)
    for enc in candidates:
        try:
            return _check(data.decode(enc), _canonical(enc))
        except (UnicodeDecodeError, LookupError):
            continue
    raise DecodeError("not UTF-8 and its encoding could not be detected",
                      "convert it to UTF-8 (e.g. iconv -f CP1256 -t UTF-8 FILE)")


def _check(text: str, encoding: str) -> Decoded:
    if not text.strip():
        raise DecodeError("empty (whitespace only)", "the file has no text; remove it or re-download it")
    return Decoded(text=text, encoding=encoding)


@dataclass(slots=True)
class Gunzipped:
    data: bytes
    truncated: bool
    error: str | None = None


def gunzip_stream(fh: BinaryIO, chunk: int = 1 << 20) -> Gunzipped:
    """Decompress all gzip members of a stream; a cut or damaged stream keeps what came before."""
    out: list[bytes] = []
    dec = zlib.decompressobj(16 + zlib.MAX_WBITS)
    fed = False  # whether the current member has started: a clean end comes only between members
    try:
        while True:
            block = fh.read(chunk)
            if not block:
                break
            while block:
                fed = True
                out.append(dec.decompress(block))
                if dec.eof:  # concatenated members (several gzip files joined) are one stream
                    block = dec.unused_data
                    dec = zlib.decompressobj(16 + zlib.MAX_WBITS)
                    fed = False
                else:
                    block = b""
        out.append(dec.flush())
    except zlib.error as exc:
        return Gunzipped(data=b"".join(out), truncated=True, error=f"corrupt gzip data ({exc})")
    if fed and not dec.eof:
        return Gunzipped(data=b"".join(out), truncated=True, error="gzip stream ends early (truncated file)")
    return Gunzipped(data=b"".join(out), truncated=False)
