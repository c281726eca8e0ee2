"""Plain text and Markdown: the decoded file, unchanged (gold offsets depend on every character)."""

from __future__ import annotations

from collections.abc import Iterator

from fogofwar.ingest.decode import DecodeError, decode_bytes
from fogofwar.models import Document, InputError


def read_text_bytes(data: bytes, source: str, *, truncated: bool = False) -> Iterator[Document | InputError]:
    """One document from the bytes of a text file. A cut (gunzipped) file keeps its whole lines."""
    if truncated:
        cut = data.rfind(b"\n")
        data = data[: cut + 1] if cut >= 0 else b""
    try:
        decoded = decode_bytes(data)
    except DecodeError as exc:
        if not truncated:
            yield exc.to_input_error(source)
        return
    yield Document(text=decoded.text, source_path=source, format="text", encoding=decoded.encoding)
