"""Claims (attributed or hedged statements of fact) and predictions (statements about the future).

Claims come from three places: the content of a quote (its speaker is the claimant), the
complement of a reporting verb ("the army claimed that ..."), and sentences hedged by the
writer ("reportedly", "could not be independently confirmed"). Predictions are clauses whose
verb is future-marked ("will be retaken", "is expected to", "plans to"); their horizon is a
date mention in the sentence that lies after the segment's date, or an expression such as
"by the end of the year" resolved against that date.
"""

from __future__ import annotations

import bisect
import calendar
import re
from datetime import date, timedelta
from typing import TYPE_CHECKING

from fogofwar.extract.events import EventBuilder
from fogofwar.extract.factuality import (
    DENY_VERBS,
    HEDGE_ADVERBS,
    HEDGE_VERBS,
    factuality_of,
    is_future,
)
from fogofwar.models import Analysis, Chunk, Claim, Factuality, Prediction

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

REPORT_VERBS = frozenset({"say", "claim", "allege", "report", "state", "announce", "insist", "assert", "tell",
                          "confirm", "deny", "accuse", "maintain", "argue", "add", "declare", "write", "note"})
# "we will see", "time will tell": about the future, but no forecast of an event
_IDLE_FUTURE = frozenset({"see", "tell", "wait", "know", "find", "continue", "need", "have", "be"})
_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_HORIZON = re.compile(
    r"\b(?:by|before|until|till)\s+(?:the\s+)?(?:end|close)\s+of\s+(?:the\s+|this\s+)?(?P<unit>year|month|week)\b"
    r"|\b(?:by|before|until|in)\s+(?:the\s+end\s+of\s+)?(?P<month>" + "|".join(_MONTHS) + r")\b"
    r"|\bnext\s+(?P<next>week|month|year)\b"
    r"|\bwithin\s+(?:the\s+next\s+)?(?P<n>\d+|a|one|two|three|four|six|few)\s+(?P<nunit>day|week|month|year)s?\b",
    re.IGNORECASE,
)
_SMALL = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "six": 6, "few": 3}


def _iso(value: str | None) -> date | None:
    if not value:
        return None
    try:
        parts = [int(p) for p in value[:10].split("-")]
    except ValueError:
        return None
    while len(parts) < 3:
        parts.append(1)
    try:
        return date(parts[0], parts[1], parts[2])
    except ValueError:
        return None


def resolve_horizon(text: str, ref: date | None) -> str | None:
    """An ISO date for a future expression ("by the end of the year") relative to ``ref``."""
    if ref is None:
        return None
    m = _HORIZON.search(text)
    if m is None:
        return None
    if m.group("unit"):
        unit = m.group("unit").lower()
        if unit == "year":
            return f"{ref.year}-12-31"
        if unit == "month":
            return date(ref.year, ref.month, calendar.monthrange(ref.year, ref.month)[1]).isoformat()
        return (ref + timedelta(days=6 - ref.weekday())).isoformat()
    if m.group("month"):
        month = _MONTHS[m.group("month").lower()]
        year = ref.year + (1 if month < ref.month else 0)
        return f"{year}-{month:02d}"
    if m.group("next"):
        unit = m.group("next").lower()
        if unit == "year":
            return str(ref.year + 1)
        if unit == "month":
            return f"{ref.year + ref.month // 12}-{ref.month % 12 + 1:02d}"
        return (ref + timedelta(days=7)).isoformat()
    n_raw = m.group("n").lower()
    n = int(n_raw) if n_raw.isdigit() else _SMALL.get(n_raw, 1)
    days = {"day": 1, "week": 7, "month": 30, "year": 365}[m.group("nunit").lower()] * n
    return (ref + timedelta(days=days)).isoformat()


# how many sorted neighbours a new claim is compared with for overlap
_NEIGHBOURS = 8

