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
from typing import TYPE_CHECKING, Any

import yaml

from fogofwar.extract.numbers import LEXICON_DIR
from fogofwar.models import Actor, Analysis, Chunk, Mention, Quote, Segment
from fogofwar.resolve.actors import actor_at, anchor_actor, byline_actor

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
    object_verbs: frozenset[str]
    speech_nouns: frozenset[str]
    stance_nouns: frozenset[str]
    stance_adjectives: frozenset[str]
    it_verbs: frozenset[str]


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    raw = yaml.safe_load((LEXICON_DIR / "speech_cues.yaml").read_text("utf-8"))
    return _Cues(*(frozenset(str(w).lower() for w in raw[key]) for key in (
        "verbs", "needs_that", "direct_only", "statement_nouns", "anonymous", "spokes_roles", "person_roles",
        "pronouns", "object_verbs", "speech_nouns", "stance_nouns", "stance_adjectives",
        "it_verbs")))


_Last = tuple[str, str, int, "Segment | None"]  # (actor id, speaker kind, offset, segment) of a speaker
_Person = tuple[int, str, "Segment", bool]  # (offset, name, segment, is the subject of its sentence's main verb)


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
        return chunk if offset <= chunk.start + len(chunk.text) else None

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
    bracket = _bracket_speaker(chunks, text, ce) if after is None else None
    if after is not None:
        verb, subj = after
        cand.verb, cand.speaker, cand.cue = verb, subj, verb.lemma_.lower()
        cand.notes.append("after")
    elif bracket is not None:
        cand.speaker = bracket
        cand.notes.append("bracket")
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


_BRACKET = re.compile(r"[\"”»]?\s*\(")


def _bracket_speaker(chunks: _Chunks, text: str, ce: int) -> Token | None:
    """'calls for "more time" (e.g., from the UK envoy Matt Rycroft)': a person named in brackets after the quote."""
    m = _BRACKET.match(text, ce)
    if m is None:
        return None
    close = text.find(")", m.end(), m.end() + 90)
    chunk = chunks.at(m.end())
    if close < 0 or chunk is None:
        return None
    lo, hi = m.end() - chunk.start, close - chunk.start
    roles = _cues().person_roles | _cues().spokes_roles
    person = [e for e in chunk.doc.ents if lo <= e.start_char and e.end_char <= hi and (
        e.label_ == "PERSON" or (e.root.dep_ in ("appos", "compound") and e.root.head.lemma_.lower() in roles))]
    return person[-1].root if person else None


def _pasted_paragraphs(chunks: _Chunks, direct: list[_Candidate]) -> list[_Candidate]:
    """A paragraph pasted without quote marks after "X responded:" is X's words."""
    cues = _cues()
    out: list[_Candidate] = []
    for chunk in chunks.chunks:
        text = chunk.text
        if chunk.segment.kind == "page_chrome" or not text or text[0] in OPENERS or len(text.split()) < _SHORT:
            continue
        end = chunk.start + len(text)
        if any(d.content_start < end and chunk.start < d.content_end + 2 for d in direct):
            continue
        prev = chunks.before(chunk)
        if prev is None or chunk.start - (prev.start + len(prev.text)) > 3 \
                or not prev.text.rstrip().endswith(":") or prev.text.rstrip()[-2:-1] in CLOSERS:
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
    text = chunk.text
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
            if chunk.text[:cs - 1 - chunk.start].strip():
                return None  # mid-paragraph with no cue: the speaker of the quote before goes on
    # the quote opens its paragraph: a colon-ended paragraph just before may introduce it
    this = chunks.at(cs)
    prev = chunks.before(this) if this is not None else None
    if prev is None or not prev.text.rstrip().endswith((":", ":]", ":)")):
        return None
    if prev.text.rstrip()[-2:-1] in CLOSERS:
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
            elif low in cues.verbs and t.pos_ in ("VERB", "AUX"):
                cand = _as_noted(chunk, t) if t.dep_ == "advcl" else None
                if cand is None and low not in cues.direct_only:
                    cand = _reported(analysis, chunk, t, cues)
            elif t.pos_ == "NOUN" and t.lower_ in cues.speech_nouns:
                cand = _speech_noun(chunk, t, cues)
            elif t.dep_ == "nsubj" and t.head.lemma_ == "be" and low in cues.stance_nouns:
                cand = _stance(chunk, t, t.head)
            elif t.dep_ == "acomp" and t.head.lemma_ == "be" and low in cues.stance_adjectives:
                subj = next((c for c in t.head.children if c.dep_ == "nsubj"), None)
                cand = _stance(chunk, subj, t) if subj is not None else None
            else:
                continue
            if cand is not None:
                out.append(cand)
    return out


