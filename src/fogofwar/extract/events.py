"""Events: one per clause that states a conflict action (who did what to whom, where, when).

A trigger lexicon (``data/events/triggers.yaml``: verbs and event nouns) finds candidate
words; the dependency parse gives the roles (active subject -> actor1, object -> actor2;
passive subject -> actor2, "by" agent -> actor1; possessors and "by"/"against" phrases of
event nouns), the clause span, the place and date in the clause, the casualty counts and
the factuality cues. Actors, places and dates come from the resolvers' mentions; spaCy
entities are only a fallback where no mention covers a phrase.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import yaml

from fogofwar.extract.factuality import factuality_of
from fogofwar.models import Analysis, Chunk, Event, Mention, Segment

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

FAMILY_FIGHT = frozenset({"ATTACK", "AIRSTRIKE", "BOMBING", "KILL", "EXECUTE", "TORTURE/ABUSE", "CAPTURE_TERRITORY"})
# dependents that open a new clause or a side remark: never part of a minimal event span
_CLAUSAL = frozenset({"relcl", "acl", "advcl", "ccomp", "parataxis", "conj", "cc", "appos", "mark", "punct",
                      "xcomp", "csubj", "dep", "meta", "intj", "preconj"})
_CORE = frozenset({"nsubj", "nsubjpass", "dobj", "aux", "auxpass", "neg", "prt", "agent", "attr", "dative",
                   "acomp", "oprd", "advmod", "npadvmod"})
_LOCATIVE = frozenset({"in", "at", "on", "near", "from", "into", "inside", "outside", "around", "towards", "toward",
                       "across", "to", "of", "over", "against", "through", "within", "off"})
_PRONOUNS = frozenset({"they", "them", "it", "he", "she", "we", "who", "which", "that", "i", "you", "their", "its"})
_CIVILIAN_WORDS = frozenset({"civilian", "people", "resident", "refugee", "woman", "child", "family", "villager",
                             "inhabitant", "man", "person", "citizen", "displaced", "sunnis", "student", "worker"})
_SPEECH = frozenset({"say", "tell", "report", "claim", "announce", "state", "add", "confirm", "allege", "write",
                     "insist", "declare", "note", "explain", "accuse", "warn", "quote"})
_STATE_WORDS = frozenset({"army", "troops", "troop", "force", "government", "police", "military", "soldier",
                          "regime", "ministry", "navy", "air", "coalition", "peshmerga", "saa"})
_COUNT_VERBS = {"kill": "killed", "wound": "wounded", "injure": "wounded", "capture": "captured",
                "displace": "displaced", "arrest": "captured", "detain": "captured", "execute": "killed",
                "behead": "killed", "massacre": "killed", "murder": "killed", "slaughter": "killed"}
_DEAD_NOUNS = {"death": "killed", "dead": "killed", "casualty": "killed", "fatality": "killed",
               "injury": "wounded", "wounded": "wounded", "injured": "wounded"}
_MAX_SPAN_TOKENS = 22


# ---------------------------------------------------------------- lexicon

@dataclass(frozen=True, slots=True)
class Trigger:
    key: str
    action: str
    mode: str | None = None
    context: bool = False
    subject: str = "actor1"
    prt: tuple[str, ...] = ()
    objects: tuple[str, ...] = ()
    strength: float = 0.7


@dataclass(frozen=True, slots=True)
class ActionInfo:
    plover: str
    mode: str | None
    acled: tuple[str, str]
    variants: dict[str, tuple[str, str]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Lexicon:
    verbs: dict[str, Trigger]
    nouns: dict[str, Trigger]
    multi: dict[str, Trigger]  # multi-word nouns, spaces between words
    multi_re: re.Pattern[str] | None
    metaphor: frozenset[str]
    military: frozenset[str]
    irregular: dict[str, str]
    actions: dict[str, ActionInfo]
    actor_nouns: frozenset[str] = frozenset()


def _trigger(key: str, raw: dict[str, Any]) -> Trigger:
    mode = raw.get("mode")
    return Trigger(
        key=key, action=str(raw["action"]), mode=str(mode) if mode else None,
        context=bool(raw.get("context", False)), subject=str(raw.get("subject", "actor1")),
        prt=tuple(str(x) for x in raw.get("prt") or []),
        objects=tuple(str(x) for x in raw.get("objects") or []),
        strength=float(raw.get("strength", 0.7)),
    )


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    base = resources.files("fogofwar.data").joinpath("events")
    raw = yaml.safe_load(base.joinpath("triggers.yaml").read_text("utf-8"))
    acts = yaml.safe_load(base.joinpath("actions.yaml").read_text("utf-8"))
    verbs = {str(k): _trigger(str(k), v) for k, v in raw["verbs"].items()}
    nouns: dict[str, Trigger] = {}
    multi: dict[str, Trigger] = {}
    for k, v in raw["nouns"].items():
        key = str(k).lower().replace("-", " ")
        (multi if " " in key else nouns)[key] = _trigger(key, v)
    multi_re = None
    if multi:
        alts = sorted(multi, key=len, reverse=True)
        multi_re = re.compile(r"\b(" + "|".join(r"[\s-]+".join(map(re.escape, a.split())) + "(?:e?s)?" for a in alts)
                              + r")\b", re.IGNORECASE)
    actions: dict[str, ActionInfo] = {}
    for name, info in acts.items():
        variants = {k[len("acled_"):]: (str(v[0]), str(v[1])) for k, v in info.items()
                    if k.startswith("acled_") and v}
        actions[str(name)] = ActionInfo(plover=str(info["plover"]), mode=info.get("mode"),
                                        acled=(str(info["acled"][0]), str(info["acled"][1])), variants=variants)
    return Lexicon(verbs, nouns, multi, multi_re, frozenset(str(x).lower() for x in raw["metaphor_modifiers"]),
                   frozenset(str(x).lower() for x in raw["military_nouns"]),
                   {str(k): str(v) for k, v in (raw.get("irregular") or {}).items()}, actions,
                   frozenset(str(x).lower() for x in raw.get("actor_nouns") or []))


# ---------------------------------------------------------------- small helpers

def _lemma(tok: Token) -> str:
    lex = lexicon()
    low = tok.lower_
    return lex.irregular.get(low) or tok.lemma_.lower()


def _span_tokens(tok: Token, exclude: frozenset[str] = _CLAUSAL) -> list[Token]:
    """The token's subtree without clausal dependents (a noun phrase or a short clause)."""
    out = [tok]
    for child in tok.children:
        if child.dep_ in exclude:
            continue
        out.extend(_span_tokens(child, exclude))
    return out


