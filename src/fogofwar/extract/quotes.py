"""Quotes: direct and indirect speech with speaker, cue and content spans.

Direct quotes are found on the document text itself (a quote may run over several paragraphs, or be
a pasted paragraph after "X said:"), then attributed with the spaCy parse of the paragraph around
them. Indirect speech comes from the parse alone: a speech verb with a clausal complement ("X said
that ..."), or "according to X". Scare quotes ("moderates") and quoted titles are not quotes: a short
quoted phrase counts only when a speech cue governs it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

import yaml

from fogofwar.extract.numbers import LEXICON_DIR
from fogofwar.models import Analysis, Chunk, Quote, Segment

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

OPENERS = "\"“«„"
CLOSERS = "\"”»"
_QUOTE_CHARS = re.compile(r"[\"“”«»„]")
_SHORT = 5  # a quoted phrase shorter than this many words needs a speech cue to count as a quote
_SUBJ = ("nsubj", "nsubjpass")


@dataclass(frozen=True, slots=True)
class _Cues:
    verbs: frozenset[str]
    needs_that: frozenset[str]
    direct_only: frozenset[str]
    statement_nouns: frozenset[str]
    anonymous: frozenset[str]
    spokes_roles: frozenset[str]
    person_roles: frozenset[str]
    pronouns: frozenset[str]


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    raw = yaml.safe_load((LEXICON_DIR / "speech_cues.yaml").read_text("utf-8"))
    return _Cues(*(frozenset(str(w).lower() for w in raw[key]) for key in (
        "verbs", "needs_that", "direct_only", "statement_nouns", "anonymous", "spokes_roles", "person_roles",
        "pronouns")))


@dataclass(slots=True)
class _Candidate:
    kind: str  # direct | indirect
    content_start: int
    content_end: int
    start: int
    end: int
    cue: str = ""
    speaker: Token | None = None  # the token heading the speaker phrase
    verb: Token | None = None
    segment: Segment | None = None
    words: int = 0
    chrome_ok: bool = True
    notes: list[str] = field(default_factory=list)


class _Chunks:
    """Document offset -> paragraph and token lookups."""

    def __init__(self, chunks: list[Chunk]) -> None:
        self.chunks = sorted(chunks, key=lambda c: c.start)
        self.starts = [c.start for c in self.chunks]
        self._idx: dict[int, list[int]] = {}
        self.doc_start = {id(c.doc): c.start for c in self.chunks}  # spaCy Doc -> its paragraph's offset

    def offset_of(self, tok: Token) -> int:
        return self.doc_start.get(id(tok.doc), 0) + tok.idx

    def at(self, offset: int) -> Chunk | None:
        i = bisect.bisect_right(self.starts, offset) - 1
        if i < 0:
            return None
        chunk = self.chunks[i]
        return chunk if offset <= chunk.start + len(chunk.doc.text) else None

    def before(self, chunk: Chunk) -> Chunk | None:
        i = bisect.bisect_left(self.starts, chunk.start) - 1
        return self.chunks[i] if i >= 0 else None

    def token(self, chunk: Chunk, offset: int) -> Token | None:
        key = id(chunk)
        idx = self._idx.get(key)
        if idx is None:
            idx = [t.idx for t in chunk.doc]
            self._idx[key] = idx
        i = bisect.bisect_right(idx, offset - chunk.start) - 1
        return chunk.doc[i] if 0 <= i < len(chunk.doc) else None


def extract_quotes(analysis: Analysis) -> None:
    """Append a Quote for every direct quotation and every reported statement."""
    if not analysis.chunks:
        return
    text = analysis.document.text
    chunks = _Chunks(analysis.chunks)
    direct = [c for c in (_attribute_direct(analysis, chunks, s, e) for s, e in _quote_spans(analysis)) if c]
    direct += _pasted_paragraphs(chunks, direct)
    indirect = _indirect(analysis, chunks, direct)
    cands = _merge(chunks, direct, indirect)
    _resolve(analysis, chunks, cands, text)


# ---------------------------------------------------------------- direct quotes on the text


def _quote_spans(analysis: Analysis) -> list[tuple[int, int]]:
    """(content_start, content_end) of every double-quoted stretch outside page chrome."""
    text = analysis.document.text
    out: list[tuple[int, int]] = []
    for seg in analysis.segments:
        if seg.kind == "page_chrome":
            continue
        out.extend(_spans_in(text, seg.char_start, seg.char_end))
    return out


def _spans_in(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    open_at: int | None = None
    line_start = start
    prev_line_colon = _colon_line_before(text, start)
    for m in _QUOTE_CHARS.finditer(text, start, end):
        pos, ch = m.start(), m.group()
        nl = text.rfind("\n", line_start, pos)
        if nl >= 0:  # crossed a line break since the last quote mark
            if open_at is not None and not _reopens(text, nl, pos):
                out.append((open_at, _line_end(text, open_at, end)))
                open_at = None
            prev_line_colon = _colon_line_before(text, pos)
            line_start = text.rfind("\n", 0, pos) + 1
        before = text[pos - 1] if pos > start else " "
        after = text[pos + 1] if pos + 1 < end else " "
        if open_at is None:
            closer_like = ch in "”»" or (ch == '"' and not before.isspace() and (after.isspace() or after in ".,;:!?)"))
            if closer_like and prev_line_colon and not text[line_start:pos].count('"'):
                # a pasted paragraph after "X said:" that only closes its quote
                out.append((line_start, pos))
                continue
            if ch in "”»" and before.isspace() is False:
                continue
            open_at = pos + 1
        else:
            if ch in "“«„":
                # a fresh opener while open: the earlier quote was never closed on its line
                if text.rfind("\n", open_at, pos) >= 0:
                    out.append((open_at, _line_end(text, open_at, end)))
                    open_at = pos + 1
                continue
            if _reopens_here(text, pos, open_at):
                continue  # the paragraph-opening mark of a continued quote
            out.append((open_at, pos))
            open_at = None
    if open_at is not None:
        out.append((open_at, _line_end(text, open_at, end)))
    return [(s, e) for s, e in out if e > s and text[s:e].strip()]


def _line_end(text: str, pos: int, end: int) -> int:
    nl = text.find("\n", pos, end)
    return nl if nl >= 0 else end


def _reopens(text: str, nl: int, pos: int) -> bool:
    """A quote left open at a paragraph end goes on when the next paragraph starts with a quote mark."""
    return not text[nl:pos].strip() and text[pos] in OPENERS


def _reopens_here(text: str, pos: int, open_at: int) -> bool:
    line_start = text.rfind("\n", 0, pos) + 1
    return line_start > open_at and not text[line_start:pos].strip() and text[pos] in OPENERS


def _colon_line_before(text: str, pos: int) -> bool:
    line_start = text.rfind("\n", 0, pos) + 1
    before = text[:line_start].rstrip()
    return before.endswith(":")


def _attribute_direct(analysis: Analysis, chunks: _Chunks, cs: int, ce: int) -> _Candidate | None:
    text = analysis.document.text
    content = text[cs:ce]
    words = len(content.split())
    seg = analysis.segment_at(cs)
    if seg is None or seg.kind == "page_chrome" or words == 0:
        return None
    if _looks_like_title(content):
        return None
    cand = _Candidate(kind="direct", content_start=cs, content_end=ce, start=max(0, cs - 1), end=min(len(text), ce + 1),
                      segment=seg, words=words)
    governed = words < _SHORT and _cue_governs(chunks, cs)
    after = None if governed else _attribution_after(chunks, cs, ce)
    label = re.match(r"\s*([A-Z][\w.-]+(?: [A-Z][\w.-]+){0,2}):\s", content)
    if label is not None and chunks.at(cs) is not None:
        # an interview transcript: "Lavrov: You know, ..."
        chunk = chunks.at(cs)
        tok = chunks.token(chunk, cs + label.start(1)) if chunk is not None else None
        if tok is not None:
            cand.speaker, cand.content_start = tok, cs + label.end()
            cand.notes.append("label")
            return cand
    if after is not None:
        verb, subj = after
        cand.verb, cand.speaker, cand.cue = verb, subj, verb.lemma_.lower()
        cand.notes.append("after")
    else:
        before = _attribution_before(chunks, cs)
        if before is not None:
            b_verb, b_subj = before
            cand.verb, cand.speaker, cand.cue = b_verb, b_subj, b_verb.lemma_.lower() if b_verb is not None else ""
            cand.notes.append("before")
    if cand.verb is None and cand.speaker is None:
        if words < _SHORT:
            return None
        cand.notes.append("inherit")
    elif words < _SHORT and "before" in cand.notes and not _cue_governs(chunks, cs):
        return None
    return cand


def _pasted_paragraphs(chunks: _Chunks, direct: list[_Candidate]) -> list[_Candidate]:
    """A paragraph pasted without quote marks after "X responded:" is X's words."""
    cues = _cues()
    out: list[_Candidate] = []
    for chunk in chunks.chunks:
        text = chunk.doc.text
        if chunk.segment.kind == "page_chrome" or not text or text[0] in OPENERS or len(text.split()) < _SHORT:
            continue
        end = chunk.start + len(text)
        if any(d.content_start < end and chunk.start < d.content_end + 2 for d in direct):
            continue
        prev = chunks.before(chunk)
        if prev is None or chunk.start - (prev.start + len(prev.doc.text)) > 3 \
                or not prev.doc.text.rstrip().endswith(":") or prev.doc.text.rstrip()[-2:-1] in CLOSERS:
            continue
        found = _cue_in(list(list(prev.doc.sents)[-1]), cues)
        verb, subj = found if found is not None else (None, None)
        if verb is None or subj is None or verb.lower_ == "according" or subj.dep_ != "nsubj" \
                or _looks_like_title(text):
            continue
        ce = end - 1 if text[-1] in CLOSERS else end
        out.append(_Candidate(kind="direct", content_start=chunk.start, content_end=ce,
                              start=prev.start + subj.left_edge.idx, end=ce, cue=verb.lemma_.lower(), speaker=subj,
                              verb=verb, segment=chunk.segment, words=len(text.split()), notes=["pasted"]))
    return out