class _ClaimBuilder:
    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self.helper = EventBuilder(analysis)
        self.claim_spans: list[tuple[int, int]] = []
        self.pred_spans: list[tuple[int, int]] = []

    def run(self) -> None:
        self._quote_claims()
        for chunk in sorted(self.analysis.chunks, key=lambda c: c.start):
            for sent in chunk.doc.sents:
                if sent.text.rstrip().endswith("?"):
                    continue  # a question asserts nothing
                self._reported_claims(chunk, sent)
                self._hedged_sentence(chunk, sent)
                self._predictions(chunk, sent)
        self.analysis.claims.sort(key=lambda c: c.char_start)
        for i, c in enumerate(self.analysis.claims, 1):
            c.id = f"c{i}"
        self.analysis.predictions.sort(key=lambda p: p.char_start)
        for i, p in enumerate(self.analysis.predictions, 1):
            p.id = f"f{i}"

    # -- claims ---------------------------------------------------------------
    def _add_claim(self, start: int, end: int, claimant: str | None, factuality: Factuality) -> None:
        text = self.analysis.document.text
        while start < end and text[start] in " \"'“”‘’,":
            start += 1
        while end > start and text[end - 1] in " \"'“”‘’,.":
            end -= 1
        if len(text[start:end].split()) < 3:
            return
        # the same statement found twice (a quote and its reporting verb): keep the first
        # spans are kept sorted: only the neighbours of the new span can overlap it much, which
        # keeps a page with thousands of quotes linear instead of quadratic
        at = bisect.bisect_left(self.claim_spans, (start, end))
        near = self.claim_spans[max(0, at - _NEIGHBOURS):at + _NEIGHBOURS]
        if any(min(end, e) - max(start, s) > 0.5 * min(end - start, e - s) for s, e in near):
            return
        self.claim_spans.insert(at, (start, end))
        self.analysis.claims.append(Claim(id="", text=text[start:end], char_start=start, char_end=end,
                                          claimant=claimant, factuality=factuality))

    def _sentences_in(self, start: int, end: int) -> list[tuple[Chunk, Span]]:
        out = []
        for chunk in self.analysis.chunks:
            if chunk.start >= end or chunk.start + len(chunk.text) <= start:
                continue
            for sent in chunk.doc.sents:
                s, e = chunk.start + sent.start_char, chunk.start + sent.end_char
                if s < end and start < e:
                    out.append((chunk, sent))
        return out

    def _quote_claims(self) -> None:
        for q in self.analysis.quotes:
            text = self.analysis.document.text[q.content_start:q.content_end]
            if text.rstrip().endswith("?"):
                continue
            sents = self._sentences_in(q.content_start, q.content_end)
            fact: Factuality = "asserted"
            for chunk, sent in sents:
                # the content's own main verbs: tokens inside it whose head lies outside it
                roots = [t for t in sent if q.content_start <= chunk.start + t.idx < q.content_end
                         and (t.head is t or not q.content_start <= chunk.start + t.head.idx < q.content_end)
                         and t.pos_ in {"VERB", "AUX"}]
                for root in roots or [sent.root]:
                    f = "predicted" if is_future(root) else factuality_of(root, sent)
                    if f != "asserted":
                        fact = f
                        break
                if fact != "asserted":
                    break
            if q.cue.lower() in {"claimed", "claims", "claim", "alleged", "alleges"} and fact == "asserted":
                fact = "hedged"
            self._add_claim(q.content_start, q.content_end, q.speaker, fact)

    def _reported_claims(self, chunk: Chunk, sent: Span) -> None:
        for tok in sent:
            lemma = tok.lemma_.lower()
            if lemma not in REPORT_VERBS or tok.pos_ not in {"VERB", "AUX"}:
                continue
            comp = next((c for c in tok.children if c.dep_ == "ccomp"), None)
            if comp is None:
                continue
            toks = [t for t in comp.subtree if sent.start <= t.i < sent.end]
            start, end = chunk.start + toks[0].idx, chunk.start + toks[-1].idx + len(toks[-1])
            if any(q.content_start <= start < q.content_end for q in self.analysis.quotes):
                continue
            subj = next((c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            claimant = self.helper.actor_for(chunk, subj) if subj is not None and subj.pos_ != "PRON" else None
            if claimant is None:
                claimant = self.helper.reporter_for(chunk, tok, start, end)
            fact: Factuality
            if lemma in DENY_VERBS:
                fact = "denied"
            elif lemma in HEDGE_VERBS or lemma in {"allege", "claim"}:
                fact = "hedged"
            else:
                fact = factuality_of(comp, sent)
            self._add_claim(start, end, claimant, fact)

    def _hedged_sentence(self, chunk: Chunk, sent: Span) -> None:
        hedge = next((t for t in sent if t.lower_ in HEDGE_ADVERBS and t.lower_ in {
            "reportedly", "allegedly", "purportedly", "supposedly"}), None)
        fact = factuality_of(sent.root, sent)
        if hedge is None and not (fact == "hedged" and "confirm" in sent.text.lower()):
            return
        start, end = chunk.start + sent.start_char, chunk.start + sent.end_char
        claimant = self.helper.reporter_for(chunk, hedge or sent.root, start, end)
        self._add_claim(start, end, claimant, "hedged")

    # -- predictions -----------------------------------------------------------
    def _predictions(self, chunk: Chunk, sent: Span) -> None:
        for tok in sent:
            if tok.pos_ not in {"VERB", "AUX"} or not is_future(tok):
                continue
            subj = next((c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass", "expl"}), None)
            if tok.lemma_.lower() in _IDLE_FUTURE and subj is not None and subj.lower_ in {"we", "i", "you", "time"}:
                continue
            if any(c.dep_ == "neg" for c in tok.children) and tok.lemma_.lower() in _IDLE_FUTURE:
                continue
            toks = self._clause(tok, sent)
            start, end = chunk.start + toks[0].idx, chunk.start + toks[-1].idx + len(toks[-1])
            if any(s <= start and end <= e for s, e in self.pred_spans) or len(toks) < 3:
                continue
            self.pred_spans.append((start, end))
            predictor = self.helper.reporter_for(chunk, tok, start, end)
            horizon = self._horizon(chunk, sent, start, end)
            text = self.analysis.document.text[start:end]
            self.analysis.predictions.append(Prediction(id="", predictor=predictor, char_start=start, char_end=end,
                                                        horizon=horizon, text=text))

    @staticmethod
    def _clause(tok: Token, sent: Span) -> list[Token]:
        skip = {"advcl", "parataxis", "conj", "cc", "mark"}
        out = [tok]
        stack = [c for c in tok.children if c.dep_ not in skip]
        while stack:
            t = stack.pop()
            out.append(t)
            stack.extend(c for c in t.children if c.dep_ not in {"parataxis"})
        out = sorted((t for t in out if sent.start <= t.i < sent.end), key=lambda t: t.i)
        while len(out) > 1 and out[-1].is_punct:
            out.pop()
        while len(out) > 1 and out[0].is_punct:
            out.pop(0)
        return [tok.doc[i] for i in range(out[0].i, out[-1].i + 1)]

    def _horizon(self, chunk: Chunk, sent: Span, start: int, end: int) -> str | None:
        seg = chunk.segment
        ref = _iso(seg.published or self.analysis.document.published)
        s0, s1 = chunk.start + sent.start_char, chunk.start + sent.end_char
        for m in self.analysis.mentions_in("date", s0, s1):
            when = _iso(m.ref)
            if when is not None and (ref is None or when >= ref):
                return m.ref
        return resolve_horizon(sent.text, ref)


def extract_claims(analysis: Analysis) -> None:
    """Append the document's claims and predictions."""
    if not analysis.chunks:
        return
    _ClaimBuilder(analysis).run()