_NOT_SPEAKERS = frozenset(("this", "that", "which", "what", "me", "us", "you", "who", "there"))


def _reported(analysis: Analysis, chunk: Chunk, verb: Token, cues: _Cues) -> _Candidate | None:
    comp = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    if comp is None:
        return _object_content(chunk, verb, cues) if verb.lemma_.lower() in cues.object_verbs else None
    subj = _subject(verb)
    if subj is None or subj.lower_ in _NOT_SPEAKERS:
        return None
    if subj.lower_ == "it" and (subj.dep_ != "nsubj" or verb.lemma_.lower() not in cues.it_verbs):
        return None  # "it is said that", "it shows that": no speaker behind the pronoun
    doc = chunk.doc
    sent = verb.sent
    if comp.i < verb.i:
        # "Daesh leaders have fled the city, Gen. X said": the content comes first, the attribution closes it
        if not (comp.i < subj.i and subj.i > comp.right_edge.i) or comp.left_edge.i - sent.start > 3 \
                or verb.lemma_.lower() in cues.needs_that:
            return None  # "..., I think": a hedge, not a report
        lo, hi = sent.start, min(subj.left_edge.i, verb.i) - 1
        while lo < hi and (doc[lo].is_punct or doc[lo].is_space):
            lo += 1
        if any(_QUOTE_CHARS.search(t.text) for t in doc[lo:hi + 1]):
            return None  # the words before the verb hold a direct quote, which is found on the text itself
    else:
        mark = next((c for c in comp.children if c.dep_ == "mark" and c.lower_ == "that"), None)
        if verb.lemma_.lower() in cues.needs_that and mark is None:
            return None
        lo, hi = comp.left_edge.i, min(comp.right_edge.i, sent.end - 1)
        if mark is not None and mark.i == lo:
            lo += 1
    return _clause_candidate(chunk, lo, hi, verb, subj, verb.lemma_.lower())


def _clause_candidate(chunk: Chunk, lo: int, hi: int, verb: Token, subj: Token | None, cue: str) -> _Candidate | None:
    """An indirect quote whose content is the tokens lo..hi (trailing punctuation dropped)."""
    doc = chunk.doc
    while hi > lo and ((doc[hi].is_punct and doc[hi].text not in CLOSERS) or doc[hi].is_space):
        hi -= 1
    if hi - lo < 2:
        return None
    cs, ce = chunk.start + doc[lo].idx, chunk.start + doc[hi].idx + len(doc[hi].text)
    start = chunk.start + min(subj.left_edge.idx if subj is not None else verb.idx, verb.idx)
    end = max(ce, chunk.start + verb.idx + len(verb.text))
    return _Candidate(kind="indirect", content_start=cs, content_end=ce, start=min(start, cs), end=end,
                      cue=cue, speaker=subj, verb=verb, segment=chunk.segment, words=hi - lo + 1)


def _object_content(chunk: Chunk, verb: Token, cues: _Cues) -> _Candidate | None:
    """"The diplomat stressed Washington's inability to keep its word": a nominalised clause as the object."""
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
    subj = _subject(verb)
    if obj is None or subj is None or obj.pos_ != "NOUN" or subj.lower_ in _NOT_SPEAKERS or subj.lower_ == "it":
        return None
    # a bare object ("denied the charges") is an act, not a statement; a clause inside it carries content
    if obj.right_edge.i - obj.left_edge.i < 4 or not any(t.pos_ in ("VERB", "AUX") for t in obj.subtree):
        return None
    return _clause_candidate(chunk, obj.left_edge.i, obj.right_edge.i, verb, subj, verb.lemma_.lower())