def _looks_like_title(content: str) -> bool:
    """A quoted headline or document title: capitalised words, no sentence punctuation."""
    words = re.findall(r"[A-Za-z][\w'’-]*", content)
    if len(words) < 3 or content.rstrip()[-1:] in "!?,;:…":
        return False
    small = {"a", "an", "the", "of", "in", "on", "to", "for", "and", "or", "at", "by", "from", "with", "as"}
    big = [w for w in words if w.lower() not in small]
    caps = sum(1 for w in big if w[0].isupper())
    return len(big) >= 3 and caps >= 0.75 * len(big)


def _attribution_after(chunks: _Chunks, cs: int, ce: int) -> tuple[Token, Token | None] | None:
    """`"...," X said` / `"...", said X`: a speech verb right after the closing mark."""
    chunk = chunks.at(ce)
    if chunk is None:
        return None
    text = chunk.doc.text
    local = ce - chunk.start
    tail = text[local + 1:local + 80] if local < len(text) else ""
    last = text[max(0, local - 1):local]
    if not (last in ",!?-—" or tail[:2].strip() in (",", "")):
        return None
    first = chunks.token(chunk, ce + 1)
    if first is None:
        return None
    doc = chunk.doc
    cues = _cues()
    for t in doc[first.i:min(len(doc), first.i + 25)]:
        if t.i > first.i and t.text in OPENERS + CLOSERS:
            break
        if t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to" and t.i - first.i <= 2:
            pobj = next((c for c in doc[t.i + 1].children if c.dep_ == "pobj"), None)
            return t, _statement_owner(pobj) if pobj is not None else None
        if t.lemma_.lower() in cues.verbs and t.pos_ in ("VERB", "AUX"):
            return t, _subject(t)
        if t.text in ".;" and t.i > first.i + 1:
            break
    return None


