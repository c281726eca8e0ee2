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
import datetime
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import yaml

from fogofwar.extract.factuality import factuality_of
from fogofwar.models import Actor, Analysis, Chunk, Event, Mention, Quote, Segment
from fogofwar.resolve.actors import actor_at, anchor_actor, byline_actor
from fogofwar.resolve.time import inferred_reference

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
_GROUP_TYPES = frozenset({"state_force", "armed_group", "government", "international_org", "organisation"})
_FIGHT_PLOVER = frozenset({"ASSAULT", "RETREAT", "MOBILIZE", "FIGHT"})
_PLACE_PREPS = frozenset({"in", "at", "inside", "across", "throughout", "within", "near", "into", "from", "over",
                          "around", "outside", "through", "to", "towards", "toward", "of", "on"})
# a place name modifying what a government says or promises ("Damascus promises of a truce") names the state
_STATE_UTTERANCES = frozenset({"promise", "pledge", "statement", "claim", "demand", "proposal", "offer", "assurance",
                               "announcement", "accusation", "denial", "ultimatum", "narrative", "propaganda"})
# "one route west to Idlib": a place reached in a compass direction is where something leads, not where it is
_COMPASS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
                      "northward", "southward", "eastward", "westward", "northwards", "southwards", "eastwards",
                      "westwards"})
_SETTLEMENT_NOUNS = frozenset({"city", "town", "village", "district", "neighbourhood", "neighborhood"})
# clause links that join two reports side by side ("X was shelled, while Y was bombed") like "and" does
_CONTRAST_MARKS = frozenset({"while", "whereas"})
# features wider than a settlement: a named town inside one of them is the more precise place of an event
_COARSE = frozenset({"country", "continent", "admin1", "region", "water"})
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
# "prompting the Syrians to retake": with these verbs the object, not the subject, does the infinitive
_CONTROL_OBJ = frozenset({"prompt", "force", "allow", "order", "urge", "help", "push", "enable", "lead", "cause",
                          "ask", "tell", "encourage", "compel", "oblige", "permit", "instruct", "command", "pressure",
                          "persuade", "convince", "send", "use", "authorize", "authorise"})
# verbs whose subject reports, suffers or opposes the event named by their object, rather than doing it
_NOT_AGENT_HEADS = frozenset({
    "say", "tell", "report", "claim", "announce", "state", "confirm", "allege", "write", "note", "describe", "deny",
    "condemn", "denounce", "criticise", "criticize", "blame", "witness", "see", "watch", "monitor", "document",
    "investigate", "fear", "expect", "predict", "survive", "suffer", "face", "resist", "repel", "repulse", "flee",
    "escape", "stop", "prevent", "halt", "end", "oppose", "mark", "welcome", "reject", "call", "demand", "urge",
    "avoid", "miss", "cover", "show", "reveal", "discuss", "need", "want", "comment"})
# event nouns in "engaged in a campaign", "took part in the offensive": the verb's subject is the agent
_IN_AGENT_HEADS = frozenset({"engage", "participate", "take", "join", "involve", "succeed", "lead", "persist"})
# bare group nouns the resolver leaves alone; in an event clause they point back at the last actor of that kind
_HOSTILE_NOUNS = frozenset({"terrorist", "militant", "jihadist", "jihadi", "insurgent", "extremist", "enemy",
                            "gunman", "jihadis", "jihadists", "terrorists", "militants"})
_FORCE_NOUNS = frozenset({"soldier", "troop", "troops", "army", "commander", "officer", "serviceman", "military"})
# a modifier that says which side a generic noun belongs to ("an army unit", "government gains", "terrorist
# rocket attacks"): the state's forces or the armed group the story is about
_STATE_SIDE = frozenset({"army", "government", "regime", "military", "troop", "soldier", "loyalist"})
_GROUP_SIDE = _HOSTILE_NOUNS | {"rebel", "rebels", "insurgent", "insurgents"}
# weapons only irregular groups use: whoever set them off is an armed group, never the state force the story
# followed up to here ("attacked by six suicide car bombs", "booby traps")
_IRREGULAR_WEAPONS = frozenset({"suicide", "booby", "ied", "ieds", "vbied", "vbieds", "car-bomb", "car-bombs"})
# verb triggers whose object noun is what they are about ("halted all airstrikes", "warned of an attack")
_CONTENT_VERBS = frozenset({"CEASEFIRE/PAUSE", "NEGOTIATE/AGREE", "THREATEN/WARN", "ACCUSE", "PROTEST"})
# nouns of these actions move or equip their own side: their "of" phrase is the doer
_SELF_MOVING = frozenset({"DEPLOY/REINFORCE", "WITHDRAW", "DISPLACE/FLEE"})
# speech acts: their doer is whoever voices them
_VOICED = frozenset({"ACCUSE", "THREATEN/WARN"})
_VOICE_VERBS = _SPEECH | {"comment", "stress", "argue", "charge", "remark", "assert", "emphasise", "emphasize"}
_ANTECEDENT_WINDOW = 1500  # characters back to look for the actor a pronoun or bare noun points to
_HEADLINE_REACH = 1500  # characters after a headline in which its story's event is looked for


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
    or_prt: tuple[str, ...] = ()
    anchor: frozenset[str] = frozenset()
    past: bool = False
    national: bool = False


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
    adjectives: dict[str, Trigger] = field(default_factory=dict)
    metaphor_objects: frozenset[str] = frozenset()