def _as_noted(chunk: Chunk, verb: Token) -> _Candidate | None:
    """"As Spengler noted, the West ...": the main clause is what the speaker said."""
    mark = next((c for c in verb.children if c.dep_ == "mark" and c.lower_ == "as"), None)
    # the parser sometimes gives "the historian Pieter Vos" two subjects: the named one speaks
    subjects = sorted((c for c in verb.children if c.dep_ in _SUBJ), key=lambda c: c.ent_type_ != "PERSON")
    subj = subjects[0] if subjects else None
    if mark is None or subj is None or subj.lower_ in _NOT_SPEAKERS or subj.lower_ == "it" \
            or verb.lemma_.lower() in _cues().needs_that:
        return None
    if mark.i > 0 and mark.doc[mark.i - 1].lower_ in ("long", "far", "soon", "well", "much", "just", "such"):
        return None  # "as long as they continue", "as far as I can tell"
    if any(c.dep_ in ("dobj", "ccomp") and c.lower_ != "it" for c in verb.children):
        return None  # "as the army announced its advance, ...": a time clause, not an attribution
    sent = verb.sent
    if verb.i < verb.head.i:
        lo, hi = verb.right_edge.i + 1, sent.end - 1
    else:  # "..., as the minister said."
        lo, hi = sent.start, mark.i - 1
    doc = chunk.doc
    while lo < hi and (doc[lo].is_punct or doc[lo].is_space):
        lo += 1
    if any(_QUOTE_CHARS.search(t.text) for t in doc[lo:min(hi, lo + 2) + 1]):
        return None  # 'as X puts it, "..."': a direct quote, found on the text itself
    return _clause_candidate(chunk, lo, hi, verb, subj, verb.lemma_.lower())


def _speech_noun(chunk: Chunk, noun: Token, cues: _Cues) -> _Candidate | None:
    """"reports that ...", "some reports of IS forces fleeing ...", "Lavrov's pledge to ...": a noun that carries
    a statement; its owner (or, for unowned reports and claims, the noun phrase itself) is the speaker."""
    content: Token | None = None
    lo = -1
    for c in noun.children:
        if c.i < noun.i:
            continue
        if c.dep_ in ("acl", "ccomp", "appos", "relcl") and c.pos_ in ("VERB", "AUX"):
            mark = next((m for m in c.children if m.dep_ in ("mark", "aux") and m.i == c.left_edge.i), None)
            if mark is not None and mark.lower_ in ("that", "to"):
                content, lo = c, c.left_edge.i + (1 if mark.lower_ == "that" else 0)
                break
        if c.dep_ == "prep" and c.lower_ == "of":
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if pobj is not None and any(g.dep_ == "acl" and g.tag_ == "VBG" for g in pobj.children):
                content, lo = pobj, pobj.left_edge.i
                break
    if content is None:
        return None
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None:
        for c in noun.children:
            if c.dep_ == "prep" and c.lower_ in ("by", "from"):
                owner = next((g for g in c.children if g.dep_ == "pobj"), None)
    if owner is None and noun.tag_ != "NNS":
        return None  # "the claim that ...": nobody in particular claims it
    if owner is None and noun.dep_ == "dobj" and noun.head.lemma_.lower() in cues.object_verbs \
            and _subject(noun.head) is not None:
        return None  # "Moscow denied reports that ...": the verb's own quote has the speaker; the reports have none
    return _clause_candidate(chunk, lo, content.right_edge.i, noun, owner or noun, noun.lemma_.lower())