def _attribution_before(chunks: _Chunks, cs: int) -> tuple[Token | None, Token | None] | None:
    """`X said: "...`, `X said "...`, `According to X: "...`, a colon-ended paragraph before."""
    chunk = chunks.at(cs - 1)
    cues = _cues()
    if chunk is not None:
        tok = chunks.token(chunk, cs - 1)
        if tok is not None and tok.i > 0:
            sent = tok.sent
            window = [t for t in chunk.doc[max(sent.start, tok.i - 25):tok.i] if t.text not in OPENERS]
            found = _cue_in(window, cues)
            if found is not None:
                return found
            if chunk.doc.text[:cs - 1 - chunk.start].strip():
                return None  # mid-paragraph with no cue: the speaker of the quote before goes on
    # the quote opens its paragraph: a colon-ended paragraph just before may introduce it
    this = chunks.at(cs)
    prev = chunks.before(this) if this is not None else None
    if prev is None or not prev.doc.text.rstrip().endswith((":", ":]", ":)")):
        return None
    if prev.doc.text.rstrip()[-2:-1] in CLOSERS:
        return None  # '... "we have noticed no steps":' - the same speaker goes on
    sent = list(prev.doc.sents)[-1]
    found = _cue_in(list(sent), cues)
    if found is not None:
        return found
    for ent in reversed(sent.ents):
        if ent.label_ in ("PERSON", "ORG"):
            return None, ent.root
    return None


