"""Actor resolution: every name of a force, group, government or person -> one canonical actor.

REQUIRES: analysis.chunks (spaCy paragraphs). ASSIGNS: analysis.actors, mentions[kind=actor].

Candidates come from, in order of trust: the actor table's aliases (spaCy PhraseMatcher, built once
per vocabulary), "<demonym> <force noun>" phrases, state names and capitals in agent position,
people nouns ("the Russians"), generic group nouns resolved by the document's theatre ("rebels",
"the coalition", "Kurdish fighters"), definite anaphora ("the group") and finally spaCy's ORG and
PERSON entities, which become document-local actors when the table does not know them. Overlaps
are settled longest-first, so "Iraqi security forces" wins over "Iraqi".
"""

from __future__ import annotations

import bisect
import logging
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

from fogofwar.models import Analysis, Mention, Segment
from fogofwar.resolve.actor_table import ActorTable, actor_table
from fogofwar.resolve.names import fold, strip_accents

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from spacy.matcher import Matcher, PhraseMatcher
    from spacy.tokens import Doc, Token
    from spacy.vocab import Vocab

CandKind = Literal["alias", "demonym", "people", "metonym", "country", "generic", "anaphor", "ent"]
# Longer spans win; among equal spans the more trusted source wins. "Iraqi army" is read as the
# demonym rule reads "Iraqi forces": the press uses the two for the same forces.
_PRIORITY: dict[str, int] = {"alias": 6, "demonym": 7, "country": 5, "people": 4, "metonym": 4,
                             "generic": 3, "anaphor": 2, "ent": 1}

# Words between a demonym and its force noun: "Iraqi special forces", "Russian fighter jets".
_FORCE_MODIFIERS = [
    "security", "special", "armed", "ground", "government", "regular", "elite", "military", "air", "naval",
    "federal", "fighter", "border", "defence", "defense", "allied", "counter", "terrorism", "counter-terrorism",
    "counterterrorism", "intelligence", "army", "helicopter", "combat", "frontline", "infantry", "armoured",
    "armored", "mechanised", "mechanized", "marine", "police", "reconnaissance", "attack", "assault", "drone",
    "field", "senior", "top", "-", "operations", "interior", "ministry", "emergency", "response", "rapid",
    "national", "paramilitary", "proxy", "proxies",
]
_EXTRA_FORCE_NOUNS = ["commander", "commanders", "officer", "officers", "generals", "militia", "militias"]
# Nouns that, right after a group's name, still name the group: "Daesh fighters", "Peshmerga forces".
_MEMBER_NOUNS = frozenset({
    "militants", "fighters", "forces", "jihadists", "terrorists", "commanders", "leaders", "troops", "members",
    "insurgents", "militia", "militiamen", "units", "leadership", "rebels", "gunmen", "operatives", "scum",
})
_MEMBER_TYPES = frozenset({"armed_group", "state_force"})
# "the group" / "the militants": definite descriptions that point back at the armed group just named.
_ANAPHOR_MODS = ["terrorist", "militant", "jihadist", "jihadi", "extremist", "islamist", "armed", "insurgent",
                 "terror", "radical", "extremist"]
_ANAPHOR_HEADS = ["group", "militants", "jihadists", "jihadis", "terrorists", "extremists", "organisation",
                  "organization", "outfit", "terrorist", "jihadist"]
_ANAPHOR_STRICT = frozenset({"group", "organisation", "organization", "outfit"})  # these may also be NGOs
# "the jihadists" / "the terrorists" point back only at a group the table tags as jihadist
_ANAPHOR_JIHADIST = frozenset({"jihadists", "jihadis", "jihadist", "terrorists", "terrorist", "extremists"})
_ANAPHOR_WINDOW = 3  # sentences, the current one included
# A country's name is the state acting only outside these: "in Syria", "to Iraq" are places.
_PLACE_PREPS = frozenset({
    "in", "into", "inside", "to", "from", "across", "throughout", "within", "near", "toward", "towards",
    "through", "around", "at", "via", "outside", "of", "over", "beyond", "under", "along", "off", "onto",
    "out", "about", "like", "than", "for", "on",
})
_AGENT_PREPS = frozenset({"by", "against", "between", "with"})
_AGENT_DEPS = frozenset({"nsubj", "nsubjpass", "poss", "agent", "csubj"})
_TITLES = frozenset({
    "president", "prime", "minister", "general", "gen", "gen.", "lt", "lt.", "lieutenant", "colonel", "col",
    "col.", "maj", "maj.", "major", "brig", "brig.", "brigadier", "captain", "capt", "capt.", "sgt", "sgt.",
    "sergeant", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sheikh", "sheik", "shaikh", "sayyed",
    "sayed", "sayyid", "ayatollah", "grand", "king", "prince", "emir", "crown", "secretary", "senator", "sen.",
    "rep.", "representative", "ambassador", "envoy", "spokesman", "spokeswoman", "spokesperson", "commander",
    "chief", "admiral", "adm.", "foreign", "defense", "defence", "deputy", "fm", "mayor", "governor", "gov.",
    "judge", "st", "st.", "saint", "imam", "mullah", "abu", "the", "chairman", "director", "head", "leader",
    "special", "un", "u.n.", "us", "u.s.", "senior", "lord", "sir", "madam", "pope", "cleric", "army",
})
_TITLES_BARE = frozenset(t.strip(".") for t in _TITLES)
_THEATRE_TYPES = frozenset({"state_force", "armed_group", "government"})
_WINDOW_BEFORE, _WINDOW_AFTER = 2000, 400  # characters of context that decide a document's theatre