def _stance(chunk: Chunk, subj: Token, pred: Token) -> _Candidate | None:
    """"His take is that ...", "Their theory is that ...", "Russia was clear (that) ...": a stated position."""
    comp = next((c for c in pred.children
                 if c.dep_ in ("ccomp", "attr") and c.i > pred.i and c.pos_ in ("VERB", "AUX")), None)
    if comp is None and pred.dep_ == "acomp":
        # "was clear a final solution must be diplomatic": the parser hangs the clause on the verb as a conjunct
        comp = next((c for c in pred.head.children if c.dep_ in ("ccomp", "conj") and c.i > pred.i), None)
    if comp is None:
        return None
    owner: Token | None = subj
    if subj.pos_ == "NOUN":
        owner = next((c for c in subj.children if c.dep_ == "poss"), None)  # "his take": he is the speaker
        if owner is None:
            return None
    elif subj.lower_ in _NOT_SPEAKERS or subj.lower_ == "it":
        return None
    lo = comp.left_edge.i
    if comp.pos_ in ("VERB", "AUX") and chunk.doc[lo].lower_ == "that":
        lo += 1
    if lo <= pred.i:
        lo = pred.i + 1
    return _clause_candidate(chunk, lo, comp.right_edge.i, pred, owner, pred.lemma_.lower())


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
            # spaCy makes a fresh Token object on every access: compare positions, not identities
            same_cue = d.verb is not None and ind.verb is not None and d.verb.doc is ind.verb.doc \
                and d.verb.i == ind.verb.i
            if lead <= 24:
                # 'said that the Americans "intend to ..."': one quote, the quoted words its content
                drop_indirect.add(k)
                if d.speaker is None and d.verb is None:
                    d.speaker, d.verb, d.cue = ind.speaker, ind.verb, ind.cue
                    d.notes = ["from-indirect"]
                d.start = min(d.start, ind.start)
            elif d.content_end <= ind.content_end + 2 and not (same_cue and ind.cue == "according to") and (
                    d.verb is None or same_cue
                    or not (ind.content_start <= chunks.offset_of(d.verb) < ind.content_end)):
                # a quoted phrase inside reported speech, with no cue of its own; but '... and "heavy enemy
                # fire", according to a statement' quotes the statement's own words as well as reporting it
                absorbed = True
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
    last: _Last | None = None  # (actor id, kind, offset, segment) of the last speaker
    last_org: _Last | None = None  # the last speaker that is not a person: what "it" and "they" point back to
    for cand in cands:
        speaker_id: str | None = None
        kind = "unknown"
        if cand.speaker is not None and not _can_speak(cand.speaker):
            # "the attack said", "more than 60 people said": a misparse; a name in the sentence speaks, else nobody
            cand.speaker = _fallback_speaker(chunks, cand)
            if cand.speaker is None:
                cand.notes.append("no-speaker")
        if cand.speaker is not None:
            speaker_id, kind = _speaker(analysis, chunks, cand.speaker, last, cand, persons, starts, last_org)
            if speaker_id is None and _bare(cand.speaker) == "it":
                continue  # "it said" with nothing quoted before to point back to
        elif "inherit" in cand.notes and "no-speaker" not in cand.notes and last is not None \
                and _near(last[3], cand.segment) and cand.content_start - last[2] < 1500:
            speaker_id, kind = last[0], last[1]
        if speaker_id is None and cand.kind == "direct":
            speaker_id = _echo(analysis, cand, text)
            kind = "named" if speaker_id is not None else kind
        if speaker_id is not None:
            last = (speaker_id, kind, cand.content_end, cand.segment)
            actor = analysis.actor(speaker_id)
            if actor is not None and actor.type != "person":
                last_org = last
        analysis.quotes.append(Quote(
            id=f"qt{len(analysis.quotes) + 1}", speaker=speaker_id,
            kind="direct" if cand.kind == "direct" else "indirect",
            cue=cand.cue, char_start=min(cand.start, cand.content_start), char_end=max(cand.end, cand.content_end),
            content_start=cand.content_start, content_end=cand.content_end, date=_date(analysis, chunks, cand),
            speaker_kind=kind, segment=cand.segment.id if cand.segment else None))


@dataclass(frozen=True, slots=True)
class _NonSpeakers:
    things: frozenset[str]
    counted: frozenset[str]
    counted_speakers: frozenset[str]
    group_speakers: frozenset[str]


@lru_cache(maxsize=1)
def _non_speakers() -> _NonSpeakers:
    raw = yaml.safe_load((LEXICON_DIR / "non_speakers.yaml").read_text("utf-8"))
    return _NonSpeakers(*(frozenset(str(w).lower() for w in raw[key])
                          for key in ("things", "counted", "counted_speakers", "group_speakers")))


_NUMERIC_ENTS = frozenset(("CARDINAL", "DATE", "TIME", "QUANTITY", "MONEY", "PERCENT", "ORDINAL"))