def _cue_in(window: list[Token], cues: _Cues) -> tuple[Token | None, Token | None] | None:
    for t in reversed(window):
        low = t.lemma_.lower()
        if t.lower_ == "according" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to":
            pobj = next((c for c in t.doc[t.i + 1].children if c.dep_ == "pobj"), None)
            return t, pobj
        if low in cues.verbs and t.pos_ in ("VERB", "AUX", "NOUN"):
            return t, _subject(t)
    return None


def _cue_governs(chunks: _Chunks, cs: int) -> bool:
    """A short quoted phrase is a quote only right after its speech cue ("called it a "step"")."""
    chunk = chunks.at(cs - 1)
    if chunk is None:
        return False
    tok = chunks.token(chunk, cs - 1)
    if tok is None:
        return False
    cues = _cues()
    for t in reversed(chunk.doc[max(0, tok.i - 4):tok.i]):
        if t.text in ".;!?":
            break  # the cue must be in the quote's own sentence
        if t.lemma_.lower() in cues.verbs or t.lower_ in ("according", ":"):
            return True
    return False


def _subject(verb: Token) -> Token | None:
    for t in (verb, verb.head):
        subj = next((c for c in t.children if c.dep_ in _SUBJ), None)
        if subj is not None:
            return subj
        if t.dep_ not in ("conj", "xcomp", "advcl", "ccomp", "pcomp") or t.head is t:
            break
    # "quoted Lavrov as saying ...": the quoted person is the object of "quote"
    up = verb
    for _ in range(3):
        up = up.head
        if up.lemma_.lower() == "quote":
            return next((c for c in up.children if c.dep_ == "dobj"), None)
    return None


# ---------------------------------------------------------------- indirect speech in the parse


def _indirect(analysis: Analysis, chunks: _Chunks, direct: list[_Candidate]) -> list[_Candidate]:
    cues = _cues()
    out: list[_Candidate] = []
    for chunk in chunks.chunks:
        if chunk.segment.kind == "page_chrome":
            continue
        for t in chunk.doc:
            low = t.lemma_.lower()
            if low == "accord" or t.lower_ == "according":
                cand = _according(analysis, chunk, t)
            elif low in cues.verbs and low not in cues.direct_only and t.pos_ in ("VERB", "AUX"):
                cand = _reported(analysis, chunk, t, cues)
            else:
                continue
            if cand is not None:
                out.append(cand)
    return out