def _np_bounds(tok: Token) -> tuple[int, int]:
    """Character bounds (doc-local) of the noun phrase headed by tok, without clauses."""
    toks = _span_tokens(tok, _CLAUSAL | {"prep"})
    return min(t.idx for t in toks), max(t.idx + len(t) for t in toks)


def _count_of(noun: Token) -> int | None:
    """The number attached to a noun ("11 people", "at least 20 civilians") or the number itself."""
    nums = [noun] if noun.like_num else [c for c in noun.children if c.dep_ == "nummod" or c.like_num]
    if not nums:
        return None
    num = nums[0]
    words = " ".join(t.text for t in num.subtree if t.like_num or t.lower_ in {"hundred", "thousand", "million"})
    value = _parse_number(words or num.text)
    return int(value) if value is not None else None


def _parse_number(text: str) -> float | None:
    try:
        from fogofwar.extract.numbers import parse_number

        return parse_number(text)
    except Exception:  # the shared parser is optional; fall back to digits and small words
        return _parse_small(text)


_SMALL = {w: i for i, w in enumerate([
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"])}
_SMALL.update({"dozens": 12, "dozen": 12, "tens": 10, "hundreds": 100, "thousands": 1000, "scores": 20})


def _parse_small(text: str) -> float | None:
    t = text.strip().lower().replace(",", "")
    m = re.search(r"\d+(?:\.\d+)?", t)
    if m:
        return float(m.group())
    for word in t.split():
        if word in _SMALL:
            return float(_SMALL[word])
    return None


# ---------------------------------------------------------------- the extractor

@dataclass(slots=True)
class _Context:
    """What the segment said last: pronouns and agentless clauses inherit from it."""

    segment: str = ""
    actor1: str | None = None
    place: str | None = None


class EventBuilder:
    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self.lex = lexicon()
        self.has_actor_mentions = any(m.kind == "actor" for m in analysis.mentions)
        self.has_place_mentions = any(m.kind == "place" for m in analysis.mentions)
        self.actors = _MentionIndex([m for m in analysis.mentions if m.kind == "actor"])
        self.dates = _MentionIndex([m for m in analysis.mentions if m.kind == "date"])
        places = [m for m in analysis.mentions if m.kind == "place"]
        if not self.has_place_mentions:
            places = self._spacy_places()
        self.places = _MentionIndex(places)
        self.ctx = _Context()

    def _spacy_places(self) -> list[Mention]:
        """Places from spaCy entities, only for documents no place resolver has annotated.

        They stay private to this stage (not added to ``analysis.mentions``): the places task is the
        resolver's, and an unresolved name would only count against it.
        """
        out: list[Mention] = []
        for chunk in self.analysis.chunks:
            for ent in chunk.doc.ents:
                if ent.label_ in {"GPE", "LOC", "FAC"}:
                    name = _strip_det(ent.text)
                    pid = self.analysis.add_place(name=name, geonameid=None, feature=None, country=None,
                                                  admin1=None, lat=None, lon=None)
                    out.append(Mention(kind="place", text=ent.text, char_start=chunk.start + ent.start_char,
                                       char_end=chunk.start + ent.end_char, ref=pid))
        return out

    # -- mentions -----------------------------------------------------------
    def actor_for(self, chunk: Chunk, tok: Token) -> str | None:
        """Actor id for the noun phrase headed by tok (the claims extractor shares this)."""
        return self._actor_in(chunk, tok)

    def reporter_for(self, chunk: Chunk, tok: Token, start: int, end: int) -> str | None:
        """Who states the clause at tok: the quoted speaker, the subject of a speech verb, the author."""
        return self._reported_by(chunk, tok, start, end, chunk.segment)

    def _actor_in(self, chunk: Chunk, tok: Token) -> str | None:
        """Actor id for the noun phrase headed by tok (first conjunct of a coordination)."""
        if tok.lower_ in _PRONOUNS or tok.pos_ == "PRON":
            return self.ctx.actor1 if tok.lower_ in {"they", "them", "it", "he", "she", "who", "which", "that"} \
                else None
        s, e = _np_bounds(tok)
        start, end = chunk.start + s, chunk.start + e
        found = self.actors.inside(start, end) or self.actors.overlapping(start, end)
        if found:
            return found[0].ref
        if self.places.inside(start, end):
            return None  # a place named as the object ("retook Nimrud") is not an actor
        return self._local_actor(chunk.doc, tok)

    def _local_actor(self, doc: Doc, tok: Token) -> str | None:
        lemma = tok.lemma_.lower()
        if lemma in _CIVILIAN_WORDS:
            return self.analysis.add_actor("civilians", type="civilians", local=True)
        ents = [e for e in doc.ents if e.start <= tok.i < e.end or (e.root.head == tok and e.label_ in {"NORP"})]
        ents += [e for e in doc.ents if e.root.head == tok and e.label_ in {"ORG", "GPE", "NORP", "PERSON"}
                 and e not in ents]
        military = lemma in self.lex.actor_nouns or tok.lower_ in self.lex.actor_nouns
        if ents:
            ent = ents[0]
            if ent.label_ not in {"ORG", "GPE", "NORP", "PERSON"}:
                return None
            name = f"{ent.text} {tok.text}" if ent.label_ == "NORP" and military and tok.i >= ent.end else ent.text
            kind = {"PERSON": "person", "GPE": "government", "ORG": "organisation"}.get(ent.label_, "armed_group")
            return self.analysis.add_actor(_strip_det(name), type=kind, local=True)
        if military or tok.pos_ == "PROPN":
            toks = sorted((t for t in _span_tokens(tok, _CLAUSAL | {"prep", "det", "nummod", "quantmod", "poss"})),
                          key=lambda t: t.i)
            name = " ".join(t.text for t in toks if t.i <= tok.i)
            return self.analysis.add_actor(_strip_det(name), type="armed_group" if military else "unknown",
                                           local=True)
        return None

    def _source_actor(self, chunk: Chunk, tok: Token) -> str | None:
        """Whoever is named as a source ("the general said", "residents said") is an actor here."""
        if tok.pos_ not in {"NOUN", "PROPN"}:
            return None
        s, e = _np_bounds(tok)
        name = _strip_det(chunk.doc.text[s:e])
        if not name:
            return None
        kind = "civilians" if tok.lemma_.lower() in _CIVILIAN_WORDS else "person"
        return self.analysis.add_actor(name, type=kind, local=True)

    def _place_for(self, chunk: Chunk, span: tuple[int, int], sent: Span, trigger: Token,
                   prefer: list[Token], avoid: list[tuple[int, int]]) -> Mention | None:
        def usable(ms: list[Mention]) -> list[Mention]:
            # a place named as the acting side ("Syria and Russia are working") is not where it happens;
            # a town beats the country around it, as in human-coded event data
            ms = [m for m in ms if not any(a <= m.char_start < b for a, b in avoid)]
            return sorted(ms, key=lambda m: self._is_country(m))

        for tok in prefer:
            s, e = _np_bounds(tok)
            near = usable(self.places.inside(chunk.start + s, chunk.start + e))
            if near:
                return near[0]
        inside = usable(self.places.inside(span[0], span[1]))
        if inside:
            return inside[0]
        in_sent = usable(self.places.inside(chunk.start + sent.start_char, chunk.start + sent.end_char))
        if in_sent:
            pos = chunk.start + trigger.idx
            return min(in_sent, key=lambda m: (self._is_country(m), abs(m.char_start - pos)))
        return None

    def _is_country(self, m: Mention) -> bool:
        place = self.analysis.place(m.ref)
        return place is not None and place.feature in {"country", "continent"}

    def _date_for(self, chunk: Chunk, span: tuple[int, int], sent: Span,
                  trigger: Token, seg: Segment) -> tuple[str | None, str | None, bool]:
        a = self.analysis
        found = self.dates.inside(span[0], span[1])
        if not found:
            in_sent = self.dates.inside(chunk.start + sent.start_char, chunk.start + sent.end_char)
            if in_sent:
                pos = chunk.start + trigger.idx
                found = [min(in_sent, key=lambda m: abs(m.char_start - pos))]
        if found:
            m = found[0]
            prec = m.detail.get("precision")
            return m.ref, str(prec) if prec else _precision(m.ref), False
        published = seg.published or a.document.published
        if published:
            return published, _precision(published), True
        return None, None, True

    # -- main loop -----------------------------------------------------------
    def run(self) -> None:
        for chunk in sorted(self.analysis.chunks, key=lambda c: c.start):
            if chunk.segment.id != self.ctx.segment:
                self.ctx = _Context(segment=chunk.segment.id)
            doc = chunk.doc
            multi = self._multi_triggers(doc)
            for sent in doc.sents:
                taken: set[int] = set()
                cands: list[tuple[Token, Trigger, bool]] = []
                for tok in sent:
                    trig = multi.get(tok.i)
                    is_verb = False
                    if trig is None and not multi.covers(tok.i):
                        trig, is_verb = self._single_trigger(tok)
                    if trig is not None:
                        cands.append((tok, trig, is_verb))
                # verbs first so that a noun trigger that is the verb's own object ("fought a battle")
                # is not counted twice
                cands.sort(key=lambda c: (not c[2], c[0].i))
                for tok, trig, is_verb in cands:
                    if tok.i in taken:
                        continue
                    if not is_verb and tok.head.i in taken and tok.dep_ in {"dobj", "attr"}:
                        continue
                    event = self._build(chunk, sent, tok, trig, is_verb)
                    if event is not None:
                        taken.add(tok.i)
                        self.analysis.events.append(event)
                self._advance_context(chunk, sent)
        self.analysis.events.sort(key=lambda e: e.char_start)
        for i, ev in enumerate(self.analysis.events, 1):
            ev.id = f"e{i}"

    def _advance_context(self, chunk: Chunk, sent: Span) -> None:
        places = self.places.inside(chunk.start + sent.start_char, chunk.start + sent.end_char)
        towns = [m for m in places if not self._is_country(m)]
        if towns or places:
            self.ctx.place = (towns or places)[-1].ref

    def _multi_triggers(self, doc: Doc) -> _MultiIndex:
        index = _MultiIndex()
        if self.lex.multi_re is None:
            return index
        for m in self.lex.multi_re.finditer(doc.text):
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is None:
                continue
            key = re.sub(r"[\s-]+", " ", m.group(1).lower())
            trig = self.lex.multi.get(key) or self.lex.multi.get(key.rstrip("s")) or self.lex.multi.get(key[:-2])
            if trig is None:
                continue
            index[span.root.i] = trig
            index.values_spans.append((span.start, span.end))
        return index

    def _single_trigger(self, tok: Token) -> tuple[Trigger | None, bool]:
        if tok.pos_ == "VERB" and tok.dep_ not in {"amod", "compound"}:
            trig = self.lex.verbs.get(_lemma(tok))
            if trig is not None:
                return trig, True
        if tok.pos_ in {"NOUN", "VERB"}:
            trig = self.lex.nouns.get(tok.lemma_.lower()) or self.lex.nouns.get(tok.lower_)
            if trig is not None and tok.pos_ == "NOUN":
                return trig, False
        return None, False

    def _build(self, chunk: Chunk, sent: Span, tok: Token, trig: Trigger, is_verb: bool) -> Event | None:
        lex = self.lex
        children = list(tok.children)
        # metaphors and non-conflict senses ("PR battle", "diplomatic offensive", "hurting yourself")
        if any(c.dep_ in {"amod", "compound"} and c.lower_ in lex.metaphor for c in children):
            return None
        if trig.prt and not any(c.dep_ in {"prt", "advmod", "prep"} and c.lower_ in trig.prt for c in children):
            return None
        dobj = next((c for c in children if c.dep_ == "dobj"), None)
        nsubj = next((c for c in children if c.dep_ == "nsubj"), None)
        nsubjpass = next((c for c in children if c.dep_ == "nsubjpass"), None)
        agent = next((g for c in children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
        obj = dobj or nsubjpass
        if obj is not None and obj.lower_ in {"yourself", "myself", "himself", "herself", "itself", "themselves",
                                              "ourselves"}:
            return None
        if trig.objects:
            heads = [obj] + [g for c in obj.children if c.dep_ == "prep" for g in c.children] if obj else []
            if not any(h.lemma_.lower() in trig.objects or h.lower_ in trig.objects for h in heads):
                return None
        span_toks = self._clause_tokens(tok, is_verb)
        if trig.context and not self._has_context(chunk, span_toks):
            return None
        s0 = min(t.idx for t in span_toks)
        s1 = max(t.idx + len(t) for t in span_toks)
        start, end = chunk.start + s0, chunk.start + s1
        seg = chunk.segment

        # roles
        subj_tok = nsubj
        if subj_tok is None and is_verb and tok.dep_ in {"xcomp", "conj", "advcl"}:
            subj_tok = next((c for c in tok.head.children if c.dep_ in {"nsubj"}), None)
            if subj_tok is None and tok.head.dep_ in {"relcl", "acl"}:
                subj_tok = tok.head.head
        if subj_tok is None and is_verb and tok.dep_ in {"relcl", "acl"} and tok.head.pos_ in {"NOUN", "PROPN"}:
            subj_tok = tok.head
        if subj_tok is not None and subj_tok.lower_ in {"who", "which", "that"} and tok.dep_ == "relcl":
            subj_tok = tok.head
        if is_verb and tok.dep_ == "acl" and tok.tag_ == "VBN" and obj is None:
            # "rebels driven from their territory": the noun a passive participle modifies is its object
            obj, subj_tok = tok.head, None
        actor1 = actor2 = None
        if is_verb:
            if subj_tok is not None:
                actor1 = self._actor_in(chunk, subj_tok)
            if agent is not None:
                actor1 = self._actor_in(chunk, agent)
            if obj is not None:
                actor2 = self._actor_in(chunk, obj)
            if trig.subject == "actor2" and nsubj is not None:
                actor1, actor2 = None, actor1
        else:
            actor1, actor2 = self._noun_roles(chunk, tok)
        if actor1 is not None and actor1 == actor2:
            actor2 = None
        explicit_actor = actor1 is not None
        if actor1 is None and trig.subject != "actor2" and trig.action != "DISPLACE/FLEE" \
                and self.ctx.actor1 is not None and self.ctx.actor1 != actor2:
            actor1 = self.ctx.actor1

        # place
        prefer: list[Token] = []
        if trig.action == "CAPTURE_TERRITORY" and obj is not None:
            prefer.append(obj)
        for c in children:
            if c.dep_ == "prep" and c.lower_ in _LOCATIVE:
                prefer.extend(g for g in c.children if g.dep_ == "pobj")
        avoid = []
        for role in (subj_tok, agent):
            if role is not None and trig.action != "CAPTURE_TERRITORY":
                b0, b1 = _np_bounds(role)
                avoid.append((chunk.start + b0, chunk.start + b1))
        if not is_verb:
            avoid.extend((chunk.start + c.idx, chunk.start + c.idx + len(c)) for c in children
                         if c.dep_ in {"poss", "amod"} or (c.dep_ == "compound" and c.ent_type_ in {"GPE", "NORP"}))
        place_m = self._place_for(chunk, (start, end), sent, tok, prefer, avoid)
        place = place_m.ref if place_m is not None else None
        if place is None:
            place = self.ctx.place
        if place is not None and self.ctx.place is None:
            self.ctx.place = place

        date, date_precision, inferred = self._date_for(chunk, (start, end), sent, tok, seg)
        factuality = factuality_of(tok, sent)
        counts = self._counts(tok, trig, obj, dobj, nsubjpass, sent)
        reported_by = self._reported_by(chunk, tok, start, end, seg)
        if reported_by is not None and factuality == "asserted" and _speech_head(tok) in {"claim", "allege"}:
            factuality = "hedged"

        info = lex.actions.get(trig.action) or lex.actions["OTHER"]
        mode = trig.mode or info.mode
        acled = self._acled(trig, info, actor1, actor2, mode, tok)
        place_obj = self.analysis.place(place)
        conf = trig.strength + (0.1 if explicit_actor else 0.0) + (0.1 if place_m is not None else 0.0)
        conf -= {"asserted": 0.0, "hedged": 0.15, "hypothetical": 0.3, "predicted": 0.3, "denied": 0.3}[factuality]
        a1 = self.analysis.actor(actor1)
        if explicit_actor and a1 is not None and a1.type not in {"civilians", "person", "media"} \
                and info.plover in {"ASSAULT", "RETREAT", "MOBILIZE"}:
            # only the fighting side carries over to the next agentless clause ("20 civilians were killed")
            self.ctx.actor1 = actor1
        return Event(
            id="", type=info.plover, mode=mode, acled_event_type=acled[0], acled_sub_event_type=acled[1],
            char_start=start, char_end=end, segment=seg.id, actor1=actor1, actor2=actor2, place=place,
            date=date, date_precision=date_precision, date_inferred=inferred,
            place_precision=_place_precision(place_obj.feature if place_obj else None) if place else None,
            counts=counts, reported_by=reported_by, factuality=factuality,
            confidence=round(max(0.05, min(0.95, conf)), 2), trigger=tok.text, action=trig.action,
        )

    def _clause_tokens(self, tok: Token, is_verb: bool) -> list[Token]:
        """The minimal clause: the trigger, its subject/object/auxiliaries and one locative phrase."""
        out = [tok]
        if is_verb:
            preps = 0
            for child in sorted(tok.children, key=lambda c: c.i):
                if child.dep_ in _CORE:
                    if child.dep_ == "advmod" and abs(child.i - tok.i) > 2:
                        continue
                    out.extend(_span_tokens(child))
                elif child.dep_ == "prep" and preps < 1 and child.i > tok.i:
                    preps += 1
                    out.extend(_span_tokens(child))
        else:
            for child in tok.children:
                if child.dep_ in {"det", "amod", "compound", "poss", "nummod", "case", "prep", "nmod", "quantmod"}:
                    out.extend(_span_tokens(child))
        sent = tok.sent
        out = [t for t in out if sent.start <= t.i < sent.end]
        out.sort(key=lambda t: t.i)
        while len(out) > 1 and out[0].is_punct:
            out.pop(0)
        while len(out) > 1 and out[-1].is_punct:
            out.pop()
        if len(out) > _MAX_SPAN_TOKENS:
            near = [t for t in out if abs(t.i - tok.i) <= _MAX_SPAN_TOKENS // 2]
            out = near or [tok]
        # a contiguous range (spans are character ranges)
        lo, hi = out[0].i, out[-1].i
        return [tok.doc[i] for i in range(lo, hi + 1)]

    def _has_context(self, chunk: Chunk, toks: list[Token]) -> bool:
        start = chunk.start + toks[0].idx
        end = chunk.start + toks[-1].idx + len(toks[-1])
        if self.actors.inside(start, end) or self.places.inside(start, end):
            return True
        military = self.lex.military
        for t in toks:
            if t.lemma_.lower() in military or t.lower_ in military:
                return True
            if t.ent_type_ in {"GPE", "NORP", "LOC", "FAC"} and not self.has_actor_mentions:
                return True
        return False

    def _noun_roles(self, chunk: Chunk, tok: Token) -> tuple[str | None, str | None]:
        actor1 = actor2 = None
        for child in tok.children:
            if child.dep_ == "poss" or (child.dep_ in {"amod", "compound"} and child.i < tok.i
                                        and (child.ent_type_ in {"NORP", "GPE", "ORG"} or child.pos_ == "PROPN")):
                actor1 = actor1 or self._actor_in(chunk, child)
            elif child.dep_ == "prep":
                pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
                if pobj is None:
                    continue
                if child.lower_ == "by":
                    actor1 = self._actor_in(chunk, pobj) or actor1
                elif child.lower_ in {"against", "on", "of"}:
                    actor2 = actor2 or self._actor_in(chunk, pobj)
        return actor1, actor2

    def _counts(self, tok: Token, trig: Trigger, obj: Token | None, dobj: Token | None,
                nsubjpass: Token | None, sent: Span) -> dict[str, int]:
        counts: dict[str, int] = {}
        if trig.action not in FAMILY_FIGHT and trig.action not in {"DISPLACE/FLEE", "ARREST/DETAIN"}:
            return counts
        verbs = [tok] + [c for c in tok.children if c.dep_ == "conj" and c.pos_ == "VERB"]
        if tok.head is not tok and tok.dep_ in {"pobj", "nsubj"}:
            # "an airstrike on X killed 9": the event noun is the subject of a casualty verb
            head = tok.head if tok.dep_ == "nsubj" else tok.head.head
            verbs.append(head)
            verbs.extend(c for c in head.children if c.dep_ == "conj" and c.pos_ == "VERB")
        for verb in verbs:
            key = _COUNT_VERBS.get(_lemma(verb))
            if key is None:
                if verb is tok and trig.action == "CAPTURE_TERRITORY" and obj is not None:
                    n = _count_of(obj)
                    if n is not None:
                        counts["places_taken"] = n
                elif verb is tok and dobj is not None and dobj.lemma_.lower() == "target":
                    n = _count_of(dobj)
                    if n is not None:
                        counts["targets"] = n
                continue
            vchildren = list(verb.children)
            target = next((c for c in vchildren if c.dep_ in {"dobj", "nsubjpass"}), None)
            if target is None:
                continue
            n = _count_of(target)
            if n is not None and key not in counts:
                counts[key] = n
        return counts

    def _reported_by(self, chunk: Chunk, tok: Token, start: int, end: int, seg: Segment) -> str | None:
        for q in self.analysis.quotes:
            if q.content_start <= start and end <= q.content_end and q.speaker:
                return q.speaker
        # "X said (that) ... attacked": the subject of the speech verb the clause hangs under
        node = tok
        for _ in range(6):
            if node.head is node:
                break
            dep, node = node.dep_, node.head
            if (node.lemma_.lower() in _SPEECH and dep in {"ccomp", "parataxis", "advcl", "conj"}) or \
                    (node.lemma_.lower() in _SPEECH and dep == "ccomp"):
                subj = next((c for c in node.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
                if subj is not None and subj.pos_ != "PRON":
                    actor = self._actor_in(chunk, subj) or self._source_actor(chunk, subj)
                    if actor is not None:
                        return actor
                break
        for t in tok.sent:
            if t.lower_ == "according" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to":
                pobj = next((g for g in t.doc[t.i + 1].children if g.dep_ == "pobj"), None)
                if pobj is not None:
                    actor = self._actor_in(chunk, pobj)
                    if actor is not None:
                        return actor
        doc = self.analysis.document
        if seg.author:
            return self.analysis.add_actor(seg.author, type="person", local=True)
        outlet = seg.outlet or doc.outlet
        if outlet:
            return self.analysis.add_actor(outlet, type="media", local=True)
        if doc.author:
            return self.analysis.add_actor(doc.author, type="person", local=True)
        return None

    def _acled(self, trig: Trigger, info: ActionInfo, actor1: str | None, actor2: str | None, mode: str | None,
               tok: Token) -> tuple[str, str]:
        v = info.variants
        a1 = self.analysis.actor(actor1)
        a2 = self.analysis.actor(actor2)
        if mode == "suicide" or any(c.lower_ == "suicide" for c in tok.children):
            return "Explosions/Remote violence", "Suicide bomb"
        if mode == "shelling":
            return "Explosions/Remote violence", "Shelling/artillery/missile attack"
        if mode == "abduction" and "abduction" in v:
            return v["abduction"]
        if a2 is not None and a2.type == "civilians" and "civilian" in v:
            return v["civilian"]
        if trig.action == "CAPTURE_TERRITORY" and a1 is not None:
            state = a1.type in {"state_force", "government"} or any(
                w in a1.canonical.lower().split() for w in _STATE_WORDS)
            key = "state" if state else "nonstate"
            if key in v:
                return v[key]
        if trig.action == "DEPLOY/REINFORCE" and any(c.lemma_.lower() == "base" for c in tok.subtree) and "base" in v:
            return v["base"]
        return info.acled


class _MentionIndex:
    """Mentions of one kind sorted by offset, for range look-ups without scanning them all."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.items = sorted(mentions, key=lambda m: m.char_start)
        self.starts = [m.char_start for m in self.items]

    def inside(self, start: int, end: int) -> list[Mention]:
        i = bisect.bisect_left(self.starts, start)
        out = []
        while i < len(self.items) and self.items[i].char_start < end:
            if self.items[i].char_end <= end:
                out.append(self.items[i])
            i += 1
        return out

    def overlapping(self, start: int, end: int) -> list[Mention]:
        # mentions are short: one that overlaps [start, end) starts at most 80 characters before it
        i = bisect.bisect_left(self.starts, start - 80)
        out = []
        while i < len(self.items) and self.items[i].char_start < end:
            m = self.items[i]
            if m.char_end > start:
                out.append(m)
            i += 1
        return out


class _MultiIndex(dict[int, Trigger]):
    """Multi-word noun triggers by their head token index, with the spans they cover."""

    def __init__(self) -> None:
        super().__init__()
        self.values_spans: list[tuple[int, int]] = []

    def covers(self, i: int) -> bool:
        return any(s <= i < e for s, e in self.values_spans)


def _speech_head(tok: Token) -> str:
    node = tok
    for _ in range(4):
        if node.head is node:
            return ""
        dep, node = node.dep_, node.head
        if dep in {"ccomp", "xcomp"} and node.lemma_.lower() in _SPEECH | {"allege"}:
            return node.lemma_.lower()
    return ""


def _strip_det(name: str) -> str:
    name = name.strip(" \"'“”‘’")
    return re.sub(r"^(?:the|a|an|these|those|this|that|some)\s+", "", name, flags=re.IGNORECASE)


def _precision(iso: str) -> str:
    if "W" in iso:
        return "week"
    return {4: "year", 7: "month"}.get(len(iso), "day")


def _place_precision(feature: str | None) -> str:
    if feature == "country":
        return "country"
    if feature in {"admin1", "region"}:
        return "admin1"
    if feature == "admin2":
        return "admin2"
    return "point"


def extract_events(analysis: Analysis) -> None:
    """Append one Event per clause that states a conflict action."""
    if not analysis.chunks:
        return
    EventBuilder(analysis).run()