def _can_speak(tok: Token) -> bool:
    """A person, a group, a role or a source can speak; an event, a thing or a count of victims cannot."""
    if tok.pos_ == "PRON" or tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return True
    if tok.ent_type_ in _NUMERIC_ENTS or tok.like_num:
        return False
    ns = _non_speakers()
    lemma, low = tok.lemma_.lower(), tok.lower_
    if lemma in ns.things or low in ns.things:
        # "an Observatory toll", "Hezbollah's statement": the named owner speaks through the thing
        return any(c.dep_ in ("compound", "poss") and c.ent_type_ in ("PERSON", "ORG") for c in tok.children)
    if tok.pos_ == "PROPN":
        return True
    counted = any(c.dep_ == "nummod" or c.like_num for c in tok.children)
    return not (counted and (lemma in ns.counted or low in ns.counted) and lemma not in ns.counted_speakers)


def _fallback_speaker(chunks: _Chunks, cand: _Candidate) -> Token | None:
    """The named person or organisation nearest the speech verb in its sentence, outside the quoted words."""
    bad = cand.speaker
    if bad is None:
        return None
    doc = bad.doc
    offset = chunks.doc_start.get(id(doc))
    if offset is None:
        return None
    anchor = cand.verb.i if cand.verb is not None and cand.verb.doc is doc else bad.i
    sent = bad.sent
    best: Token | None = None
    best_d = 10 ** 6
    groups = _non_speakers().group_speakers
    found = [(ent.root, offset + ent.start_char, offset + ent.end_char) for ent in doc.ents
             if ent.start >= sent.start and ent.end <= sent.end and ent.label_ in ("PERSON", "ORG")]
    found += [(t, offset + t.idx, offset + t.idx + len(t)) for t in sent
              if t.pos_ == "NOUN" and t.lemma_.lower() in groups and t.dep_ not in ("compound", "pobj")]
    for root, s, e in found:
        if s < cand.content_end and e > cand.content_start:
            continue  # a name inside what is reported is talked about, not talking
        if bad.left_edge.i <= root.i <= bad.right_edge.i:
            continue  # "at least 9 people, including Ahmad" names a victim
        d = abs(root.i - anchor)
        if d < best_d:
            best, best_d = root, d
    return best


def _echo(analysis: Analysis, cand: _Candidate, text: str) -> str | None:
    """A reader quoting words said earlier on the page: the speaker is whoever said them there.

    In a comment thread '"These men have been used in ..." That is because ...' answers the comment (or
    the article) where those words first appear.
    """
    if cand.segment is None or cand.segment.kind != "comment":
        return None
    content = text[cand.content_start:cand.content_end].strip()
    probe = content[:40]
    if len(probe) < 20 and len(content.split()) < 4:
        return None
    pos = text.find(probe, 0, cand.content_start - 1)
    if pos < 0:
        return None
    for q in reversed(analysis.quotes):
        if q.content_start <= pos < q.content_end and q.speaker is not None:
            return q.speaker
    seg = analysis.segment_at(pos)
    if seg is None or seg is cand.segment or not seg.author:
        return None
    return byline_actor(analysis, seg.author, seg, type="person")


def _near(a: Segment | None, b: Segment | None) -> bool:
    """Reference reaches across article and pasted report, never into or out of a reader's comment."""
    if a is b:
        return True
    return a is not None and b is not None and a.kind != "comment" and b.kind != "comment"


def _person_mentions(chunks: _Chunks) -> list[_Person]:
    out = []
    for chunk in chunks.chunks:
        for ent in chunk.doc.ents:
            if ent.label_ == "PERSON" and len(ent.text) > 2:
                main = ent.root.dep_ in _SUBJ and ent.root.head.dep_ == "ROOT"
                out.append((chunk.start + ent.start_char, ent.text, chunk.segment, main))
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


def _bounds(chunks: _Chunks, span: Span) -> tuple[int, int] | None:
    """Document offsets of a spaCy span, None when its paragraph is unknown."""
    offset = chunks.doc_start.get(id(span.doc))
    return None if offset is None else (offset + span.start_char, offset + span.end_char)


def _local(analysis: Analysis, chunks: _Chunks, span: Span, name: str, **facts: Any) -> str | None:
    """A document-local actor named by these words, with the words as its mention."""
    where = _bounds(chunks, span)
    if where is None:
        return None
    return actor_at(analysis, where[0], where[1], name, reuse=False, **facts)


_POSSESSIVE = {"his": "he", "her": "she", "their": "they", "our": "we", "my": "i", "its": "it"}


def _bare(tok: Token) -> str:
    low = _QUOTE_CHARS.split(tok.lower_)[-1].strip(",. ")  # ',"he' is one token when a space is missing
    return _POSSESSIVE.get(low, low) if tok.dep_ == "poss" else low