def _reported(analysis: Analysis, chunk: Chunk, verb: Token, cues: _Cues) -> _Candidate | None:
    comp = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i), None)
    if comp is None:
        return None
    subj = _subject(verb)
    if subj is None or subj.lower_ in ("it", "this", "that", "which", "what", "me", "us", "you", "who"):
        return None
    mark = next((c for c in comp.children if c.dep_ == "mark" and c.lower_ == "that"), None)
    if verb.lemma_.lower() in cues.needs_that and mark is None:
        return None
    lo, hi = comp.left_edge.i, comp.right_edge.i
    if mark is not None and mark.i == lo:
        lo += 1
    sent = verb.sent
    hi = min(hi, sent.end - 1)
    doc = chunk.doc
    while hi > lo and (doc[hi].is_punct and doc[hi].text not in CLOSERS):
        hi -= 1
    if hi - lo < 2:
        return None
    cs, ce = chunk.start + doc[lo].idx, chunk.start + doc[hi].idx + len(doc[hi].text)
    start = chunk.start + min(subj.left_edge.idx, verb.idx)
    return _Candidate(kind="indirect", content_start=cs, content_end=ce, start=min(start, cs), end=ce,
                      cue=verb.lemma_.lower(), speaker=subj, verb=verb, segment=chunk.segment, words=hi - lo + 1)


def _according(analysis: Analysis, chunk: Chunk, tok: Token) -> _Candidate | None:
    doc = chunk.doc
    if tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
        return None
    to = doc[tok.i + 1]
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    phrase_end = pobj.right_edge.i
    sent = tok.sent
    if tok.i - sent.start <= 1:  # "According to X, content."
        lo, hi = phrase_end + 1, sent.end - 1
    else:  # "content, according to X."
        lo, hi = sent.start, tok.i - 1
    while lo < hi and (doc[lo].is_punct or doc[lo].is_space):
        lo += 1
    while hi > lo and (doc[hi].is_punct or doc[hi].is_space) and doc[hi].text not in CLOSERS:
        hi -= 1
    if hi - lo < 2:
        return None
    cs, ce = chunk.start + doc[lo].idx, chunk.start + doc[hi].idx + len(doc[hi].text)
    start = min(cs, chunk.start + tok.idx)
    end = max(ce, chunk.start + pobj.right_edge.idx + len(pobj.right_edge.text))
    return _Candidate(kind="indirect", content_start=cs, content_end=ce, start=start, end=end, cue="according to",
                      speaker=_statement_owner(pobj), verb=tok, segment=chunk.segment, words=hi - lo + 1)


def _statement_owner(noun: Token) -> Token | None:
    """'the army's statement' -> the army; 'a statement by the coalition' -> the coalition."""
    if noun.lemma_.lower() not in _cues().statement_nouns:
        return noun
    for c in noun.children:
        if c.dep_ == "poss":
            return c
        if c.dep_ == "prep" and c.lower_ in ("by", "from", "of"):
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    return None if noun.lemma_.lower() in ("statement", "report", "reports", "release", "communique") else noun


# ---------------------------------------------------------------- merging and speakers