@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    kind: CandKind
    canonical: str | None = None  # fixed target; None when context decides
    group: str | None = None  # generic group name, anaphor head
    choices: tuple[str, ...] = ()  # for an alias shared by several actors
    label: str | None = None  # spaCy entity label

    @property
    def rank(self) -> tuple[int, int]:
        return (self.end - self.start, _PRIORITY[self.kind])


@dataclass(slots=True)
class _Matchers:
    ci: PhraseMatcher
    cs: PhraseMatcher
    demonym: Matcher
    generic: PhraseMatcher
    people: PhraseMatcher
    metonym: PhraseMatcher
    context: PhraseMatcher
    anaphor: Matcher
    place_like: frozenset[tuple[str, str]]  # (canonical, alias) pairs that also name a place
    demonym_index: list[int] = field(default_factory=list)
    force_heads: frozenset[str] = frozenset()


_MATCHERS: dict[int, tuple[Vocab, ActorTable, _Matchers]] = {}


# ---------------------------------------------------------------- building the matchers once

def _variants(name: str) -> set[str]:
    """Typographic variants the press mixes freely: accents, curly quotes, hyphen or space after al-."""
    out = {name, strip_accents(name)}
    for v in list(out):
        out.add(v.replace("’", "'"))
        out.add(v.replace("'", "’"))
    for v in list(out):
        if "-" in v:
            out.add(v.replace("-", " "))
    return {" ".join(v.split()) for v in out if v.strip()}