def _trigger(key: str, raw: dict[str, Any]) -> Trigger:
    mode = raw.get("mode")
    return Trigger(
        key=key, action=str(raw["action"]), mode=str(mode) if mode else None,
        context=bool(raw.get("context", False)), subject=str(raw.get("subject", "actor1")),
        prt=tuple(str(x) for x in raw.get("prt") or []),
        objects=tuple(str(x) for x in raw.get("objects") or []),
        or_prt=tuple(str(x) for x in raw.get("or_prt") or []),
        anchor=frozenset(str(x) for x in raw.get("anchor") or []),
        past=bool(raw.get("past", False)),
        national=bool(raw.get("national", False)),
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
                   frozenset(str(x).lower() for x in raw.get("actor_nouns") or []),
                   {str(k): _trigger(str(k), v) for k, v in (raw.get("adjectives") or {}).items()},
                   frozenset(str(x).lower() for x in raw.get("metaphor_objects") or []))


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
    town: str | None = None  # the last settlement named: what "the city" refers back to
    # (action, noun) of the event nouns already reported in this segment
    named: set[tuple[str, str]] = field(default_factory=set)


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
        self._state_places = self._places_as_states()
        self.ctx = _Context()
        towns = Counter(m.ref for m in places if not self._is_country(m) and not self._metonymic(m))
        self.seg_topic: dict[str, str | None] = {}
        self._ents_cache: dict[int, tuple[Doc, list[Span], dict[int, list[Span]]]] = {}
        # explicit agents of the events so far, per segment id ("" = whole document)
        self.agents: defaultdict[str, Counter[str]] = defaultdict(Counter)
        self.doc_topic: str | None = towns.most_common(1)[0][0] if towns else None
        self._headline_at: tuple[tuple[int, int], bool] = ((0, -1), False)
        self._countries: dict[str, str] | None = None
        self._main_group: str | None = None
        self._orphans: list[Event] = []
        # events of headline paragraphs without a date (or place) of their own, with "place is borrowed"
        self._headlines: list[tuple[Event, bool]] = []
        # (story start, offset, actor id) of the last named force a quote was attributed to
        self._last_force: tuple[int, int, str] = (-1, -1, "")
        self._bylines: dict[str, str | None] = {}  # segment id -> the actor its byline names
        self._inferred_ref: str | None = None  # "" once looked up and not found

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

    def _places_as_states(self) -> set[int]:
        """Offsets of place names that modify what a state says ("Damascus promises of a truce"): the
        government, not where anything happens nor the place later sentences go on about. (A capital as
        the subject of a speech verb is already an actor mention.)"""
        out: set[int] = set()
        for chunk in self.analysis.chunks:
            for m in self.places.inside(chunk.start, chunk.start + len(chunk.doc.text)):
                span = chunk.doc.char_span(m.char_start - chunk.start, m.char_end - chunk.start,
                                           alignment_mode="expand")
                if span is None:
                    continue
                root = span.root
                if root.dep_ == "compound" and root.head.lemma_.lower() in _STATE_UTTERANCES:
                    out.add(m.char_start)
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
        low = tok.lower_
        pos = chunk.start + tok.idx
        if low in {"we", "our"} or tok.text == "us" or any(c.dep_ == "poss" and c.lower_ == "our"
                                                           for c in tok.children):
            # "we"/"our forces" inside a quote is the speaker's side
            speaker = self._speaker_at(pos)
            if speaker is not None:
                return speaker
        if (low in _PRONOUNS and tok.text != "US") or tok.pos_ == "PRON":
            if low in {"he", "she", "him", "her", "his"}:
                return self._antecedent(chunk, pos, {"person"})
            if low in {"they", "them", "their", "it", "its", "who", "which", "that"}:
                return self._antecedent(chunk, pos, _GROUP_TYPES) or self.ctx.actor1
            return None
        s, e = _np_bounds(tok)
        start, end = chunk.start + s, chunk.start + e
        first = self._first_conjunct_force(chunk, tok)
        if first is not None:
            return first
        found = self.actors.inside(start, end) or self.actors.overlapping(start, end)
        if found:
            return found[0].ref
        if self.places.inside(start, end):
            return None  # a place named as the object ("retook Nimrud") is not an actor
        lemma = tok.lemma_.lower()
        generic = lemma in self.lex.actor_nouns or low in self.lex.actor_nouns or lemma in _HOSTILE_NOUNS
        if generic:
            # "militants of the Nusra Front", "a unit from Assad regime forces", "an army unit": a generic
            # noun is a member of the force its phrase or its modifier names, not an actor of its own
            owner = self._owner_named(chunk, tok)
            if owner is None:
                owner = next((side for c in tok.children if c.dep_ in {"compound", "amod"} and c.i < tok.i
                              and (c.lemma_.lower() in _STATE_SIDE | _GROUP_SIDE or c.lower_ in _GROUP_SIDE)
                              and (side := self._side_of_word(chunk, c)) is not None), None)
            if owner is not None:
                # the noun phrase (without its article) names that force here: it is one of its mentions
                first_word = min(t.idx for t in _span_tokens(tok, _CLAUSAL | {"prep", "det", "predet"}))
                return anchor_actor(self.analysis, owner, chunk.start + first_word, end)
        if self.has_actor_mentions and (lemma in _HOSTILE_NOUNS or low in _HOSTILE_NOUNS):
            # "terrorists", "the enemy" with no armed group named before them in this segment: the armed
            # group the whole document is about, rather than one named in an earlier story of the page
            back = self._antecedent(chunk, pos, frozenset({"armed_group"}))
            if back is None and chunk.segment.kind != "comment":
                back = self._main_armed_group()
            if back is not None:
                return back
        if self.has_actor_mentions and (lemma in _FORCE_NOUNS or low in _FORCE_NOUNS) \
                and not any(c.dep_ in {"amod", "compound", "poss"} for c in tok.children):
            # "the commander" of a report pasted under an article may have been named just before it
            back = self._antecedent(chunk, pos, frozenset({"state_force"})) or \
                self._antecedent(chunk, pos, frozenset({"state_force"}), cross=True)
            if back is not None:
                return back
        return self._local_actor(chunk, tok)

    def _owner_named(self, chunk: Chunk, tok: Token) -> str | None:
        """The force an "of"/"from" phrase of a generic noun names ("fighters from the Nusra Front")."""
        for c in tok.children:
            if c.dep_ != "prep" or c.lower_ not in {"of", "from"}:
                continue
            for g in c.children:
                if g.dep_ != "pobj":
                    continue
                b0, b1 = _np_bounds(g)
                for m in self.actors.inside(chunk.start + b0, chunk.start + b1):
                    actor = self.analysis.actor(m.ref)
                    if actor is not None and actor.type in _GROUP_TYPES | {"state_force", "armed_group"}:
                        return actor.id
        return None

    def _side_of_word(self, chunk: Chunk, word: Token) -> str | None:
        """The side a one-word modifier names: "government"/"army"/"regime" the state force of the story
        (of the country it happens in when several are named), "terrorist"/"rebel" its armed group."""
        pos = chunk.start + word.idx
        found = self.actors.overlapping(pos, pos + len(word))
        if found:
            return found[0].ref
        doc = word.doc
        if not self.has_actor_mentions or (word.i > 0 and doc[word.i - 1].text == "-") or \
                (word.i + 1 < len(doc) and doc[word.i + 1].text == "-"):
            return None  # "anti-government protests", "regime-held areas": the word names no doer
        lemma = word.lemma_.lower()
        if lemma in _STATE_SIDE or word.lower_ in _STATE_SIDE:
            place = self.analysis.place(self.ctx.place or self._topic_place(chunk))
            country = place.country if place is not None else None
            return self._antecedent(chunk, pos, frozenset({"state_force"}), cross=True, country=country) \
                or self._country_forces(country, pos, pos + len(word))
        if lemma in _GROUP_SIDE or word.lower_ in _GROUP_SIDE:
            back = self._antecedent(chunk, pos, frozenset({"armed_group"}))
            if back is None and chunk.segment.kind != "comment":
                back = self._main_armed_group()
            return back
        return None

    def _country_forces(self, country: str | None, start: int, end: int) -> str | None:
        """The state force of a country, from the actor table, with the words at [start, end) as its mention."""
        if not country:
            return None
        from fogofwar.resolve.actor_table import actor_table

        entry = actor_table().forces_of(country)
        if entry is None:
            return None
        aid = self.analysis.add_actor(entry.canonical, type=entry.type, country=entry.country,
                                      wikidata=entry.wikidata, parent=entry.parent)
        return anchor_actor(self.analysis, aid, start, end)

    def _first_conjunct_force(self, chunk: Chunk, tok: Token) -> str | None:
        """ "Russian and Syrian jets": the first demonym's force, which the resolver (reading the last
        demonym with the noun) leaves unnamed; the doer is the side named first, as event coders take it."""
        demonym = next((c for c in tok.children if c.dep_ == "amod" and c.ent_type_ == "NORP" and c.i < tok.i
                        and any(g.dep_ == "conj" for g in c.children)), None)
        if demonym is None:
            return None
        pos = chunk.start + demonym.idx
        found = self.actors.overlapping(pos, pos + len(demonym))
        if found:
            return found[0].ref
        from fogofwar.resolve.actor_table import actor_table

        table = actor_table()
        noun = {tok.lower_, tok.lemma_.lower()}
        group = next((g for g, nouns in table.force_nouns if noun & {n.lower() for n in nouns}), None)
        if group is None:
            return None
        for d in table.demonym_forces:
            if demonym.text in d.demonyms:
                entry = table.get(d.target(group))
                if entry is None:
                    return None
                aid = self.analysis.add_actor(entry.canonical, type=entry.type, country=entry.country,
                                              wikidata=entry.wikidata, parent=entry.parent)
                return anchor_actor(self.analysis, aid, pos, pos + len(demonym))
        return None

    def _antecedent(self, chunk: Chunk, pos: int, types: frozenset[str] | set[str],
                    cross: bool = False, country: str | None = None) -> str | None:
        """The last actor of one of these types named before pos in the same segment, not too far back
        (with ``cross``, also in the segments before it, back to the last comment: a reader's comment
        starts a new voice, an article's updates and pasted reports continue the story). With ``country``,
        one of that country wins over a nearer foreign one ("government" in a story of Syria)."""
        items, starts = self.actors.items, self.actors.starts
        i = bisect.bisect_left(starts, pos) - 1
        floor = max(chunk.segment.char_start, pos - _ANTECEDENT_WINDOW)
        if cross and chunk.segment.kind != "comment":
            floor = max(self._story_start(chunk.segment), pos - _ANTECEDENT_WINDOW)
        nearest = None
        while i >= 0 and items[i].char_start >= floor:
            actor = self.analysis.actor(items[i].ref)
            if actor is not None and actor.type in types:
                if country is None or actor.country == country:
                    return actor.id
                nearest = nearest or actor.id
            i -= 1
        return nearest

    def _voice(self, chunk: Chunk, tok: Token) -> str | None:
        """Who voices the clause at tok: the quoted speaker, or the subject of the speech verb (or of the
        verb whose "with" phrase holds it) that the clause hangs under; never the page's author."""
        speaker = self._speaker_at(chunk.start + tok.idx)
        if speaker is not None:
            return speaker
        node, with_seen = tok, False
        for _ in range(6):
            if node.head is node:
                return None
            dep, node = node.dep_, node.head
            if dep == "pobj" and node.lower_ == "with":
                with_seen = True
            if node.pos_ == "VERB" and (node.lemma_.lower() in _VOICE_VERBS or with_seen):
                subj = _subject_child(node) or _inherited_subject(node)
                if subj is None or subj.lower_ in _PRONOUNS:
                    return None
                return self._organisation_of(self._actor_in(chunk, subj))
        return None

    def _story_start(self, seg: Segment) -> int:
        """Where the run of non-comment segments that ends with seg begins."""
        start = seg.char_start
        for other in sorted(self.analysis.segments, key=lambda x: x.char_start, reverse=True):
            if other.char_start >= seg.char_start:
                continue
            if other.kind in {"comment", "page_chrome"}:
                break
            start = other.char_start
        return start

    def _main_armed_group(self) -> str | None:
        """The armed group (not a state force) the document names most."""
        if self._main_group is None:
            counts: Counter[str] = Counter()
            for m in self.actors.items:
                actor = self.analysis.actor(m.ref)
                if actor is not None and actor.type == "armed_group" and not actor.local:
                    counts[actor.id] += 1
            self._main_group = counts.most_common(1)[0][0] if counts else ""
        return self._main_group or None

    def _speaker_at(self, pos: int) -> str | None:
        for q in self.analysis.quotes:
            if q.content_start <= pos < q.content_end and q.speaker:
                return self._organisation_of(q.speaker)
        return None

    def _organisation_of(self, actor_id: str | None) -> str | None:
        """A known person acts for the organisation or state the actor table gives as their parent."""
        actor = self.analysis.actor(actor_id)
        if actor is None or actor.type != "person" or actor.local or not actor.parent:
            return actor_id
        from fogofwar.resolve.actor_table import actor_table

        entry = actor_table().get(actor.parent)
        if entry is None:
            return actor_id
        named = {m.ref for m in self.analysis.mentions if m.kind == "actor"}
        parent = next((a.id for a in self.analysis.actors if a.canonical == entry.canonical and a.id in named), None)
        if parent is not None:
            return parent
        # an organisation the text never names comes from the person's name: that is its span
        person = next((m for m in self.analysis.mentions if m.kind == "actor" and m.ref == actor.id), None)
        if person is None:
            return actor_id
        parent = self.analysis.add_actor(entry.canonical, type=entry.type, country=entry.country,
                                         wikidata=entry.wikidata, parent=entry.parent)
        return anchor_actor(self.analysis, parent, person.char_start, person.char_end)

    def _ents_of(self, doc: Doc) -> tuple[list[Span], dict[int, list[Span]]]:
        """A paragraph's entities and, by the index of the token each one hangs from, computed once."""
        cached = self._ents_cache.get(id(doc))
        if cached is None or cached[0] is not doc:
            ents = list(doc.ents)
            by_head: dict[int, list[Span]] = {}
            for e in ents:
                by_head.setdefault(e.root.head.i, []).append(e)
            cached = (doc, ents, by_head)
            self._ents_cache[id(doc)] = cached
        return cached[1], cached[2]

    def _local_actor(self, chunk: Chunk, tok: Token) -> str | None:
        """A document-local actor for a phrase no mention covers, with the phrase as its mention."""
        doc = chunk.doc
        lemma = tok.lemma_.lower()
        # the noun with its own modifiers ("Sunni Arab civilians", "Iraqi Apache helicopters"), no numbers
        toks = sorted((t for t in _span_tokens(tok, _CLAUSAL | {"prep", "det", "nummod", "quantmod", "poss"})),
                      key=lambda t: t.i)
        words = (chunk.start + toks[0].idx, chunk.start + tok.idx + len(tok))
        if lemma in _CIVILIAN_WORDS:
            return actor_at(self.analysis, *words, "civilians", reuse=False, type="civilians")
        all_ents, by_head = self._ents_of(doc)
        ents = [e for e in all_ents if e.start <= tok.i < e.end] if tok.ent_type_ else []
        near = by_head.get(tok.i, [])
        ents += [e for e in near if e.label_ == "NORP" and e not in ents]
        ents += [e for e in near if e.label_ in {"ORG", "GPE", "PERSON"} and e not in ents]
        military = lemma in self.lex.actor_nouns or tok.lower_ in self.lex.actor_nouns
        if ents:
            ent = ents[0]
            if ent.label_ not in {"ORG", "GPE", "NORP", "PERSON"}:
                return None
            joined = ent.label_ == "NORP" and military and tok.i >= ent.end
            name = f"{ent.text} {tok.text}" if joined else ent.text
            end = tok.idx + len(tok) if joined else ent.end_char
            kind = {"PERSON": "person", "GPE": "government", "ORG": "organisation"}.get(ent.label_, "armed_group")
            return actor_at(self.analysis, chunk.start + ent.start_char, chunk.start + end, _strip_det(name),
                            reuse=False, known=True, type=kind)
        if military or tok.pos_ == "PROPN":
            name = " ".join(t.text for t in toks if t.i <= tok.i)
            return actor_at(self.analysis, *words, _strip_det(name), reuse=False, known=True,
                            type="armed_group" if military else "unknown")
        return None

    def _source_actor(self, chunk: Chunk, tok: Token) -> str | None:
        """Whoever is named as a source ("the general said", "residents said") is an actor here."""
        if tok.pos_ not in {"NOUN", "PROPN"}:
            return None
        s, e = _np_bounds(tok)
        name = _strip_det(chunk.text[s:e])
        if not name:
            return None
        kind = "civilians" if tok.lemma_.lower() in _CIVILIAN_WORDS else "person"
        return actor_at(self.analysis, chunk.start + s, chunk.start + e, name, reuse=False, type=kind)

    def _place_for(self, chunk: Chunk, span: tuple[int, int], sent: Span, trigger: Token,
                   prefer: list[Token], avoid: list[tuple[int, int]], clause_only: bool = False) -> Mention | None:
        def usable(ms: list[Mention]) -> list[Mention]:
            # a place named as the acting side ("Syria and Russia are working", "Moscow said", "Iraq's
            # request") is not where it happens, nor is one only pointed at ("a route west to Idlib")
            return [m for m in ms if not any(a <= m.char_start < b for a, b in avoid) and not self._metonymic(m)
                    and (not self._is_country(m) or self._locative(chunk, m)) and not self._pointed_at(chunk, m)]

        for tok in prefer:
            s, e = _np_bounds(tok)
            near = usable(self.places.inside(chunk.start + s, chunk.start + e))
            if near:
                return min(near, key=lambda m: (self._holds_another(m, near), self._dateline_place(m)))
        inside = usable(self.places.inside(span[0], span[1]))
        if inside or clause_only:
            return min(inside, key=lambda m: (self._holds_another(m, inside), self._dateline_place(m))) \
                if inside else None
        # a place of a clause set beside this one with a subject of its own ("troops retook Nimrud, and
        # jets hit 17 targets") is that clause's: this one takes the place the story is at
        in_sent = [m for m in usable(self.places.inside(chunk.start + sent.start_char, chunk.start + sent.end_char))
                   if not self._other_clause(chunk, trigger, m)]
        if in_sent:
            # the trigger's own phrase ("warned that the plan may be carried out in Mosul") before the rest of
            # the sentence, a town before a country, then the nearest
            pos = chunk.start + trigger.idx
            return min(in_sent, key=lambda m: (self._holds_another(m, in_sent), not self._own(chunk, trigger, m),
                                               self._is_country(m), self._dateline_place(m),
                                               abs(m.char_start - pos)))
        return None

    @staticmethod
    def _own(chunk: Chunk, trigger: Token, m: Mention) -> bool:
        """Whether m lies in the trigger's own phrase, not in a relative clause about something in it ("the
        village which borders the Golan Heights")."""
        span = chunk.doc.char_span(m.char_start - chunk.start, m.char_end - chunk.start, alignment_mode="expand")
        if span is None or not trigger.is_ancestor(span.root):
            return False
        node = span.root
        while node.i != trigger.i:
            if node.dep_ in {"relcl", "acl"}:
                return False
            node = node.head
        return True

    def _holds_another(self, m: Mention, cands: list[Mention]) -> bool:
        """A country, province, region or river with a named town of the candidates inside it: the town is
        the more precise place, as in human-coded event data ("in Azaz, Aleppo Governorate" -> Azaz)."""
        outer = self.analysis.place(m.ref)
        if outer is None or outer.feature not in _COARSE:
            return False
        for c in cands:
            inner = self.analysis.place(c.ref)
            if inner is None or inner.id == outer.id or inner.feature in {"country", "continent"} \
                    or self._dateline_place(c):
                continue
            if outer.feature == "water" and inner.feature not in _COARSE and inner.country == outer.country:
                return True  # a river is where an event is measured from, the town beside it is where it is
            if outer.country and inner.country == outer.country and (
                    outer.feature == "country" or (outer.feature == "admin1" and inner.feature != "admin1"
                                                   and inner.admin1 == outer.admin1)):
                return True
        return False

    def _pointed_at(self, chunk: Chunk, m: Mention) -> bool:
        """A place reached in a compass direction ("one corridor west to Idlib") is where a route leads."""
        span = chunk.doc.char_span(m.char_start - chunk.start, m.char_end - chunk.start, alignment_mode="expand")
        if span is None:
            return False
        root = span.root
        return root.dep_ == "pobj" and root.head.lower_ in {"to", "towards", "toward"} \
            and root.head.head.lower_ in _COMPASS

    @staticmethod
    def _clause_head(tok: Token) -> Token:
        """The nearest word, tok or above it, that heads a clause with a subject of its own."""
        node = tok
        while True:
            if any(c.dep_ in {"nsubj", "nsubjpass", "expl", "csubj"} for c in node.children):
                return node
            if node.head.i == node.i:
                return node
            node = node.head

    def _other_clause(self, chunk: Chunk, trigger: Token, m: Mention) -> bool:
        """Whether m lies in a clause that has its own subject and stands beside the trigger's (joined by
        "and", "while") rather than around it ("In Aleppo, rebels said jets bombed ...") or under it."""
        span = chunk.doc.char_span(m.char_start - chunk.start, m.char_end - chunk.start, alignment_mode="expand")
        if span is None:
            return False
        here, there = self._clause_head(trigger), self._clause_head(span.root)
        if here.i == there.i:
            return False
        if m.char_start > chunk.start + trigger.idx and here.is_ancestor(there) and \
                any(t.dep_ == "prep" for t in span.root.ancestors if there.is_ancestor(t)):
            # a phrase closing a run of joined clauses is read with all of them ("9 were killed and 15
            # wounded in the strikes on Baqouz")
            return False
        if here.is_ancestor(there):
            return self._beside(there, here)
        if there.is_ancestor(here):
            return self._beside(here, there)
        top = next((t for t in here.ancestors if t.is_ancestor(there)), None)
        return top is not None and self._beside(here, top) and self._beside(there, top)

    @staticmethod
    def _beside(low: Token, high: Token) -> bool:
        """Whether the path from low up to high is only coordination ("and", "while" clauses)."""
        node = low
        while node.i != high.i and node.head.i != node.i:
            contrast = node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _CONTRAST_MARKS
                                                    for c in node.children)
            if node.dep_ != "conj" and not contrast:
                return False
            node = node.head
        return node.i == high.i

    def _names_the_town(self, chunk: Chunk, start: int, end: int) -> bool:
        """Whether the clause says "the city" / "this town" without naming one."""
        doc = chunk.doc
        span = doc.char_span(start - chunk.start, end - chunk.start, alignment_mode="expand")
        if span is None:
            return False
        return any(t.lemma_.lower() in _SETTLEMENT_NOUNS and t.pos_ == "NOUN"
                   and any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in t.children)
                   and not any(c.dep_ in {"compound", "prep", "poss"} for c in t.children)
                   for t in span)

    def _locative(self, chunk: Chunk, m: Mention) -> bool:
        """A country is where something happens only after a place preposition ("in Syria"); elsewhere
        ("the U.S. broke the truce", "the US air attacks") it names the state."""
        span = chunk.doc.char_span(m.char_start - chunk.start, m.char_end - chunk.start, alignment_mode="expand")
        if span is None:
            return False
        root = span.root
        while root.dep_ == "conj" and root.head is not root:
            root = root.head
        if root.dep_ != "pobj" or root.head.lower_ not in _PLACE_PREPS:
            return False
        # "the response to the U.S.", "the view of Russia": only a verb's "to"/"of"/"on" reaches a place
        return root.head.lower_ not in {"to", "of", "on"} or root.head.head.pos_ == "VERB"

    def _metonymic(self, m: Mention) -> bool:
        if m.char_start in self._state_places or self.actors.overlapping(m.char_start, m.char_end):
            return True
        return m.char_end < len(self.analysis.document.text) and \
            self.analysis.document.text[m.char_end:m.char_end + 2] in {"'s", "’s"}

    def _refine(self, place: str | None) -> str | None:
        """A country is replaced by the topic town when the town lies in it: the more precise place wins."""
        here = self.analysis.place(place)
        topic = self.analysis.place(self.ctx.place)
        if here is None or topic is None or here.feature not in {"country", "continent"}:
            return place
        if topic.feature not in {"country", "continent"} and topic.country and topic.country == here.country:
            return topic.id
        return place

    def _country_of(self, place_id: str | None) -> str | None:
        """The country a place lies in, when the document names that country; else the place itself."""
        here = self.analysis.place(place_id)
        if here is None or not here.country or here.feature in {"country", "continent"}:
            return place_id
        if self._countries is None:
            self._countries = {}
            for p in self.analysis.places:
                if p.feature == "country" and p.country:
                    self._countries.setdefault(p.country, p.id)
        return self._countries.get(here.country, place_id)

    def _topic_place(self, chunk: Chunk) -> str | None:
        """The place a segment is about before it names one here: the first town it names, else the town
        the document names most."""
        seg = chunk.segment
        if seg.id not in self.seg_topic:
            towns = [m for m in self.places.inside(seg.char_start, seg.char_end)
                     if not self._is_country(m) and not self._metonymic(m)]
            first = next((m for m in towns if not self._dateline_place(m)), towns[0] if towns else None)
            self.seg_topic[seg.id] = first.ref if first is not None else None
        return self.seg_topic[seg.id] or self.doc_topic

    def _dateline_place(self, m: Mention) -> bool:
        """A wire dateline's city ("BEIRUT A Russian air strike ...", "Apr 042017 AMMAN ...") is where the
        report was filed: the event's place only when its text names no other."""
        if len(m.text) < 3 or not m.text.isupper():
            return False
        text = self.analysis.document.text
        before = text[max(0, m.char_start - 40):m.char_start].rstrip(" \t")
        if not before.strip() or before.endswith(("\n", ".", "--", "|")):
            return True
        return any(d.char_end >= m.char_start - 2 for d in self.dates.inside(m.char_start - 40, m.char_start))

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
            # the export contract knows day/week/month/year only; coarser ("century") falls back to the ISO form
            if prec not in {"day", "week", "month", "year"}:
                prec = _precision(m.ref)
            return _calendar(m.ref), str(prec), False
        published = seg.published or a.document.published or self._inferred_reference()
        if published:
            return published, _precision(published), True
        return None, None, True

    def _inferred_reference(self) -> str | None:
        """A page without a publication date is dated, like its relative dates ("on Tuesday"), by its first
        full date: the date line of a page whose headline comes before it."""
        if self._inferred_ref is None:
            ref = inferred_reference(self.analysis.document.text)
            self._inferred_ref = ref.isoformat() if ref else ""
        return self._inferred_ref or None

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
                    if not is_verb and tok.head.i in taken and tok.dep_ in {"dobj", "attr"} \
                            and self._same_kind(tok.head, trig):
                        continue
                    event = self._build(chunk, sent, tok, trig, is_verb)
                    if event is not None:
                        taken.add(tok.i)
                        self.analysis.events.append(event)
                self._advance_context(chunk, sent)
        self._speech_acts()
        for ev in self._orphans:
            # an agentless clause before the story names any fighting side ("the advance is continuing"
            # in a lead): the side the segment, else the document, goes on to name most as agent
            cand = self._protagonist(ev.segment)
            if cand is not None and cand != ev.actor2:
                ev.actor1 = cand
        self.analysis.events.sort(key=lambda e: e.char_start)
        self._headlines_from_story()
        for i, ev in enumerate(self.analysis.events, 1):
            ev.id = f"e{i}"

    # -- speech acts in quotes ------------------------------------------------
    def _speech_acts(self) -> None:
        """Accusations and threats voiced in quotes (direct or indirect): the speaker does them, on the
        day of the speech. The clause must itself accuse or threaten; most reported speech does neither."""
        quotes = [q for q in self.analysis.quotes if q.speaker]
        if not quotes:
            return
        cues = speech_cues()
        chunks = sorted(self.analysis.chunks, key=lambda c: c.start)
        starts = [c.start for c in chunks]
        voiced = [(e.char_start, e.char_end) for e in self.analysis.events if e.action in _VOICED]
        for q in quotes:
            i = bisect.bisect_right(starts, q.content_start) - 1
            if i < 0:
                continue
            chunk = chunks[i]
            if chunk.segment.kind == "page_chrome":
                continue
            side: str | None = None
            for sent in chunk.doc.sents:
                s0, s1 = chunk.start + sent.start_char, chunk.start + sent.end_char
                if s1 <= q.content_start or s0 >= q.content_end:
                    continue
                done: set[str] = set()
                for tok in sent:
                    if not q.content_start <= chunk.start + tok.idx < q.content_end:
                        continue
                    if side is None:
                        side = self._speaker_side(chunk, q.speaker, q.char_start) or ""
                    found = self._speech_act(chunk, tok, side or None, cues)
                    if found is None or found[0] in done:
                        continue
                    event = self._speech_event(chunk, sent, tok, q, side or None, found[0], found[1], voiced)
                    if event is not None:
                        done.add(found[0])
                        voiced.append((event.char_start, event.char_end))
                        self.analysis.events.append(event)

    def _speaker_side(self, chunk: Chunk, speaker: str | None, pos: int) -> str | None:
        """The side a speaker speaks for: a known person's organisation; "a senior field commander" or
        "the army" the resolver left unnamed is the state force the story last named."""
        actor_id = self._organisation_of(speaker)
        actor = self.analysis.actor(actor_id)
        if actor is None:
            return actor_id
        words = actor.canonical.lower().split()
        if (actor.local or actor.type == "unknown") and words and \
                (words[-1] in _FORCE_NOUNS or words[-1] in {"commander", "general", "spokesman", "officer",
                                                            "statement"}):
            # the force whose statements the story has been quoting, else the last force it named
            story, last_pos, last_side = self._last_force
            if last_side and pos - last_pos <= _ANTECEDENT_WINDOW and story == self._story_key(chunk):
                return last_side
            return self._antecedent(chunk, pos, frozenset({"state_force"}), cross=True) or actor_id
        if actor.type == "state_force" and not actor.local:
            self._last_force = (self._story_key(chunk), pos, actor.id)
        return actor_id

    def _story_key(self, chunk: Chunk) -> int:
        """Segments of one story (an article and its updates, not a reader's comment) share a key."""
        seg = chunk.segment
        return seg.char_start if seg.kind == "comment" else self._story_start(seg)

    def _speech_act(self, chunk: Chunk, tok: Token, side: str | None,
                    cues: SpeechCues) -> tuple[str, str | None] | None:
        """(action, actor2) when the clause headed by tok accuses someone or threatens, else None."""
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in cues.accuse_objects and tok.dep_ == "dobj" \
                and tok.head.lemma_.lower() in _VOICE_VERBS:
            # "stressed Washington's inability to ...": the accusation is the speech verb's object
            owner = next((c for c in tok.children if c.dep_ == "poss"), None)
            target = self._actor_in(chunk, owner) if owner is not None else None
            return ("ACCUSE", target) if target is not None and target != side else None
        if tok.pos_ not in {"VERB", "AUX"} or tok.dep_ not in {"ROOT", "ccomp", "conj", "parataxis"}:
            return None
        lemma = _lemma(tok)
        head = tok
        while head.dep_ == "conj" and head.head is not head:
            head = head.head
        subj = next((c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}), None) or \
            next((c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        auxes = [c for c in tok.children if c.dep_ == "aux"] or [c for c in head.children if c.dep_ == "aux"]
        modal = any(a.lower_ in _MODALS or a.lemma_.lower() in _MODALS for a in auxes)
        neg = any(c.dep_ == "neg" for c in tok.children)
        passive = any(c.dep_ == "auxpass" for c in tok.children)
        objs = [c for c in tok.children if c.dep_ in {"dobj", "attr", "xcomp", "ccomp", "acomp", "oprd"}]
        lemmas = {lemma} | {_lemma(c) for c in objs}
        lemmas |= {_lemma(g) for c in objs if c.dep_ in {"xcomp", "ccomp"} for g in c.children if g.dep_ == "dobj"}
        first = subj is not None and subj.lower_ in _FIRST_PERSON
        subj_actor = None if subj is None or first else self._actor_in(chunk, subj)
        own_side = first or (subj_actor is not None and subj_actor == side)
        target = next((self._actor_in(chunk, c) for c in objs if c.dep_ == "dobj"), None)
        if target is None:
            # "will not allow the US to implement": the object of the controlled verb
            target = next((self._actor_in(chunk, g) for c in objs if c.dep_ in {"xcomp", "ccomp"}
                           for g in c.children if g.dep_ == "nsubj"), None)
        if modal:
            if passive and lemma in cues.threat_passive:
                return "THREATEN/WARN", None
            if lemma in {"regret", "pay"} and not own_side and not passive:
                return "THREATEN/WARN", subj_actor
            if own_side and (lemma in cues.threat_verbs or (neg and lemma in cues.threat_negated)
                             or (lemma in cues.threat_take and any(_lemma(c) in cues.threat_take_objects
                                                                   for c in objs))):
                return "THREATEN/WARN", target
            if own_side:
                return None
        if lemma in cues.warn_verbs and not own_side and not neg:
            harms = [c for c in objs if c.dep_ == "dobj"]
            harms += [g for h in harms for g in h.conjuncts]
            if any(h.lemma_.lower() in cues.warn_harms for h in harms):
                return "THREATEN/WARN", None
        if subj_actor is None or subj_actor == side or neg:
            return None
        actor = self.analysis.actor(subj_actor)
        if actor is None or actor.type in {"civilians", "media"}:
            return None
        if lemmas & cues.accuse_strong:
            return "ACCUSE", subj_actor
        if lemmas & cues.accuse_weak and self._hostile_in(chunk, tok, cues):
            return "ACCUSE", subj_actor
        return None

    def _hostile_in(self, chunk: Chunk, tok: Token, cues: SpeechCues) -> bool:
        """Does the clause name an armed group or a hostile word ("safe passage to Daesh", "the plot")?"""
        sent = tok.sent
        sub = [t for t in tok.subtree if sent.start <= t.i < sent.end and t.dep_ not in {"relcl", "advcl"}]
        if any(t.lemma_.lower() in cues.hostile or t.lower_ in cues.hostile for t in sub):
            return True
        lo = chunk.start + min(t.idx for t in sub)
        hi = chunk.start + max(t.idx + len(t) for t in sub)
        for m in self.actors.inside(lo, hi):
            actor = self.analysis.actor(m.ref)
            if actor is not None and actor.type == "armed_group":
                return True
        return False

    def _speech_event(self, chunk: Chunk, sent: Span, tok: Token, q: Quote, side: str | None, action: str,
                      actor2: str | None, voiced: list[tuple[int, int]]) -> Event | None:
        content = self._clause_tokens(tok, tok.pos_ != "NOUN")
        c0 = chunk.start + content[0].idx
        c1 = chunk.start + content[-1].idx + len(content[-1])
        start, end = max(c0, q.content_start), min(c1, q.content_end)
        speech = self._speech_verb(tok, q, chunk)
        if speech is not None:
            # "the army claims the US is ...": the speaker and the speech verb belong to the event
            toks = [speech] + [c for c in speech.children if c.dep_ == "nsubj"]
            lo = min([t.idx for t in toks] + [content[0].idx])
            hi = max([t.idx + len(t) for t in toks] + [content[-1].idx + len(content[-1])])
            n = sum(1 for t in sent if lo <= t.idx < hi)
            if n <= _SPEECH_SPAN_TOKENS:
                start, end = chunk.start + lo, chunk.start + hi
            elif action == "THREATEN/WARN" and tok.lemma_.lower() in speech_cues().warn_verbs:
                # a long warning about others: the speaker's statement is the act
                sp = _span_tokens(speech, _CLAUSAL | {"ccomp"})
                start = chunk.start + min(t.idx for t in sp)
                end = chunk.start + max(t.idx + len(t) for t in sp)
        if end <= start or any(a < end and start < b for a, b in voiced):
            return None  # the trigger lexicon already read this speech act ("complained that", "warned")
        seg = chunk.segment
        date, precision, inferred = self._speech_date(chunk, q, seg)
        avoid = []
        subj = next((c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass", "poss"}), None)
        if subj is not None:
            b0, b1 = _np_bounds(subj)
            avoid.append((chunk.start + b0, chunk.start + b1))
        place_m = self._place_for(chunk, (c0, c1), sent, tok, [], avoid)
        place = self._refine(place_m.ref) if place_m is not None else self._topic_place(chunk)
        place_obj = self.analysis.place(place)
        info = self.lex.actions.get(action) or self.lex.actions["OTHER"]
        if actor2 == side:
            actor2 = None
        return Event(
            id="", type=info.plover, mode=info.mode, acled_event_type=info.acled[0],
            acled_sub_event_type=info.acled[1], char_start=start, char_end=end, segment=seg.id, actor1=side,
            actor2=actor2, place=place, date=date, date_precision=precision, date_inferred=inferred,
            place_precision=_place_precision(place_obj.feature if place_obj else None) if place else None,
            counts={}, reported_by=q.speaker, factuality="asserted",
            confidence=0.5 if place_m is None else 0.6, trigger=tok.text, action=action,
        )

    @staticmethod
    def _speech_verb(tok: Token, q: Quote, chunk: Chunk) -> Token | None:
        """The verb of saying the content clause hangs under, in the same sentence."""
        node = tok
        for _ in range(6):
            if node.head is node:
                return None
            node = node.head
            if not q.content_start <= chunk.start + node.idx < q.content_end:
                return node if node.pos_ in {"VERB", "AUX"} else None
        return None

    def _speech_date(self, chunk: Chunk, q: Quote, seg: Segment) -> tuple[str | None, str | None, bool]:
        """The date of the speech: a date of the attribution ("said on Tuesday", "in a speech last week")
        in the sentences around the quote, else the quote's own date, else the publication date."""
        found: list[Mention] = []
        for sent in chunk.doc.sents:
            s0, s1 = chunk.start + sent.start_char, chunk.start + sent.end_char
            if s0 <= q.content_start < s1 or s0 < q.content_end <= s1 or s0 <= q.char_start < s1:
                found += [m for m in self.dates.inside(s0, s1)
                          if not q.content_start <= m.char_start < q.content_end]
        if found:
            m = min(found, key=lambda m: min(abs(m.char_start - q.content_start), abs(m.char_start - q.content_end)))
            prec = m.detail.get("precision")
            if prec not in {"day", "week", "month", "year"}:
                prec = _precision(m.ref)
            return _calendar(m.ref), str(prec), False
        published = seg.published or self.analysis.document.published or self._inferred_reference()
        if q.date:
            return q.date, _precision(q.date), q.date == published
        if published:
            return published, _precision(published), True
        return None, None, True

    def _headlines_from_story(self) -> None:
        """A headline ("Army's advance slows") reports the event the story under it tells: it takes that
        event's date and, when it names no place of its own, its place."""
        events = self.analysis.events
        starts = [e.char_start for e in events]
        for head, borrow_place in self._headlines:
            i = bisect.bisect_right(starts, head.char_end)
            while i < len(events) and events[i].char_start - head.char_end <= _HEADLINE_REACH:
                ev = events[i]
                i += 1
                if ev.segment != head.segment or ev.type != head.type or ev.date_inferred:
                    continue
                if head.date_inferred:
                    head.date, head.date_precision = ev.date, ev.date_precision
                if borrow_place and ev.place is not None:
                    head.place, head.place_precision = ev.place, ev.place_precision
                break

    def _advance_context(self, chunk: Chunk, sent: Span) -> None:
        places = [m for m in self.places.inside(chunk.start + sent.start_char, chunk.start + sent.end_char)
                  if not self._metonymic(m) and (not self._is_country(m) or self._locative(chunk, m))
                  and not self._pointed_at(chunk, m)]
        towns = [m for m in places if not self._is_country(m)]
        settlements = [m for m in towns if (p := self.analysis.place(m.ref)) is not None and p.feature not in _COARSE]
        if settlements:
            self.ctx.town = settlements[-1].ref
        if towns:
            self.ctx.place = towns[-1].ref
        elif places and self._refine(places[-1].ref) == places[-1].ref:
            # a country replaces the topic only when the topic town is not inside it
            self.ctx.place = places[-1].ref

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
        if tok.pos_ == "PROPN" and tok.is_title and self._headline(tok.sent):
            # a title-case headline ("Commanders Fleeing From Mosul", "Op to Retake Mosul") is tagged as
            # one long name: read its words by their lower-case forms
            return self._headline_trigger(tok)
        if tok.pos_ == "VERB" and tok.dep_ not in {"amod", "compound"}:
            trig = self.lex.verbs.get(_lemma(tok))
            if trig is not None:
                return trig, True
        if tok.pos_ == "ADJ" and tok.dep_ == "acomp":
            trig = self.lex.adjectives.get(tok.lower_)
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
        if is_verb and trig.past and tok.tag_ not in {"VBD", "VBN"} and not self._headline(sent):
            return None
        if trig.action == "NEGOTIATE/AGREE" and is_verb and any(c.dep_ == "nsubj" and c.lower_ in {"i", "you"}
                                                                for c in children):
            return None  # "I agree", "you agree": a reader's opinion, not a deal
        lull = not is_verb and trig.action in FAMILY_FIGHT and _none_of(tok)
        if lull:
            # "jets haven't conducted any airstrikes in 24 hours", "no shelling was reported": a lull
            trig = Trigger(key=trig.key, action="CEASEFIRE/PAUSE", mode="ceasefire", strength=0.5)
        dobj = next((c for c in children if c.dep_ == "dobj"), None)
        nsubj = next((c for c in children if c.dep_ == "nsubj"), None)
        nsubjpass = next((c for c in children if c.dep_ == "nsubjpass"), None)
        agent = next((g for c in children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
        if agent is None and is_verb and tok.tag_ in {"VBG", "VBN"}:
            # "shelling of the town by terrorists": spaCy attaches a gerund's agent as a plain preposition
            agent = next((g for c in children if c.dep_ == "prep" and c.lower_ == "by"
                          for g in c.children if g.dep_ == "pobj"), None)
        if is_verb and trig.context and dobj is not None and dobj.lemma_.lower() in lex.metaphor_objects:
            return None  # "hit a record low", "strike a deal": an idiom of the ambiguous verb
        if is_verb and trig.action == "SUPPLY/ARM" and tok.tag_ == "VBN" and tok.dep_ in {"acl", "amod"} \
                and agent is None:
            return None  # "vehicles armed with machine guns" describes the vehicles; nobody arms anyone here
        obj = dobj or nsubjpass
        if obj is not None and obj.lower_ in {"yourself", "myself", "himself", "herself", "itself", "themselves",
                                              "ourselves"}:
            return None
        if trig.objects and not any(c.dep_ == "prt" and c.lower_ in trig.or_prt for c in children):
            heads = [obj] + [g for c in obj.children if c.dep_ == "prep" for g in c.children] if obj else []
            if not any(h.lemma_.lower() in trig.objects or h.lower_ in trig.objects for h in heads):
                return None
        if trig.anchor and not self._anchored(chunk, tok, trig):
            return None
        if not is_verb:
            key = (trig.action, tok.lemma_.lower())
            if key in self.ctx.named and _bare(tok):
                # "the ceasefire", "the fighting" again: the event the segment already reported
                return None
            self.ctx.named.add(key)
        span_toks = self._clause_tokens(tok, is_verb)
        # a listed object ("sent his men") already makes the verb military; a noun's own phrase
        # ("the operation to take Mosul") and its possessor ("their intervention") count as its clause
        if trig.context and not trig.objects and not self._has_context(chunk, span_toks) and \
                (is_verb or not self._noun_context(chunk, tok)):
            return None
        s0 = min(t.idx for t in span_toks)
        s1 = max(t.idx + len(t) for t in span_toks)
        start, end = chunk.start + s0, chunk.start + s1
        seg = chunk.segment

        # roles
        subj_tok = nsubj
        if subj_tok is None and is_verb and tok.tag_ == "VBG" and tok.dep_ == "dobj":
            # "the militants have intensified shelling": a gerund object is done by the verb's subject
            subj_tok = _governing_agent(tok)
        if subj_tok is None and is_verb and nsubjpass is None and tok.dep_ not in {"relcl", "acl"}:
            subj_tok = _inherited_subject(tok)
        if subj_tok is None and is_verb and tok.dep_ in {"relcl", "acl"} and tok.head.pos_ in {"NOUN", "PROPN"}:
            subj_tok = tok.head
        if subj_tok is not None and subj_tok.lower_ in {"who", "which", "that"} and tok.dep_ == "relcl":
            subj_tok = tok.head
        reduced_passive = False
        if is_verb and tok.dep_ == "acl" and tok.tag_ == "VBN" and obj is None:
            # "rebels driven from their territory": the noun a passive participle modifies is its object
            obj, subj_tok, reduced_passive = tok.head, None, True
        actor1 = actor2 = None
        if is_verb:
            if subj_tok is not None:
                actor1 = self._actor_in(chunk, subj_tok)
                if actor1 is None and self._is_event_word(subj_tok):
                    # "an airstrike by the coalition killed 9": the agent of the event that is the subject
                    actor1 = self._noun_roles(chunk, subj_tok)[0] or self._by_agent(chunk, subj_tok)
                if actor1 is None and subj_tok.pos_ in {"NOUN", "PROPN"}:
                    # "a shell belonging to opposition forces struck": the owner named inside the subject
                    actor1 = self._owner_in(chunk, subj_tok, tok)
            if agent is not None:
                actor1 = self._actor_in(chunk, agent)
            if obj is not None:
                actor2 = self._actor_in(chunk, obj)
            if actor1 is None and agent is None and (nsubjpass is not None or reduced_passive):
                # "11 people were killed in the US air attacks": the doer of the event that killed them
                actor1 = self._in_event_agent(chunk, tok)
            if actor1 is None and subj_tok is None and agent is None and nsubjpass is None and not reduced_passive:
                # (the noun a reduced passive modifies, just before it, is its object, not its subject)
                actor1 = self._surface_subject(chunk, tok)
            if trig.subject == "actor2" and nsubj is not None:
                actor1, actor2 = None, actor1
        else:
            actor1, actor2 = self._noun_roles(chunk, tok)
            if actor1 is None and actor2 is not None and trig.action in _SELF_MOVING:
                # "the withdrawal of US troops", "the refitting of the army": "of" names the movers
                actor1, actor2 = actor2, None
            if actor1 is None:
                doer = _governing_agent(tok)
                if doer is not None:
                    actor1 = self._actor_in(chunk, doer)
                elif tok.dep_ == "dobj" and tok.head.lemma_.lower() not in _NOT_AGENT_HEADS:
                    actor1 = self._surface_subject(chunk, tok.head)
        actor1 = self._organisation_of(actor1)
        if actor1 is not None and actor1 == actor2:
            actor2 = None
        explicit_actor = actor1 is not None
        info = lex.actions.get(trig.action) or lex.actions["OTHER"]
        irregular = actor1 is None and info.plover in _FIGHT_PLOVER and \
            self._irregular_weapon(tok if not is_verb else None, subj_tok, agent)
        if irregular:
            # a suicide or car bomb is an armed group's: the one the segment named last, else left unnamed
            # rather than given to the side the story was following
            actor1 = self._antecedent(chunk, chunk.start + tok.idx, frozenset({"armed_group"}))
        # a generic mention ("the war", "the attack") and a passive capture with no agent ("Mosul will be
        # liberated") name no side: carrying the last side over would guess, and for a capture would pick
        # the side that loses the place
        generic = (not is_verb and _bare(tok)) or (is_verb and nsubjpass is not None
                                                   and trig.action == "CAPTURE_TERRITORY") \
            or (is_verb and subj_tok is not None and self._is_event_word(subj_tok) and _bare(subj_tok))
        if actor1 is None and not generic and not irregular and trig.subject != "actor2" \
                and trig.action != "DISPLACE/FLEE" and info.plover in _FIGHT_PLOVER:
            # the clause names no agent ("the offensive goes on", "It has stalled"): the side the narrative
            # follows, i.e. the last fighting side named, else the side the segment (document) names most
            for cand in (self.ctx.actor1, self._protagonist(seg.id)):
                side = self.analysis.actor(cand)
                # civilians are who the fighting happens to, never the side it is carried over to
                if cand is not None and cand != actor2 and (side is None or side.type != "civilians"):
                    actor1 = cand
                    break
        if actor1 is None and trig.action in _VOICED:
            # a warning or an accusation is done by whoever voices it ("X commented ... with a stern
            # warning", "Noting that Y are accomplices, the commander warned")
            actor1 = self._voice(chunk, tok)

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
        if trig.action in {"WITHDRAW", "DISPLACE/FLEE"}:
            # where they fled from (or the topic place) is the event's place, not where they went
            dest = [g for c in children if c.dep_ == "prep" and c.lower_ in {"to", "towards", "toward", "into"}
                    for g in c.children if g.dep_ == "pobj"]
            prefer = [p for p in prefer if p not in dest]
            for d in dest:
                b0, b1 = _np_bounds(d)
                avoid.append((chunk.start + b0, chunk.start + b1))
        if not is_verb:
            avoid.extend((chunk.start + c.idx, chunk.start + c.idx + len(c)) for c in children
                         if c.dep_ in {"poss", "amod"} or (c.dep_ == "compound" and c.ent_type_ == "NORP"))
        if trig.national and not is_verb:
            # a truce, a deal, an intervention is the country's: only a place of its own clause ("the
            # intervention in Syria", "the corridor along X") is more precise than the story's country
            place_m = self._place_for(chunk, (start, end), sent, tok, prefer, avoid, clause_only=True)
            place = place_m.ref if place_m is not None else \
                self._country_of(self.ctx.place or self._topic_place(chunk))
        else:
            place_m = self._place_for(chunk, (start, end), sent, tok, prefer, avoid)
            place = self._refine(place_m.ref) if place_m is not None else None
        if place_m is None and self.ctx.town is not None and self._names_the_town(chunk, start, end):
            place = self.ctx.town  # "operations in the city": the town last named, not a country since
        if place_m is None and any(t.lower_ == "elsewhere" for t in span_toks + children):
            # "gains elsewhere": not at the place the story is at, somewhere in its country
            place = self._country_of(place or self.ctx.place or self._topic_place(chunk))
        if place is None:
            place = self.ctx.place or self._topic_place(chunk)
        if place is not None and self.ctx.place is None:
            self.ctx.place = place

        date, date_precision, inferred = self._date_for(chunk, (start, end), sent, tok, seg)
        factuality = "asserted" if lull else factuality_of(tok, sent)
        counts = self._counts(tok, trig, obj, dobj, nsubjpass, sent)
        reported_by = self._reported_by(chunk, tok, start, end, seg)
        if reported_by is not None and factuality == "asserted" and _speech_head(tok) in {"claim", "allege"}:
            factuality = "hedged"

        mode = trig.mode or info.mode
        acled = self._acled(trig, info, actor1, actor2, mode, tok)
        place_obj = self.analysis.place(place)
        conf = trig.strength + (0.1 if explicit_actor else 0.0) + (0.1 if place_m is not None else 0.0)
        conf -= {"asserted": 0.0, "hedged": 0.15, "hypothetical": 0.3, "predicted": 0.3, "denied": 0.3}[factuality]
        a1 = self.analysis.actor(actor1)
        if explicit_actor and a1 is not None and self._carries_over(a1) \
                and info.plover in _FIGHT_PLOVER:
            # only the fighting side carries over to the next agentless clause ("20 civilians were killed")
            self.ctx.actor1 = actor1
        if explicit_actor and a1 is not None and self._carries_over(a1) and info.plover in {"ASSAULT", "FIGHT"}:
            # the protagonist is the side that attacks, not the one that flees or moves troops
            self.agents[seg.id][a1.id] += 1
            self.agents[""][a1.id] += 1
        orphan = actor1 is None and not (generic and is_verb) and not irregular and trig.subject != "actor2" \
            and trig.action != "DISPLACE/FLEE" and info.plover in _FIGHT_PLOVER
        event = Event(
            id="", type=info.plover, mode=mode, acled_event_type=acled[0], acled_sub_event_type=acled[1],
            char_start=start, char_end=end, segment=seg.id, actor1=actor1, actor2=actor2, place=place,
            date=date, date_precision=date_precision, date_inferred=inferred,
            place_precision=_place_precision(place_obj.feature if place_obj else None) if place else None,
            counts=counts, reported_by=reported_by, factuality=factuality,
            confidence=round(max(0.05, min(0.95, conf)), 2), trigger=tok.text, action=trig.action,
        )
        if orphan:
            self._orphans.append(event)
        if (inferred or place_m is None) and _headline_chunk(chunk):
            self._headlines.append((event, place_m is None))
        return event

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

    def _headline(self, sent: Span) -> bool:
        key = (id(sent.doc), sent.start)
        if self._headline_at[0] != key:
            self._headline_at = (key, _headline_key(sent.text))
        return self._headline_at[1]

    def _headline_trigger(self, tok: Token) -> tuple[Trigger | None, bool]:
        low = tok.lower_
        for stem in _verb_stems(low):
            lemma = self.lex.irregular.get(stem, stem)
            trig = self.lex.verbs.get(lemma)
            if trig is not None and not trig.context and not trig.objects and not trig.prt:
                return trig, True
        trig = self.lex.nouns.get(low) or self.lex.nouns.get(low[:-1] if low.endswith("s") else low)
        if trig is not None and not trig.context and not trig.anchor:
            return trig, False
        return None, False

    def _noun_context(self, chunk: Chunk, tok: Token) -> bool:
        if any(c.dep_ == "poss" for c in tok.children):
            return True
        sent = tok.sent
        sub = [t for t in tok.subtree if sent.start <= t.i < sent.end]
        if len(sub) > _MAX_SPAN_TOKENS * 2:
            return False
        return self._has_context(chunk, sub)

    def _anchored(self, chunk: Chunk, tok: Token, trig: Trigger) -> bool:
        """A broad noun ("war") is an event when a verb of its course governs it ("the war continued",
        "waged war") or its own phrase says where or between whom ("the war in Yemen")."""
        if tok.dep_ in {"nsubj", "nsubjpass", "dobj"} and _lemma(tok.head) in trig.anchor:
            return True
        for c in tok.children:
            if c.dep_ != "prep":
                continue
            if c.lower_ == "between":
                return True
            for g in c.children:
                if g.dep_ == "pobj" and c.lower_ in {"in", "on", "against", "with"}:
                    s0, s1 = _np_bounds(g)
                    if self.places.inside(chunk.start + s0, chunk.start + s1) or \
                            self.actors.inside(chunk.start + s0, chunk.start + s1):
                        return True
        return False

    def _same_kind(self, verb: Token, trig: Trigger) -> bool:
        """Is the noun trigger the same kind of event as the verb trigger it is the object of ("fought a
        battle") rather than a second event ("leaving the siege", "lifted the siege")?"""
        vt = self.lex.verbs.get(_lemma(verb))
        if vt is None:
            return True
        fight = frozenset({"ASSAULT"})
        a = self.lex.actions.get(vt.action)
        b = self.lex.actions.get(trig.action)
        if a is None or b is None or vt.action in _CONTENT_VERBS:
            return True
        return a.plover == b.plover or (a.plover in fight and b.plover in fight)

    def _protagonist(self, seg_id: str) -> str | None:
        for key in (seg_id, ""):
            counts = self.agents.get(key)
            if counts:
                return counts.most_common(1)[0][0]
        return None

    def _surface_subject(self, chunk: Chunk, verb: Token) -> str | None:
        """An actor named just before a verb the parser left without subject ("IS launched", read as
        "is"): walk left over auxiliaries, particles and adverbs only."""
        doc = verb.doc
        lo = max(verb.sent.start, verb.i - 6)
        for i in range(verb.i - 1, lo - 1, -1):
            t = doc[i]
            pos = chunk.start + t.idx
            found = self.actors.overlapping(pos, pos + len(t))
            if found:
                return found[0].ref
            if t.pos_ not in {"AUX", "PART", "ADV", "ADJ"} and t.lower_ != "to":
                return None
        return None

    def _carries_over(self, actor: Actor) -> bool:
        """Only a fighting side the resolver knows carries over (without resolver, any armed noun does)."""
        if not self.has_actor_mentions:
            return actor.type not in {"civilians", "person", "media"}
        return actor.type in {"state_force", "armed_group"} or (actor.type in _GROUP_TYPES and not actor.local)

    def _is_event_word(self, tok: Token) -> bool:
        lemma = tok.lemma_.lower()
        return lemma in self.lex.nouns or tok.lower_ in self.lex.nouns or \
            (tok.tag_ == "VBG" and _lemma(tok) in self.lex.verbs)

    def _owner_in(self, chunk: Chunk, subj: Token, trigger: Token) -> str | None:
        """An actor attached to a non-actor subject by a participle or "of"/"from" phrase ("a shell
        belonging to opposition forces", "a rocket fired by rebels", "fire from government positions").
        The trigger itself is skipped: "a blast killed 16 people" parsed as a reduced relative must not
        make its victims the owner of the blast."""
        for c in subj.children:
            if c.i == trigger.i:
                continue
            if c.dep_ == "acl" or (c.dep_ == "prep" and c.lower_ in {"of", "from", "by"}):
                for t in c.subtree:
                    if t.pos_ in {"NOUN", "PROPN"} and t.dep_ in {"pobj", "dobj", "agent"}:
                        found = self._actor_in(chunk, t)
                        if found is not None:
                            return found
        return None

    def _in_event_agent(self, chunk: Chunk, verb: Token) -> str | None:
        """The doer of the event a passive names as its circumstance: "killed in the US air attacks",
        "wounded in ISIS shelling", "injured in terrorist rocket attacks"."""
        for c in verb.children:
            if c.dep_ != "prep" or c.lower_ != "in":
                continue
            for g in c.children:
                if g.dep_ == "pobj" and self._is_event_word(g):
                    found = self._noun_roles(chunk, g)[0] or self._by_agent(chunk, g)
                    if found is not None:
                        return found
        return None

    @staticmethod
    def _irregular_weapon(noun: Token | None, *roles: Token | None) -> bool:
        """Does the event noun, its subject or its agent name a weapon of irregular groups ("suicide car
        bombs", "booby traps", "a suicide bomber", "IEDs")?"""
        toks: list[Token] = []
        if noun is not None:
            toks.extend(c for c in noun.children if c.dep_ in {"compound", "amod", "nmod"})
            toks.append(noun)
        for role in roles:
            if role is not None:
                toks.extend(_span_tokens(role))
                toks.extend(t for c in role.conjuncts for t in _span_tokens(c))
        for t in toks:
            low = t.lower_
            nxt = t.doc[t.i + 1].lemma_.lower() if t.i + 1 < len(t.doc) else ""
            if low in _IRREGULAR_WEAPONS or (low == "car" and nxt in {"bomb", "bombing", "bomber"}):
                return True
        return False

    def _by_agent(self, chunk: Chunk, tok: Token) -> str | None:
        for c in tok.children:
            if c.dep_ in {"prep", "agent"} and c.lower_ == "by":
                pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if pobj is not None:
                    return self._actor_in(chunk, pobj)
        return None

    def _state_named(self, chunk: Chunk, tok: Token) -> str | None:
        """A country named as the modifier of an event noun ("the US air attacks") is the state acting."""
        pos = chunk.start + tok.idx
        for m in self.places.overlapping(pos, pos + len(tok)):
            place = self.analysis.place(m.ref)
            if place is None or place.feature != "country" or not place.country:
                continue
            from fogofwar.resolve.actor_table import actor_table

            entry = actor_table().country_actor(place.country)
            if entry is not None:
                # the country's name is the words that name the state here: its mention as an actor too
                aid = self.analysis.add_actor(entry.canonical, type=entry.type, country=entry.country,
                                              wikidata=entry.wikidata, parent=entry.parent)
                return anchor_actor(self.analysis, aid, m.char_start, m.char_end)
        return None

    def _noun_roles(self, chunk: Chunk, tok: Token) -> tuple[str | None, str | None]:
        actor1 = actor2 = None
        for child in tok.children:
            if child.dep_ == "poss" or (child.dep_ in {"amod", "compound", "nmod"} and child.i < tok.i
                                        and (child.ent_type_ in {"NORP", "GPE", "ORG"} or child.pos_ == "PROPN")):
                actor1 = actor1 or self._actor_in(chunk, child) or self._state_named(chunk, child)
            elif child.dep_ in {"amod", "compound"} and child.i < tok.i and \
                    (child.lemma_.lower() in _STATE_SIDE | _GROUP_SIDE or child.lower_ in _GROUP_SIDE):
                # "government gains", "army airstrikes", "terrorist rocket attacks"
                actor1 = actor1 or self._side_of_word(chunk, child)
            elif child.dep_ == "prep":
                pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
                if pobj is None:
                    continue
                if child.lower_ == "by":
                    actor1 = self._actor_in(chunk, pobj) or actor1
                elif child.lower_ == "between":
                    # "the wars between X and Y": the sides in the order named
                    other = next((g for g in pobj.children if g.dep_ == "conj"), None)
                    actor1 = actor1 or self._actor_in(chunk, pobj)
                    actor2 = actor2 or (self._actor_in(chunk, other) if other is not None else None)
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
        if seg.id not in self._bylines:
            doc = self.analysis.document
            self._bylines[seg.id] = byline_actor(self.analysis, seg.author, seg, type="person") \
                or byline_actor(self.analysis, seg.outlet or doc.outlet, None, type="media") \
                or byline_actor(self.analysis, doc.author, None, type="person")
        return self._bylines[seg.id]

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



# ---------------------------------------------------------------- speech acts in quotes

@dataclass(frozen=True, slots=True)
class SpeechCues:
    accuse_strong: frozenset[str]
    accuse_weak: frozenset[str]
    hostile: frozenset[str]
    accuse_objects: frozenset[str]
    threat_verbs: frozenset[str]
    threat_negated: frozenset[str]
    threat_take: frozenset[str]
    threat_take_objects: frozenset[str]
    threat_passive: frozenset[str]
    warn_verbs: frozenset[str]
    warn_harms: frozenset[str]


@lru_cache(maxsize=1)
def speech_cues() -> SpeechCues:
    base = resources.files("fogofwar.data").joinpath("events")
    raw = yaml.safe_load(base.joinpath("speech.yaml").read_text("utf-8"))

    def words(*path: str) -> frozenset[str]:
        node: Any = raw
        for key in path:
            node = node.get(key) or {}
        return frozenset(str(x).lower() for x in node or [])

    return SpeechCues(
        accuse_strong=words("accuse", "strong"), accuse_weak=words("accuse", "weak"),
        hostile=words("accuse", "hostile"), accuse_objects=words("accuse_objects"),
        threat_verbs=words("threaten", "verbs"), threat_negated=words("threaten", "negated"),
        threat_take=words("threaten", "take"), threat_take_objects=words("threaten", "take_objects"),
        threat_passive=words("threaten", "passive"), warn_verbs=words("warn", "verbs"),
        warn_harms=words("warn", "harms"))


_MODALS = frozenset({"will", "would", "shall", "'ll", "wo"})
_FIRST_PERSON = frozenset({"we", "i", "us"})
_SPEECH_SPAN_TOKENS = 40


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


_BARE_MODIFIERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "previous", "last", "latest",
                             "current", "same", "ongoing", "recent", "whole", "entire", "such"})


def _bare(tok: Token) -> bool:
    """A mention with nothing of its own: no doer, target, place, number or time of its own."""
    return all(c.is_punct or (c.dep_ in {"det", "amod", "predet"} and c.lower_ in _BARE_MODIFIERS)
               for c in tok.children)


def _none_of(tok: Token) -> bool:
    """The noun is quantified away: "no airstrikes", "not any shelling", "haven't conducted any raids"."""
    dets = {c.lower_ for c in tok.children if c.dep_ == "det"}
    if "no" in dets:
        return True
    if "any" not in dets:
        return False
    head = tok.head
    return tok.dep_ in {"dobj", "nsubjpass"} and any(c.dep_ == "neg" for c in head.children)


def _verb_stems(low: str) -> list[str]:
    """Candidate lemmas of an inflected verb form, for words the tagger did not read as verbs."""
    out = [low]
    for suffix, repl in (("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("es", ""), ("s", ""), ("d", "")):
        if low.endswith(suffix) and len(low) - len(suffix) >= 3:
            stem = low[: -len(suffix)] + repl
            out.append(stem)
            if repl == "" and len(stem) > 3 and stem[-1] == stem[-2]:
                out.append(stem[:-1])  # "shelled"/"shelling" -> shell; "mapped" -> map
    return out


def _headline_key(text: str) -> bool:
    words = [w for w in text.split() if w[:1].isalpha()]
    if len(words) < 3:
        return False
    small = {"a", "an", "the", "of", "to", "in", "on", "at", "for", "from", "and", "or", "by", "with", "as", "amid"}
    caps = sum(1 for w in words if w[0].isupper())
    content = [w for w in words if w.lower() not in small]
    return bool(content) and caps >= 0.8 * len(content) and caps >= 3


def _headline_chunk(chunk: Chunk) -> bool:
    """A paragraph that reads as a headline: one short line with no closing punctuation."""
    text = chunk.text.strip()
    if not text or "\n" in text or text[-1] in ".!?:;,\"'”’)" or len(text.split()) > 14:
        return False
    return sum(1 for _ in chunk.doc.sents) == 1


def _subject_child(node: Token, passive: bool = False) -> Token | None:
    deps = {"nsubj", "nsubjpass"} if passive else {"nsubj"}
    subj = next((c for c in node.children if c.dep_ in deps), None)
    if subj is None:
        agent = next((c for c in node.children if c.dep_ == "agent"), None)
        if agent is not None:
            subj = next((g for g in agent.children if g.dep_ == "pobj"), None)
    return subj


def _inherited_subject(tok: Token) -> Token | None:
    """The doer of a verb with no subject of its own: "X worked hard to capture", "X succeeded in driving",
    "X was able to capture", "X seized ... but pulled back", "prompting X to retake"."""
    node = tok
    for _ in range(5):
        dep, head = node.dep_, node.head
        if head is node or dep not in {"xcomp", "advcl", "conj", "pcomp", "prep", "acomp", "oprd"}:
            return None
        if dep == "xcomp" and head.lemma_.lower() in _CONTROL_OBJ:
            ctrl = next((c for c in head.children if c.dep_ == "dobj"), None)
            if ctrl is not None:
                return ctrl
        # "were forced to withdraw": the passive subject of the controlling verb does the infinitive
        subj = _subject_child(head, passive=dep in {"xcomp", "acomp"})
        if subj is not None:
            return subj
        node = head
    return None


def _governing_agent(tok: Token) -> Token | None:
    """Who does an event noun that is the object of a verb: "IS launched an offensive", "they ordered
    a withdrawal", "engaged in a campaign"."""
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ == "in" and head.head.lemma_.lower() in _IN_AGENT_HEADS:
        verb = head.head
    elif tok.dep_ in {"dobj", "conj"} and head.pos_ in {"VERB", "AUX"}:
        if tok.dep_ == "conj":
            return None
        verb = head
    else:
        return None
    if verb.lemma_.lower() in _NOT_AGENT_HEADS:
        return None
    return _subject_child(verb) or _inherited_subject(verb)


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


_ISO_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


def _calendar(iso: str) -> str:
    """An event's date as a calendar date, as event datasets give it: an ISO week ("2016-W41") becomes
    its Monday ("2016-10-10"), its precision staying "week"."""
    m = _ISO_WEEK.match(iso)
    if m is None:
        return iso
    try:
        return datetime.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1).isoformat()
    except ValueError:
        return iso


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