def _merge(chunks: _Chunks, direct: list[_Candidate], indirect: list[_Candidate]) -> list[_Candidate]:
    keep_direct: list[_Candidate] = []
    drop_indirect: set[int] = set()
    for d in direct:
        absorbed = False
        for k, ind in enumerate(indirect):
            if not (ind.content_start <= d.content_start < ind.content_end + 2):
                if ind.content_start < d.content_end and d.content_start < ind.content_end:
                    drop_indirect.add(k)  # a reported clause inside a direct quote is the quote itself
                continue
            lead = d.content_start - ind.content_start
            if lead <= 24:
                # 'said that the Americans "intend to ..."': one quote, the quoted words its content
                drop_indirect.add(k)
                if d.speaker is None and d.verb is None:
                    d.speaker, d.verb, d.cue = ind.speaker, ind.verb, ind.cue
                    d.notes = ["from-indirect"]
                d.start = min(d.start, ind.start)
            elif d.content_end <= ind.content_end + 2 and (
                    d.verb is None or d.verb is ind.verb
                    or not (ind.content_start <= chunks.offset_of(d.verb) < ind.content_end)):
                absorbed = True  # a quoted phrase inside reported speech, with no cue of its own
        if not absorbed:
            keep_direct.append(d)
    cands = keep_direct + [c for k, c in enumerate(indirect) if k not in drop_indirect]
    cands.sort(key=lambda c: (c.content_start, c.content_end))
    out: list[_Candidate] = []
    for c in cands:
        if out and out[-1].content_start == c.content_start:
            continue
        out.append(c)
    return out


def _resolve(analysis: Analysis, chunks: _Chunks, cands: list[_Candidate], text: str) -> None:
    persons = _person_mentions(chunks)
    starts = [p[0] for p in persons]
    last: tuple[str, str, int, Segment | None] | None = None  # (actor id, kind, offset, segment) of the last speaker
    for cand in cands:
        speaker_id: str | None = None
        kind = "unknown"
        if cand.speaker is not None:
            speaker_id, kind = _speaker(analysis, chunks, cand.speaker, last, cand, persons, starts)
        elif "inherit" in cand.notes and last is not None and _near(last[3], cand.segment) \
                and cand.content_start - last[2] < 1500:
            speaker_id, kind = last[0], last[1]
        if speaker_id is not None:
            last = (speaker_id, kind, cand.content_end, cand.segment)
        analysis.quotes.append(Quote(
            id=f"qt{len(analysis.quotes) + 1}", speaker=speaker_id,
            kind="direct" if cand.kind == "direct" else "indirect",
            cue=cand.cue, char_start=min(cand.start, cand.content_start), char_end=max(cand.end, cand.content_end),
            content_start=cand.content_start, content_end=cand.content_end, date=_date(analysis, chunks, cand),
            speaker_kind=kind, segment=cand.segment.id if cand.segment else None))


def _near(a: Segment | None, b: Segment | None) -> bool:
    """Reference reaches across article and pasted report, never into or out of a reader's comment."""
    if a is b:
        return True
    return a is not None and b is not None and a.kind != "comment" and b.kind != "comment"


def _person_mentions(chunks: _Chunks) -> list[tuple[int, str, Segment]]:
    out = []
    for chunk in chunks.chunks:
        for ent in chunk.doc.ents:
            if ent.label_ == "PERSON" and len(ent.text) > 2:
                out.append((chunk.start + ent.start_char, ent.text, chunk.segment))
    out.sort(key=lambda p: p[0])
    return out


def _phrase(tok: Token) -> Span:
    """The speaker's noun phrase without relative clauses or appositions."""
    doc = tok.doc
    lo = tok.left_edge.i
    hi = tok.i
    for c in tok.rights:
        if c.dep_ in ("prep", "compound", "nummod") and c.i == hi + 1 and c.right_edge.i - tok.i <= 5:
            hi = c.right_edge.i
    while lo < hi and doc[lo].is_punct:
        lo += 1
    return doc[lo:hi + 1]