def _short_caps(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return bool(letters) and len(letters) <= 4 and all(c.isupper() for c in letters)


def _tokenizer(vocab: Vocab):  # type: ignore[no-untyped-def]
    from fogofwar.annotate import load_model

    nlp = load_model()
    if nlp.vocab is vocab:
        return nlp.tokenizer
    import spacy

    return spacy.blank("en", vocab=vocab).tokenizer


def _build(vocab: Vocab, table: ActorTable) -> _Matchers:
    from spacy.matcher import Matcher, PhraseMatcher

    tok = _tokenizer(vocab)
    ci = PhraseMatcher(vocab, attr="LOWER")
    cs = PhraseMatcher(vocab, attr="ORTH")
    ci_pats: dict[str, list[Doc]] = {}
    cs_pats: dict[str, list[Doc]] = {}
    country_names = {e.canonical for e in table.entries if e.type == "government" and e.parent is None and e.country}
    place_words = {w for _iso, names in table.context_places for w in names} | {m for m, _ in table.metonyms}
    place_like: set[tuple[str, str]] = set()
    for e in table.entries:
        is_state = e.canonical in country_names
        for name in e.names:
            if name in place_words or (is_state and all(w[:1].isupper() or w in ("of", "the") for w in name.split())):
                place_like.add((e.canonical, name))
            for v in _variants(name):
                doc = tok(v)
                words = [t.text for t in doc]
                # Short all-caps words ("IS", "US", "AP") and capitalised single words ("Amnesty", "Ban")
                # are matched exactly, so "is", "us" and "a ban" stay out.
                exact = any(_short_caps(w) for w in words) or (len(doc) == 1 and not v.islower())
                (cs_pats if exact else ci_pats).setdefault(e.canonical, []).append(doc)
                if exact and len(doc) == 1 and v[:1].isupper() and not _short_caps(v) and len(v) > 4:
                    cs_pats[e.canonical].append(tok(v.upper()))  # headlines: "DAESH", "HEZBOLLAH"
    for canonical, docs in ci_pats.items():
        ci.add(canonical, docs)
    for canonical, docs in cs_pats.items():
        cs.add(canonical, docs)

    demonym = Matcher(vocab)
    nouns = {n.split()[-1].lower() for _g, ns in table.force_nouns for n in ns} | set(_EXTRA_FORCE_NOUNS)
    index: list[int] = []
    for i, d in enumerate(table.demonym_forces):
        for dem in d.demonyms:
            for v in _variants(dem):
                head = [{"ORTH": t.text} if _short_caps(t.text) else {"LOWER": t.lower_} for t in tok(v)]
                pattern = [*head, {"LOWER": {"IN": _FORCE_MODIFIERS}, "OP": "*"}, {"LOWER": {"IN": sorted(nouns)}}]
                demonym.add(f"dem{i}", [pattern])
        index.append(i)

    generic = PhraseMatcher(vocab, attr="LOWER")
    for g in table.generic_groups:
        generic.add(g.name, [tok(w) for w in g.words])
    people = PhraseMatcher(vocab, attr="ORTH")
    for word, target in table.people_nouns:
        people.add(target, [tok(word)])
    metonym = PhraseMatcher(vocab, attr="ORTH")
    for word, target in table.metonyms:
        metonym.add(target, [tok(word)])
    context = PhraseMatcher(vocab, attr="ORTH")
    for iso, names in table.context_places:
        context.add(iso, [tok(v) for n in names for v in _variants(n)])
    anaphor = Matcher(vocab)
    anaphor.add("anaphor", [[{"LOWER": "the"}, {"LOWER": {"IN": _ANAPHOR_MODS}, "OP": "?"},
                             {"LOWER": {"IN": _ANAPHOR_HEADS}}]])
    return _Matchers(ci=ci, cs=cs, demonym=demonym, generic=generic, people=people, metonym=metonym,
                     context=context, anaphor=anaphor, place_like=frozenset(place_like),
                     demonym_index=index, force_heads=frozenset(nouns))


def _matchers(vocab: Vocab, table: ActorTable) -> _Matchers:
    cached = _MATCHERS.get(id(vocab))
    if cached is not None and cached[0] is vocab and cached[1] is table:
        return cached[2]
    built = _build(vocab, table)
    _MATCHERS[id(vocab)] = (vocab, table, built)
    return built


# ---------------------------------------------------------------- syntax helpers

def _is_agent(token: Token, strict: bool) -> bool:
    """Whether a state's name or capital stands for the state acting, not for the place."""
    seen = 0
    while token.dep_ == "conj" and seen < 8:
        token, seen = token.head, seen + 1
    dep = token.dep_
    if dep in _AGENT_DEPS:
        return True
    if dep == "pobj":
        prep = token.head.lower_
        return prep in _AGENT_PREPS if strict else prep not in _PLACE_PREPS
    if strict:
        return False
    return dep not in ("compound", "amod", "nmod", "npadvmod")


def _sentence_starts(analysis: Analysis) -> list[int]:
    starts: list[int] = []
    for chunk in analysis.chunks:
        starts.extend(chunk.start + s.start_char for s in chunk.doc.sents)
    return sorted(starts)


# ---------------------------------------------------------------- candidates

def _chunk_candidates(doc: Doc, start: int, table: ActorTable, m: _Matchers) -> Iterator[_Cand]:
    spans_by_range: dict[tuple[int, int], set[str]] = {}
    for matcher in (m.ci, m.cs):
        for match_id, s, e in matcher(doc):
            spans_by_range.setdefault((s, e), set()).add(doc.vocab.strings[match_id])
    for (s, e), canonicals in spans_by_range.items():
        span = doc[s:e]
        names = sorted(canonicals)
        if len(names) == 1:
            canonical = names[0]
            if (canonical, span.text) in m.place_like or (canonical, strip_accents(span.text)) in m.place_like:
                if not _is_agent(span.root, strict=False):
                    continue
                kind: CandKind = "country"
            else:
                kind = "alias"
            entry = table.get(canonical)
            # "Daesh fighters", "Peshmerga forces": the members' noun still names the group
            if entry is not None and entry.type in _MEMBER_TYPES and e < len(doc) and doc[e].lower_ in _MEMBER_NOUNS:
                e += 1
            yield _Cand(start + doc[s].idx, start + doc[e - 1].idx + len(doc[e - 1]), kind, canonical)
        else:
            yield _Cand(start + span.start_char, start + span.end_char, "alias", None, choices=tuple(names))

    for match_id, s, e in m.demonym(doc):
        i = int(doc.vocab.strings[match_id][3:])
        d = table.demonym_forces[i]
        tail = " ".join(t.lower_ for t in doc[s + 1:e])
        group = "default"
        for g, nouns in table.force_nouns:
            if g != "default" and any(tail.endswith(n.lower()) for n in nouns):
                group = g
                break
        yield _Cand(start + doc[s].idx, start + doc[e - 1].idx + len(doc[e - 1]), "demonym", d.target(group))

    for match_id, s, _e in m.people(doc):
        tok = doc[s]
        if tok.pos_ in ("PROPN", "NOUN") and tok.dep_ not in ("amod", "compound"):
            yield _Cand(start + tok.idx, start + tok.idx + len(tok), "people", doc.vocab.strings[match_id])

    for match_id, s, e in m.metonym(doc):
        span = doc[s:e]
        if _is_agent(span.root, strict=True):
            yield _Cand(start + span.start_char, start + span.end_char, "metonym", doc.vocab.strings[match_id])

    for match_id, s, e in m.generic(doc):
        span = doc[s:e]
        root = span.root
        if root.dep_ in ("compound", "amod") and root.head.lower_ not in m.force_heads:
            continue
        # a singular generic word names the actor only when definite: "the regime", "the coalition"
        if len(span) == 1 and root.tag_ in ("NN", "NNP") and (s == 0 or doc[s - 1].lower_ != "the"):
            continue
        yield _Cand(start + span.start_char, start + span.end_char, "generic", None,
                    group=doc.vocab.strings[match_id])

    for _mid, s, e in m.anaphor(doc):
        span = doc[s:e]
        if e < len(doc) and doc[e].pos_ in ("NOUN", "PROPN") and doc[e].dep_ != "ROOT":
            continue  # "the group leader", "the militants' commander" are someone else
        yield _Cand(start + span.start_char, start + span.end_char, "anaphor", None, group=span[-1].lower_)

    for ent in doc.ents:
        if ent.label_ not in ("ORG", "PERSON"):
            continue
        if not any(t.pos_ == "PROPN" for t in ent) or any(c.isdigit() for c in ent.text) or len(ent) > 7:
            continue
        yield _Cand(start + ent.start_char, start + ent.end_char, "ent", None, label=ent.label_)


def _select(cands: list[_Cand], text: str, table: ActorTable) -> list[_Cand]:
    """Non-overlapping candidates, longest and most trusted first; spaCy entities only fill gaps."""
    taken: list[_Cand] = []
    for c in sorted((c for c in cands if c.kind != "ent"), key=lambda c: (-c.rank[0], -c.rank[1], c.start)):
        if not any(c.start < t.end and t.start < c.end for t in taken):
            taken.append(c)
    for c in (c for c in cands if c.kind == "ent"):
        hit = [t for t in taken if c.start < t.end and t.start < c.end]
        if not hit:
            taken.append(c)
        elif c.label == "PERSON" and len(hit) == 1 and _other_person(c, hit[0], text, table):
            taken.remove(hit[0])
            taken.append(c)
    return sorted(taken, key=lambda c: c.start)


def _other_person(ent: _Cand, alias: _Cand, text: str, table: ActorTable) -> bool:
    """"Hafez al-Assad" holds the alias "Assad" but is not Bashar: a known surname with another given name."""
    entry = table.get(alias.canonical) if alias.canonical else None
    if entry is None or entry.type != "person" or not (ent.start <= alias.start and alias.end <= ent.end):
        return False
    extra = (text[ent.start:alias.start] + " " + text[alias.end:ent.end]).replace("'s", " ").split()
    extra = [w for w in extra if w[:1].isupper() and w.lower().strip(".") not in _TITLES_BARE]
    known = {w for n in entry.names for w in n.split()}
    return bool(extra) and not all(w in known for w in extra)


# ---------------------------------------------------------------- resolution in text order

@dataclass(slots=True)
class _State:
    analysis: Analysis
    table: ActorTable
    sentence_starts: list[int]
    signals: list[tuple[int, str]]  # (offset, ISO2) of theatre evidence
    recent: list[tuple[int, str, str]] = field(default_factory=list)  # (sentence, actor id, type)
    by_surname: dict[str, str] = field(default_factory=dict)  # folded surname -> actor id
    local_names: dict[str, str] = field(default_factory=dict)  # local canonical (lower) -> actor id
    last_of: dict[str, str] = field(default_factory=dict)  # canonical -> actor id, for "the coalition"

    def sentence(self, offset: int) -> int:
        return bisect.bisect_right(self.sentence_starts, offset) - 1

    def add_table_actor(self, canonical: str) -> str:
        entry = self.table.get(canonical)
        if entry is None:
            return self.analysis.add_actor(canonical, type="unknown")
        return self.analysis.add_actor(entry.canonical, type=entry.type, country=entry.country,
                                       wikidata=entry.wikidata, parent=entry.parent)

    def theatre(self, offset: int) -> str | None:
        """The country a document is about near this offset: most evidence nearby, else in the whole text."""
        lo = bisect.bisect_left(self.signals, (offset - _WINDOW_BEFORE, ""))
        hi = bisect.bisect_right(self.signals, (offset + _WINDOW_AFTER, "~"))
        near = Counter(iso for _o, iso in self.signals[lo:hi])
        counts = near or Counter(iso for _o, iso in self.signals)
        if not counts:
            return None
        best = max(counts.values())
        tied = {iso for iso, n in counts.items() if n == best}
        for o, iso in reversed(self.signals[:hi]):
            if iso in tied and o <= offset:
                return iso
        return sorted(tied)[0]


def _theatre_signals(analysis: Analysis, table: ActorTable, m: _Matchers, chosen: list[_Cand]) -> list[tuple[int, str]]:
    theatres = {iso for iso, _names in table.context_places}
    out = []
    for chunk in analysis.chunks:
        for match_id, s, _e in m.context(chunk.doc):
            out.append((chunk.start + chunk.doc[s].idx, chunk.doc.vocab.strings[match_id]))
    for c in chosen:
        entry = table.get(c.canonical) if c.canonical else None
        if entry is not None and entry.country in theatres and entry.type in _THEATRE_TYPES:
            out.append((c.start, entry.country))
    return sorted(out)


def _resolve(c: _Cand, st: _State, text: str) -> str | None:
    """The actor id a candidate names, adding the actor to the analysis; None to drop it."""
    table = st.table
    if c.kind in ("alias", "demonym", "people", "metonym", "country"):
        canonical = c.canonical
        if canonical is None:  # an alias several actors share: prefer one already named, then the theatre
            named = [ch for ch in c.choices if ch in st.last_of]
            iso = st.theatre(c.start)
            local = [ch for ch in c.choices if (e := table.get(ch)) is not None and e.country == iso]
            canonical = (named or local or list(c.choices))[0]
        return st.add_table_actor(canonical)
    if c.kind == "generic":
        return _resolve_generic(c, st)
    if c.kind == "anaphor":
        return _resolve_anaphor(c, st)
    return _resolve_entity(c, st, text[c.start:c.end])


def _resolve_generic(c: _Cand, st: _State) -> str | None:
    table = st.table
    group = next((g for g in table.generic_groups if g.name == c.group), None)
    if group is None:
        return None
    targets = [t for _iso, t in group.by_country]
    # an actor of this family already named in the document is the likeliest referent
    named = [t for t in targets if t in st.last_of]
    if named:
        return st.last_of[max(named, key=lambda t: int(st.last_of[t][1:]))]
    iso = st.theatre(c.start)
    target = dict(group.by_country).get(iso) if iso else None
    if group.name == "government":
        if iso is None:
            return None
        words = st.analysis.document.text[c.start:c.end].lower()
        entry = table.forces_of(iso) if "forces" in words else table.country_actor(iso)
        return st.add_table_actor(entry.canonical) if entry else None
    if target is None:
        if group.name == "rebels":
            return st.analysis.add_actor("rebels", type="armed_group", local=True)
        return None
    return st.add_table_actor(target)


def _resolve_anaphor(c: _Cand, st: _State) -> str | None:
    sent = st.sentence(c.start)
    window = [(s, aid, typ) for s, aid, typ in st.recent if sent - s < _ANAPHOR_WINDOW]
    groups = {aid for _s, aid, typ in window if typ == "armed_group"}
    if len(groups) != 1:
        return None
    if c.group in _ANAPHOR_JIHADIST or "terror" in st.analysis.document.text[c.start:c.end].lower():
        actor = st.analysis.actor(next(iter(groups)))
        entry = st.table.get(actor.canonical) if actor is not None and not actor.local else None
        if entry is None or "jihadist" not in entry.tags:
            return None
    if c.group in _ANAPHOR_STRICT:
        # "the group said" after an NGO is the NGO: stay out unless no other organisation is near
        others = {aid for _s, aid, typ in window if typ in ("international_org", "organisation", "media")}
        if others:
            return None
    return next(iter(groups))


def _surname_key(name: str) -> str:
    return strip_accents(name.split()[-1]).lower().strip(".,'’") if name.split() else ""


def _folded_aliases(table: ActorTable) -> dict[str, str]:
    """fold(name) -> canonical for every unambiguous table name: spellings the phrase matcher misses."""
    cached = _FOLDED.get(id(table))
    if cached is not None and cached[0] is table:
        return cached[1]
    out: dict[str, str] = {}
    clash: set[str] = set()
    for e in table.entries:
        for name in e.names:
            key = fold(name)
            if len(key) < 4 or _short_caps(name):
                continue
            if out.setdefault(key, e.canonical) != e.canonical:
                clash.add(key)
    for key in clash:
        del out[key]
    _FOLDED[id(table)] = (table, out)
    return out


_FOLDED: dict[int, tuple[ActorTable, dict[str, str]]] = {}
_GAZETTEER_BROKEN = False
_PLACE_FEATURES = frozenset({"country", "admin1", "region", "water", "city"})


def _is_place(name: str) -> bool:
    """spaCy's small model often tags towns as PERSON or ORG ("Bartella", "Khan Sheikhun")."""
    global _GAZETTEER_BROKEN
    if _GAZETTEER_BROKEN:
        return False
    from fogofwar.resolve import gazetteer

    try:
        entries = gazetteer.get().lookup(name)
    except Exception:  # a missing or half-built gazetteer must not cost the actors; places will report it
        log.warning("gazetteer unavailable: unknown PERSON/ORG entities are not checked against places")
        _GAZETTEER_BROKEN = True
        return False
    # a village counts only inside the conflict theatres: elsewhere GeoNames has villages named like people
    if any(e.feature in _PLACE_FEATURES or (e.feature == "village" and e.country in _theatre_isos())
           for e in entries):
        return True
    # "Saraqeb Idlib": a town and its province run together where scraped text lost the comma
    words = name.split()
    if entries or len(words) < 2:
        return False
    holders = {e.country for e in gazetteer.get().lookup(words[-1]) if e.feature in ("admin1", "country")}
    return bool(holders) and any(e.country in holders and e.feature in ("city", "village")
                                 for e in gazetteer.get().lookup(" ".join(words[:-1])))


def _theatre_isos() -> frozenset[str]:
    return frozenset(iso for iso, _names in actor_table().context_places)


def toponym_shaped(name: str) -> bool:
    """Arabic place-name elements ("Kafr X", "Tall X", "X al-Kubra") that the model tags as PERSON or ORG."""
    words = name.replace("-", " ").split()
    if len(words) < 2:
        return False
    return words[0].lower() in _TOPONYM_HEADS or words[-1].lower() in _TOPONYM_TAILS


# first words of Levantine and Mesopotamian place names; none of them starts a person's name
_TOPONYM_HEADS = frozenset({
    "kafr", "kfar", "kafar", "tall", "tal", "tel", "tell", "khan", "deir", "dayr", "ain", "ayn", "ein", "jabal",
    "jebel", "jabel", "ras", "beit", "bayt", "hammam", "hamam", "bir", "qasr", "maarat", "ma'arat", "jisr",
    "urum", "urom", "orum", "wadi", "qalaat", "qalat", "tallet", "khirbet", "khirbat", "mazraat", "marj", "bab",
})
# "the upper / lower / great / small / eastern / western" that tell twin villages apart
_TOPONYM_TAILS = frozenset({
    "kubra", "sughra", "saghira", "kabira", "sharqi", "sharqiya", "gharbi", "gharbiya", "shamali", "janoubi",
    "janubi", "fawqani", "tahtani", "camp",
})
# site chrome and platform names the small model tags ORG/PERSON: "Tags Syria Idlib", "Youtube Subscribe"
_CHROME_WORDS = frozenset({
    "tags", "tag", "category", "categories", "subscribe", "related", "youtube", "twitter", "facebook", "instagram",
    "whatsapp", "skype", "telegram", "login", "newsletter", "android", "gmt", "utc", "comments",
})


def _known_places(table: ActorTable) -> frozenset[str]:
    cached = _PLACES.get(id(table))
    if cached is None or cached[0] is not table:
        names = {fold(n) for _iso, ns in table.context_places for n in ns} | {fold(m) for m, _t in table.metonyms}
        cached = (table, frozenset(names))
        _PLACES[id(table)] = cached
    return cached[1]


def _not_an_actor(name: str, st: _State) -> bool:
    """Entities that name a place or an episode rather than someone who acts."""
    words = name.lower().split()
    if words and (words[-1] in _EPISODE_WORDS or words[0] == "operation"):
        return True
    if any(w.strip(".,:;()") in _CHROME_WORDS for w in words) or toponym_shaped(name):
        return True
    if fold(name) in _known_places(st.table) or _is_place(name):
        return True
    return name.endswith("s") and (fold(name[:-1]) in _known_places(st.table) or _is_place(name[:-1]))


_PLACES: dict[int, tuple[ActorTable, frozenset[str]]] = {}
# "the American Civil War", "the Geneva talks": ORG entities the small model finds that are episodes
_EPISODE_WORDS = frozenset({
    "war", "wars", "revolution", "crisis", "conflict", "offensive", "battle", "uprising", "agreement", "deal",
    "accord", "accords", "summit", "talks", "process", "plan", "day", "spring", "campaign", "ceasefire", "truce",
})


def _table_spelling(name: str, st: _State) -> str | None:
    """The table actor a spelling variant names, also with a possessive whose apostrophe was lost."""
    folded = _folded_aliases(st.table)
    for cand in (name, name[:-1] if name.endswith("s") and len(name) > 4 else ""):
        if cand and (canonical := folded.get(fold(cand))) is not None:
            return st.add_table_actor(canonical)
    return None


def _resolve_entity(c: _Cand, st: _State, text: str) -> str | None:
    doc_span = text.strip()
    if c.label == "PERSON":
        words = doc_span.replace("’s", "").replace("'s", "").split()
        while words and words[0].lower().strip(".") in _TITLES_BARE:
            words = words[1:]
        name = " ".join(words).strip(" ,.")
        if len(name) < 3 or not name[:1].isupper():
            return None
        key = _surname_key(name)
        if len(words) == 1 and key in st.by_surname:
            return st.by_surname[key]
        known = _table_spelling(name, st)
        if known is not None:
            return known
        if _not_an_actor(name, st):
            return None
        if len(words) == 1:
            aid = st.analysis.add_actor(name, type="person", local=True)
            st.by_surname.setdefault(key, aid)
            return aid
        # a full name after its surname alone: the same person, now with the full canonical name
        if key in st.by_surname:
            actor = st.analysis.actor(st.by_surname[key])
            if actor is not None and actor.local and len(actor.canonical.split()) == 1:
                actor.canonical = name
                return actor.id
            if actor is not None and fold(actor.canonical) == fold(name):
                return actor.id
        aid = st.analysis.add_actor(name, type="person", local=True)
        st.by_surname.setdefault(key, aid)
        return aid
    name = doc_span
    for article in ("the ", "The "):
        if name.startswith(article):
            name = name[len(article):]
    name = name.removesuffix("'s").removesuffix("’s").strip(" ,.")
    if len(name) < 2 or name.islower():
        return None
    known = _table_spelling(name, st)
    if known is not None:
        return known
    if _not_an_actor(name, st):
        return None
    key = fold(name)
    if key in st.local_names:
        return st.local_names[key]
    aid = st.analysis.add_actor(name, type="organisation", local=True)
    st.local_names[key] = aid
    return aid


def resolve_actors(analysis: Analysis) -> None:
    """Find every actor mention in the parsed paragraphs and register its canonical actor."""
    if not analysis.chunks:
        return
    table = actor_table()
    m = _matchers(analysis.chunks[0].doc.vocab, table)
    text = analysis.document.text
    chosen: list[_Cand] = []
    for chunk in analysis.chunks:
        chosen.extend(_select(list(_chunk_candidates(chunk.doc, chunk.start, table, m)), text, table))
    chosen.sort(key=lambda c: c.start)
    st = _State(analysis=analysis, table=table, sentence_starts=_sentence_starts(analysis),
                signals=_theatre_signals(analysis, table, m, chosen))
    for c in chosen:
        aid = _resolve(c, st, text)
        if aid is None:
            continue
        actor = analysis.actor(aid)
        if actor is None:
            continue
        analysis.mentions.append(Mention(kind="actor", text=text[c.start:c.end], char_start=c.start,
                                         char_end=c.end, ref=aid))
        st.recent.append((st.sentence(c.start), aid, actor.type))
        st.last_of[actor.canonical] = aid
        if actor.type == "person" and not actor.local:
            entry = table.get(actor.canonical)
            if entry is not None:
                st.by_surname.setdefault(_surname_key(entry.canonical), aid)


# ---------------------------------------------------------------- actors the extractors name

# marks around a phrase that are not part of the name: quotes, brackets, list punctuation
_EDGE_MARKS = " \t\r\n\"“”«»„,;:()[]"


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    start, end = max(0, start), min(len(text), end)
    while start < end and text[start] in _EDGE_MARKS:
        start += 1
    while end > start and text[end - 1] in _EDGE_MARKS:
        end -= 1
    return start, end


def anchor_actor(analysis: Analysis, actor_id: str, start: int, end: int) -> str:
    """Record the words at [start, end) as a mention of an actor the caller already holds.

    Nothing is added when a mention of that actor already overlaps the words: the resolver's own
    mention of a name is the better span, and a second one would only repeat it.
    """
    text = analysis.document.text
    start, end = _trimmed(text, start, end)
    if end <= start:
        return actor_id
    for m in analysis.mentions:
        if m.kind == "actor" and m.ref == actor_id and m.char_start < end and start < m.char_end:
            return actor_id
    analysis.mentions.append(Mention(kind="actor", text=text[start:end], char_start=start, char_end=end,
                                     ref=actor_id))
    return actor_id


def actor_at(analysis: Analysis, start: int, end: int, canonical: str | None = None, *,
             reuse: bool = True, known: bool = False, **facts: object) -> str | None:
    """The actor the words at [start, end) name, with those words recorded as its mention.

    The quote and event stages ask for an actor this way when they hold a phrase the resolver left
    alone ("Local sources", "a spokesman", "Syrians"), so every actor they add has the span it came
    from. With ``reuse``, an actor mention overlapping the words answers (the resolver read them
    already). With ``known``, words the actor table can name are that actor (see ``_known_phrase``).
    Otherwise the actor with this canonical name (the words themselves by default) is added as a
    document-local actor when new, and the words become one of its mentions. None when the span
    holds no words.
    """
    text = analysis.document.text
    start, end = _trimmed(text, start, end)
    if end <= start:
        return None
    if reuse:
        found = analysis.mention_at("actor", start, end)
        if found is not None:
            return found.ref
    if known:
        table_actor = _known_phrase(analysis, start, end)
        if table_actor is not None:
            return anchor_actor(analysis, table_actor, start, end)
    aid = analysis.add_actor(canonical or text[start:end], **{"local": True, **facts})
    return anchor_actor(analysis, aid, start, end)


# members of a jihadist group named by what they are, not by the group's name: "jihadi commanders"
_JIHADIST_WORDS = frozenset({"jihadi", "jihadist", "terrorist", "extremist", "takfiri"})


def _known_phrase(analysis: Analysis, start: int, end: int) -> str | None:
    """The table actor a phrase names when the resolver's context rules did not reach it.

    The extractors ask about the sides of a conflict event. There a nation named as a collective,
    "the Syrians" (retook, shelled), is its forces, as "Syrian forces" would be; counted or bare
    ("600 Syrians", "Syrians displaced") it is people, and stays unknown to the table. A
    description of a jihadist group's members ("jihadi commanders fled") is, like "the jihadists"
    (see ``_resolve_anaphor``), the one jihadist group named in the last sentences of the segment,
    as "Daesh commanders" would be.
    """
    table = actor_table()
    text = analysis.document.text
    words = text[start:end].split()
    definite = text[max(0, start - 4):start].lower() == "the "
    if words and words[0].lower() == "the":
        words, definite = words[1:], True
    if definite and len(words) == 1 and words[0].endswith("s") and words[0][:1].isupper():
        for d in table.demonym_forces:
            if words[0][:-1] in d.demonyms and (entry := table.get(d.default)) is not None:
                return analysis.add_actor(entry.canonical, type=entry.type, country=entry.country,
                                          wikidata=entry.wikidata, parent=entry.parent)
    low = [w.lower() for w in words]
    if len(low) >= 2 and low[-1] in _MEMBER_NOUNS and any(w in _JIHADIST_WORDS for w in low[:-1]):
        seg = analysis.segment_at(start)
        starts = _sentence_starts(analysis)
        here = bisect.bisect_right(starts, start) - 1
        lo = starts[max(0, here - _ANAPHOR_WINDOW + 1)] if starts and here >= 0 else 0
        groups = set()
        for m in analysis.mentions:
            if m.kind != "actor" or not (lo <= m.char_start and m.char_end <= start):
                continue
            if seg is not None and not (seg.char_start <= m.char_start < seg.char_end):
                continue
            actor = analysis.actor(m.ref)
            entry = table.get(actor.canonical) if actor is not None and not actor.local else None
            if entry is not None and entry.type == "armed_group" and "jihadist" in entry.tags:
                groups.add(m.ref)
        if len(groups) == 1:
            return groups.pop()
    return None


@lru_cache(maxsize=32)  # a few names of the document in hand; the cache holds texts, so keep it small
def _name_at(text: str, name: str) -> tuple[int, ...]:
    """Where a name is written in the text as whole words."""
    pattern = re.compile(r"(?<!\w)" + re.escape(name) + r"(?!\w)")
    return tuple(m.start() for m in pattern.finditer(text))


_BYLINE_REACH = 400  # characters between a comment and its header or "Posted by" line


def byline_actor(analysis: Analysis, name: str | None, segment: Segment | None, **facts: object) -> str | None:
    """The author or outlet of a segment (or of the page, without one), anchored on its written byline.

    Comment threads sign a comment in a header line before it or a "Posted by" line after it; a page
    names its author and outlet near the top. The nearest place the name is written, seen from the
    segment, is its byline. A name the text never writes came with the document (HTML markup, a feed
    item, a JSON Lines field): the actor has no span in the text, its source is the document's own
    author/outlet field, which the export carries beside it.
    """
    if not name or not name.strip():
        return None
    name = name.strip()
    text = analysis.document.text
    lo, hi = (segment.char_start, segment.char_end) if segment is not None else (0, 0)
    found = _name_at(text, name)
    if not found:
        return analysis.add_actor(name, **{"local": True, **facts})

    def distance(s: int) -> tuple[int, int]:
        # a header or footer line next to the segment first, then the segment's own text, then the rest
        if s < lo:
            return (0 if lo - s <= _BYLINE_REACH else 2, lo - s)
        if s >= hi:
            return (0 if s - hi <= _BYLINE_REACH else 2, s - hi)
        return (1, s - lo)

    best = min(found, key=distance)
    aid = analysis.add_actor(name, **{"local": True, **facts})
    return anchor_actor(analysis, aid, best, best + len(name))


def drop_unfounded_actors(analysis: Analysis) -> None:
    """Remove the actors nothing points to and no words name: they carry no fact of the text.

    Runs after the last extractor. Ids are not renumbered, so every reference stays valid.
    """
    named = {m.ref for m in analysis.mentions if m.kind == "actor"}
    used: set[str | None] = {ref for e in analysis.events for ref in (e.actor1, e.actor2, e.reported_by)}
    used |= {q.speaker for q in analysis.quotes} | {n.belongs_to for n in analysis.quantities}
    used |= {c.claimant for c in analysis.claims} | {p.predictor for p in analysis.predictions}
    analysis.actors = [a for a in analysis.actors if a.id in named or a.id in used]