def _speaker(analysis: Analysis, chunks: _Chunks, tok: Token, last: _Last | None, cand: _Candidate,
             persons: list[_Person], starts: list[int],
             last_org: _Last | None = None) -> tuple[str | None, str]:
    cues = _cues()
    low = _bare(tok)
    if low in cues.pronouns:
        return _pronoun(analysis, chunks, low, last, cand, persons, starts, last_org, tok.text)
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
    head = tok.lemma_.lower()
    if head in cues.anonymous and tok.pos_ == "NOUN" and phrase[0].lower_ not in ("the", "this", "that", "these"):
        # "a Hashd al-Shaabi source", "residents": an unnamed speaker, not the group named inside the phrase
        return _local(analysis, chunks, phrase, phrase.text.strip(), type="unknown"), "anonymous"
    if offset is not None:
        mention = analysis.mention_at("actor", offset + phrase.start_char, offset + phrase.end_char)
        if mention is not None:
            actor = analysis.actor(mention.ref)
            if actor is None or actor.type == "person":
                return mention.ref, "named"
            return _as_written(analysis, actor, phrase.text.strip(), mention), "organisation"
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
            return _person_actor(analysis, base[lo:tok.i + 1].text, _bounds(chunks, base[lo:tok.i + 1])), "named"
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
        return _local(analysis, chunks, phrase, name, type="unknown"), "anonymous"
    org = next((e for e in phrase.ents if e.label_ in ("ORG", "NORP", "GPE")), None)
    if has_proper and tok.pos_ == "PROPN" and org is None and len(phrase) <= 3:
        return _person_actor(analysis, name, _bounds(chunks, phrase)), "named"
    if org is not None or has_proper:
        return _local(analysis, chunks, phrase, name, type="organisation"), "organisation"
    return _local(analysis, chunks, phrase, name, type="unknown"), "unknown"


def _as_written(analysis: Analysis, actor: Actor, surface: str, mention: Mention) -> str:
    """The speaker as the text names it when that is not recognisably the canonical name.

    "Baghdad said", "the Pentagon says", "the UN says": a capital, a building or a short form speaking for an
    institution. The reader (and a reviewer matching speakers) knows the speaker by the words on the page, so
    the quote keeps them, with the canonical actor as its parent. Its span is the resolver's mention of the
    canonical actor inside those words: the same words, read once more ("the U.S. State Department" holds
    the mention "U.S."), so the two actors share one mention span instead of the phrase becoming a rival
    name.
    """
    if not surface or _same_name(surface, actor.canonical):
        return actor.id
    aid = analysis.add_actor(surface, type=actor.type, country=actor.country, wikidata=None,
                             parent=actor.canonical, local=True)
    return anchor_actor(analysis, aid, mention.char_start, mention.char_end)


_NON_ALNUM = re.compile(r"[^a-z0-9 ]+")


def _norm(name: str) -> list[str]:
    return _NON_ALNUM.sub(" ", name.lower()).split()


def _same_name(a: str, b: str) -> bool:
    """Two names a reader takes for the same: equal, one inside the other, or the same last word."""
    na, nb = _norm(a), _norm(b)
    if na and na[0] == "the":
        na = na[1:]
    if not na or not nb:
        return False
    ja, jb = f" {' '.join(na)} ", f" {' '.join(nb)} "  # whole words: "UN" is not inside "United Nations"
    return ja in jb or jb in ja or (na[-1] == nb[-1] and len(na[-1]) > 3)


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
                words = ent if ent is not None else t.doc[named.i:named.i + 1]
                person = _person_actor(analysis, words.text, _bounds(chunks, words))
                return (person, "named") if person is not None else None
            owner = _statement_owner(t) if lemma in _cues().statement_nouns else t
            if owner is None:
                continue
            phrase = t.doc[owner.left_edge.i:owner.i + 1]
            where = _bounds(chunks, phrase)
            mention = analysis.mention_at("actor", *where) if where is not None else None
            known = analysis.actor(mention.ref) if mention is not None else None
            if mention is not None and known is not None:
                # "The Syrian Army also claim ... the army's statement": the actor the resolver read there
                if known.type == "person":
                    return known.id, "named"
                return _as_written(analysis, known, phrase.text, mention), "anonymous"
            aid = _local(analysis, chunks, phrase, phrase.text, type="unknown")
            return (aid, "anonymous") if aid is not None else None
    return None