def _speaker(analysis: Analysis, chunks: _Chunks, tok: Token, last: tuple[str, str, int, Segment | None] | None,
             cand: _Candidate, persons: list[tuple[int, str, Segment]], starts: list[int]) -> tuple[str | None, str]:
    cues = _cues()
    low = _QUOTE_CHARS.split(tok.lower_)[-1].strip(",. ")  # ',"he' is one token when a space is missing
    if low in cues.pronouns:
        return _pronoun(analysis, low, last, cand, persons, starts)
    # "the head of the directorate, Lieutenant General Sergei Rudskoy": the named apposition speaks
    appos = next((c for c in tok.children if c.dep_ == "appos" and (c.ent_type_ == "PERSON" or c.pos_ == "PROPN")),
                 None)
    if appos is not None and tok.ent_type_ != "PERSON":
        tok = appos
    if tok.ent_type_ != "PERSON" and tok.dep_ != "pobj":
        sub = tok.doc[tok.left_edge.i:tok.right_edge.i + 1]
        person_ent = next((e for e in sub.ents if e.label_ == "PERSON"), None)
        if person_ent is not None and person_ent.end - 1 - tok.i <= 20:
            return _named(analysis, chunks, person_ent), "named"
    # "a spokesman for the coalition" speaks for the coalition
    if tok.lemma_.lower() in cues.spokes_roles and tok.ent_type_ != "PERSON":
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in ("for", "of"):
                pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if pobj is not None and (pobj.ent_type_ in ("ORG", "NORP", "GPE") or pobj.pos_ == "PROPN"
                                         or pobj.lower_ in ("coalition", "army", "military", "government")):
                    tok = pobj
                    break
    phrase = _phrase(tok)
    base = phrase.doc
    offset = chunks.doc_start.get(id(base))
    person = next((e for e in phrase.ents if e.label_ == "PERSON"), None)
    if person is not None:
        return _named(analysis, chunks, person), "named"
    if offset is not None:
        mention = analysis.mention_at("actor", offset + phrase.start_char, offset + phrase.end_char)
        if mention is not None:
            actor = analysis.actor(mention.ref)
            kind = "named" if actor is not None and actor.type == "person" else "organisation"
            return mention.ref, kind
    head = tok.lemma_.lower()
    has_proper = any(t.pos_ == "PROPN" and t.lemma_.lower() not in cues.person_roles for t in phrase)
    # "the commander", "the Lieutenant General": a bare role that points back; "the Syrian Army" does not
    definite = len(phrase) > 1 and phrase[0].lower_ in ("the", "this", "that") and all(
        t.pos_ == "DET" or t.lemma_.lower() in cues.person_roles for t in phrase)
    if tok.pos_ == "PROPN" and tok.ent_type_ not in ("ORG", "NORP", "GPE") and not (definite and not has_proper):
        # "the U.S. coalition envoy Brett McGruk": the run of proper nouns ending at the head is the name
        lo = tok.i
        while lo > phrase.start and base[lo - 1].pos_ == "PROPN" \
                and base[lo - 1].ent_type_ not in ("ORG", "NORP", "GPE"):
            lo -= 1
        if lo < tok.i or phrase.start < lo:
            return _person_actor(analysis, base[lo:tok.i + 1].text), "named"
    if definite and head in cues.person_roles:
        # "the diplomat", "the commander": the one introduced before with that role, else the last speaker
        earlier = _introduced(analysis, chunks, tok, cand)
        if earlier is not None:
            return earlier
        if last is not None and _near(last[3], cand.segment) and cand.content_start - last[2] < 3000:
            return last[0], last[1]
    name = phrase.text.strip()
    if not name:
        return None, "unknown"
    if head in cues.anonymous:
        return analysis.add_actor(name, type="unknown", local=True), "anonymous"
    org = next((e for e in phrase.ents if e.label_ in ("ORG", "NORP", "GPE")), None)
    if has_proper and tok.pos_ == "PROPN" and org is None and len(phrase) <= 3:
        return _person_actor(analysis, name), "named"
    if org is not None or has_proper:
        return analysis.add_actor(name, type="organisation", local=True), "organisation"
    return analysis.add_actor(name, type="unknown", local=True), "unknown"


def _introduced(analysis: Analysis, chunks: _Chunks, tok: Token, cand: _Candidate) -> tuple[str, str] | None:
    """The earlier mention of this role noun in the same segment ("A senior field commander ... the commander")."""
    here = chunks.offset_of(tok)
    lemma = tok.lemma_.lower()
    for chunk in reversed(chunks.chunks):
        if chunk.start > here or not _near(chunk.segment, cand.segment):
            continue
        if here - chunk.start > 4000:
            break
        for t in reversed(chunk.doc):
            if chunk.start + t.idx >= here - 1 or t.lemma_.lower() != lemma or t.pos_ not in ("NOUN", "PROPN"):
                continue
            if t.i > 0 and t.doc[t.i - 1].lower_ in ("the", "this", "that"):
                continue  # another back-reference, not the introduction
            named = t.head if t.dep_ == "compound" and t.head.ent_type_ == "PERSON" else None
            named = named or next((c for c in t.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"), None)
            if named is not None:
                ent = next((e for e in t.doc.ents if e.start <= named.i < e.end), None)
                return _person_actor(analysis, ent.text if ent is not None else named.text), "named"
            owner = _statement_owner(t) if lemma in _cues().statement_nouns else t
            if owner is None:
                continue
            phrase = t.doc[owner.left_edge.i:owner.i + 1]
            return analysis.add_actor(phrase.text, type="unknown", local=True), "anonymous"
    return None


def _named(analysis: Analysis, chunks: _Chunks, ent: Span) -> str:
    """The actor a person's name refers to: the resolver's mention on it, else a local person."""
    offset = chunks.doc_start.get(id(ent.doc))
    if offset is not None:
        mention = analysis.mention_at("actor", offset + ent.start_char, offset + ent.end_char)
        if mention is not None:
            return mention.ref
    return _person_actor(analysis, ent.text)


def _person_actor(analysis: Analysis, name: str) -> str:
    """A person named once in full and later by surname is one actor."""
    last_word = name.split()[-1].lower()
    for actor in analysis.actors:
        if actor.type == "person" and actor.canonical.split()[-1].lower() == last_word:
            return actor.id
    return analysis.add_actor(name, type="person", local=True)


def _pronoun(analysis: Analysis, low: str, last: tuple[str, str, int, Segment | None] | None, cand: _Candidate,
             persons: list[tuple[int, str, Segment]], starts: list[int]) -> tuple[str | None, str]:
    if low in ("i", "me", "we") and cand.segment is not None and cand.segment.author and low == "i":
        return analysis.add_actor(cand.segment.author, type="person", local=True), "pronoun"
    if low not in ("he", "she"):
        return None, "pronoun"
    recent = last if last is not None and _near(last[3], cand.segment) and cand.content_start - last[2] < 1500 else None
    i = bisect.bisect_left(starts, cand.start) - 1
    while i >= 0:
        pos, name, seg = persons[i]
        if _near(seg, cand.segment) and (recent is None or pos > recent[2]):
            return _person_actor(analysis, name), "pronoun"  # a person named after the last speaker
        if not _near(seg, cand.segment) or (recent is not None and pos <= recent[2]):
            break
        i -= 1
    if recent is not None:
        return recent[0], "pronoun"
    return None, "pronoun"


def _date(analysis: Analysis, chunks: _Chunks, cand: _Candidate) -> str | None:
    """A date said in the attribution ("said on Tuesday"), else the segment's publication date."""
    verb = cand.verb
    if verb is not None:
        offset = chunks.doc_start.get(id(verb.doc))
        if offset is not None:
            for c in verb.children:
                if c.dep_ in ("npadvmod", "prep", "advmod", "tmod") and not (c.dep_ == "prep" and c.lower_ == "to"):
                    s = offset + c.left_edge.idx
                    e = offset + c.right_edge.idx + len(c.right_edge.text)
                    if e <= cand.content_start or s >= cand.content_end:
                        for m in analysis.mentions_in("date", s, e):
                            return m.ref
    if cand.segment is not None and cand.segment.published:
        return cand.segment.published
    return analysis.document.published