def _named(analysis: Analysis, chunks: _Chunks, ent: Span) -> str | None:
    """The actor a person's name refers to: the resolver's mention on it, else a local person."""
    offset = chunks.doc_start.get(id(ent.doc))
    if offset is not None:
        mention = analysis.mention_at("actor", offset + ent.start_char, offset + ent.end_char)
        if mention is not None:
            return mention.ref
    return _person_actor(analysis, ent.text, _bounds(chunks, ent))


def _person_actor(analysis: Analysis, name: str, where: tuple[int, int] | None) -> str | None:
    """A person named once in full and later by surname is one actor; ``where`` is this naming's span."""
    if where is None:
        return None
    last_word = name.split()[-1].lower()
    for actor in analysis.actors:
        if actor.type == "person" and actor.canonical.split()[-1].lower() == last_word:
            return anchor_actor(analysis, actor.id, *where)
    return actor_at(analysis, where[0], where[1], name, reuse=False, type="person")


def _pronoun(analysis: Analysis, chunks: _Chunks, low: str, last: _Last | None, cand: _Candidate,
             persons: list[_Person], starts: list[int], last_org: _Last | None = None,
             surface: str = "") -> tuple[str | None, str]:
    # A pronoun never becomes a mention of the person or group it points back to: they are named
    # elsewhere, and "he" as a form of every person would read as an alias of each.
    if low in ("i", "me", "we") and cand.segment is not None and cand.segment.author and low == "i":
        return byline_actor(analysis, cand.segment.author, cand.segment, type="person"), "pronoun"
    if low in ("it", "they"):
        if low == "they" and cand.speaker is not None:
            group = _group_antecedent(cand.speaker)
            if group is not None:
                return _local(analysis, chunks, group, group.text, type="unknown"), "pronoun"
        # "..., it said" / "they continue to complain": the organisation or group quoted just before
        reach = 1500 if low == "it" else 400
        if last_org is not None and _near(last_org[3], cand.segment) and 0 <= cand.start - last_org[2] < reach \
                and (last is None or last is last_org or low == "it"):
            return last_org[0], "pronoun"
        if low == "they" and cand.speaker is not None:
            # nobody to point back to: the text's own word is the most faithful speaker ("They say that ...")
            word = cand.speaker.doc[cand.speaker.i:cand.speaker.i + 1]
            return _local(analysis, chunks, word, _QUOTE_CHARS.split(surface)[-1].strip(",. ") or "they",
                          type="unknown"), "pronoun"
        return None, "pronoun"
    if low not in ("he", "she"):
        return None, "pronoun"
    recent = last if last is not None and _near(last[3], cand.segment) and cand.content_start - last[2] < 1500 else None
    i = bisect.bisect_left(starts, cand.start) - 1
    first: tuple[int, str] | None = None
    while i >= 0:
        pos, name, seg, main = persons[i]
        if not _near(seg, cand.segment) or (recent is not None and pos <= recent[2]) \
                or (first is not None and cand.start - pos > 400):
            break
        if main:  # the person the last sentences were about, rather than one they mention in passing
            return _person_actor(analysis, name, (pos, pos + len(name))), "pronoun"
        first = first or (pos, name)
        i -= 1
    if first is not None:  # a person named after the last speaker
        return _person_actor(analysis, first[1], (first[0], first[0] + len(first[1]))), "pronoun"
    if recent is not None:
        return recent[0], "pronoun"
    return None, "pronoun"


def _group_antecedent(tok: Token) -> Span | None:
    """"the Turkish believe ... Their theory is that": the group that was the subject just before, in this paragraph."""
    doc = tok.doc
    sent_start = tok.sent.start
    prev_start = doc[sent_start - 1].sent.start if sent_start > 0 else sent_start
    for t in reversed(doc[prev_start:tok.i]):
        if t.dep_ not in _SUBJ or t.pos_ == "PRON" or t.ent_type_ == "PERSON":
            continue
        if t.tag_ in ("NNS", "NNPS") or any(c.dep_ == "det" and c.lower_ == "the" for c in t.children):
            return doc[t.left_edge.i:t.i + 1]
    return None


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
