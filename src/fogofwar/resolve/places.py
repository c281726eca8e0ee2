"""Geoparsing: toponyms -> gazetteer entries with coordinates.

Toponyms come from spaCy's GPE/LOC/FAC entities, from a gazetteer lookup over the proper-noun
runs the small model misses, and from cue phrases ("the village of X", "near X") that admit
unknown or lower-case village names. Each toponym is then resolved in two passes: the first
ranks candidates by priors alone (feature class, population, exact spelling); the second adds
document context taken from the first pass (the countries the document is about, places named
next to each other as "Mosul, Nineveh", distance to the document's other places).
"""

from __future__ import annotations

import csv
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from typing import TYPE_CHECKING

from fogofwar.models import Analysis, Chunk, Mention
from fogofwar.resolve import gazetteer
from fogofwar.resolve.actors import toponym_shaped
from fogofwar.resolve.gazetteer import Entry, Gazetteer
from fogofwar.resolve.names import fold, light

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

_ENT_LABELS = frozenset({"GPE", "LOC", "FAC"})
# features and their prior weight: a bare country or province name is rarely a namesake village
# a second-order division sums its towns' population, so it starts below a same-named city
_FEATURE_PRIOR = {"country": 9.0, "admin1": 5.5, "region": 7.0, "water": 7.0, "admin2": -3.5, "city": 0.0,
                  "village": -0.5, "site": 6.0}
# a county or district with no same-named town beside it ("Norfolk", "Hamilton County") is the division itself
_LONE_DIVISION_PRIOR = -1.0
_CAPITAL_PRIOR = 0.5  # a national capital is named far more often than its population alone says
_BY_NAME_PENALTY = 1.5  # a place matched by an alternate name when another is called so by its main name
_ADMIN_FOCUS = 2.0  # weight of the document's first-order divisions (its state, its province)
# words that make a name shared by a city and a province the province: "Washington state", "central Washington"
# used with match(), anchored after the name: "Washington state"; "Idlib and Hama provinces" makes both provinces
_STATE_AFTER = re.compile(r"\s+(?:state|State|province|Province|governorate|Governorate)\b")
_STATES_AFTER = re.compile(r"(?:(?:\s*,\s*|\s+(?:and|or)\s+)[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)?)*"
                           r"\s+(?:states|provinces|governorates|Provinces|Governorates)\b")
_STATE_BEFORE = re.compile(r"(?:\b(?:state|province) of\s+|\b(?:[Cc]entral|[Ee]astern|[Ww]estern|[Nn]orthern|"
                           r"[Ss]outhern|[Uu]pstate|[Rr]ural|[Dd]ownstate)\s+)$")
_COORDINATION = re.compile(r"^\s*(?:,|,?\s+(?:and|or))\s*$")
_DEMONYM = re.compile(r"(?:ian|ians|ean|eans|ish|ese|i|is|an|ans|ic)$")
_STRONG_CUE = re.compile(r"\b(?:villages?|towns?|district|neighbou?rhood|outskirts|camp)\s+of\s+(?:the\s+)?$",
                         re.IGNORECASE)
_DIRECTION = r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)"
_RELATION = re.compile(
    r"(?:(?P<dist>\d+(?:[.,]\d+)?)\s*(?:-\s*)?(?P<unit>km|kms|kilometers|kilometres|miles|mi)\s+)?"
    rf"(?:(?P<dir>{_DIRECTION})(?:ern|ward)?\s+(?P<out>outskirts\s+)?of\s+(?:the\s+)?"
    rf"|(?:the\s+)?(?P<odir>{_DIRECTION}(?:ern)?\s+)?(?P<outs>outskirts|edge|edges|suburbs)\s+of\s+(?:the\s+)?"
    rf"|(?P<adj>{_DIRECTION})(?:ern)\s+"
    r"|(?P<near>near|close to|outside)\s+(?:the\s+)?)$",
    re.IGNORECASE)
# "the", and a direction word the model folds into the name ("northern Aleppo Governorate"): the anchor
# place is what follows; _relation() reads the direction back from the text before it
_LEADING = re.compile(
    r"^(?:(?:the|The)\s+)?(?:(?:[Nn]orth|[Ss]outh|[Ee]ast|[Ww]est)(?:ern|-?[Ee]astern|-?[Ww]estern)\s+)?")
_GEO_HEAD = re.compile(
    r"\b(?:street|st|road|rd|avenue|ave|boulevard|square|bridge|river|lake|sea|bay|gulf|island|islands|mountains?|"
    r"hills?|valley|desert|plains?|beach|coast|park|airport|airbase|base|port|harbou?r|dam|camp|district|province|"
    r"governorate|county|region|village|town|city|quarter|neighbou?rhood|estate|canal|strait|peninsula|forest|"
    r"crossing|checkpoint|mosque|church|hospital|university|stadium|palace|tower|center|centre|hall|station)$",
    re.IGNORECASE)
_PLACE_CUE = re.compile(r"\b(?:in|at|near|from|to|into|outside|across|around|toward|towards)\s+(?:the\s+)?$",
                        re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:'s|’s|')$")
_MIN_LOWER_POP = 150_000  # a lower-case word is taken as a city only when it names a big one in focus
# capitalised words that GeoNames lists as some village's alternate name but news uses otherwise
_NOT_PLACES = frozenset(fold(w) for w in (
    "West", "East", "North", "South", "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
    "Saturday", "Sunday", "God", "King", "Major", "General", "President", "Minister", "Old City", "Centre",
    "Center", "Republic", "State", "Union", "Kingdom", "Empire", "Capital", "Northern", "Southern", "Eastern",
    "Western", "Central"))
_AREAS = frozenset({"country", "admin1", "admin2", "region", "water"})
_SPEECH_VERBS = frozenset({"say", "tell", "add", "admit", "stress", "tweet", "explain", "insist", "recall", "believe",
                           "answer", "argue", "claim", "note", "write"})
# nouns that make a place adjective literal, as GeoWebNews reads "the Turkish border", "European countries",
# "the British market": the adjective locates the noun. "Iraqi forces", "Russian diplomats" stay demonyms.
_LITERAL_HEADS = frozenset((
    "border", "borders", "frontier", "side", "capital", "countryside", "territory", "territories", "soil", "region",
    "enclave", "coast", "coastline", "islands", "waters", "airspace", "mainland", "market", "markets", "economy",
    "economies", "industry", "jails", "prisons", "airbases", "farms", "factories", "ports", "airports", "land",
    "interior", "jurisdictions", "parliament"))
# "the Iraqi city", "European countries" are left out: war reporting writes them about a place it names anyway,
# and only some gold standards (GeoWebNews) count the adjective
# head words of multi-word names that are places even when the model calls them organisations
_FACILITY_HEAD = re.compile(
    r"(?:Street|St\.?|Road|Rd\.?|Avenue|Ave\.?|Drive|Boulevard|Lane|Square|Bridge|Estate|Quay|Heights|Peninsula|"
    r"Ocean|Beach|Hills|Lagoon|Airport|Airbase|Stadium|Arena|Hospital|Prison|Church|Chapel|Cathedral|Mosque|"
    r"Temple|Hall|Centre|Center|Park|Palace|Theatre|Theater|Racecourse|Mall|Farm|Farms|University|School|"
    r"Campus|Museum|Castle|Harbou?r|Port|Dam|Canal|Camp|Valley|Area|District)$")
# a state or province abbreviation after a place name: "Fresno, Calif.", "(Ga.)", "Raleigh, N.C."
_ABBREV_CONTEXT = re.compile(r"(?:[A-Za-z.)]\s*,|\()\s*$")
_NOTABLE_POP = 20_000  # the population prior of a supplement town or district whose population is not given
_FOCUS = 4.0  # weight of the document's country focus against the priors (log10 population and feature)


def _data_rows(name: str) -> list[list[str]]:
    text = (files("fogofwar") / "data" / "gazetteer" / name).read_text(encoding="utf-8")
    return list(csv.reader(line for line in text.splitlines()[1:] if line and not line.startswith("#")))


@lru_cache(maxsize=1)
def _demonyms() -> dict[str, Entry]:
    """Place adjective -> the gazetteer entry it names (data/gazetteer/demonyms.csv)."""
    gaz = gazetteer.get()
    out: dict[str, Entry] = {}
    for demonym, place, feature in _data_rows("demonyms.csv"):
        entry = next((e for e in gaz.lookup(place) if e.feature == feature), None)
        if entry is not None:
            out[demonym] = entry
    return out


@lru_cache(maxsize=1)
def _abbreviations() -> tuple[re.Pattern[str], dict[str, Entry]]:
    """State and province abbreviations (data/gazetteer/abbreviations.csv) and one pattern finding them all."""
    gaz = gazetteer.get()
    table: dict[str, Entry] = {}
    for abbrev, place, country in _data_rows("abbreviations.csv"):
        entry = next((e for e in gaz.lookup(place) if e.feature == "admin1" and e.country == country), None)
        if entry is not None:
            table[abbrev] = entry
    alternatives = "|".join(re.escape(a) for a in sorted(table, key=len, reverse=True))
    # a dotted form ends with its dot; a bare postal code must not run on into a word
    return re.compile(rf"(?<![\w.])(?:{alternatives})(?![\w])"), table


@dataclass(slots=True)
class Toponym:
    start: int
    end: int
    text: str
    entries: list[Entry]
    strength: int  # 2: the model's place entity or a cue phrase; 1: gazetteer lookup; 0: inside a PERSON/ORG entity
    detail: dict[str, str | float | int | None] = field(default_factory=dict)
    best: Entry | None = None
    next_to: int | None = None  # index of a toponym following after a comma ("Mosul, Nineveh")
    word: bool = False  # an English word as written ("man", "Mobile"): believed only with more evidence
    nameable: bool = True  # kept without a gazetteer entry (a street, a site, a village the gazetteer lacks)
    lower: bool = False
    glued: bool = False  # written against the next name with the comma lost ("Saraqeb Idlib"): it holds this


def resolve_places(analysis: Analysis) -> None:
    if not analysis.chunks:
        return
    gaz = gazetteer.get()
    actors = sorted((m.char_start, m.char_end) for m in analysis.mentions if m.kind == "actor")
    text = analysis.document.text
    toponyms: list[Toponym] = []
    for chunk in analysis.chunks:
        toponyms.extend(_find(chunk, gaz, actors))
    # "Posted by: Brunswick": a commenter's handle, whatever town it is also the name of
    toponyms = [t for t in toponyms if not _BYLINE.search(text, max(0, t.start - 20), t.start)]
    toponyms.sort(key=lambda t: t.start)
    _link_containment(toponyms, text)
    _disambiguate(toponyms, text, gaz.capitals)
    _drop_person_names(toponyms, analysis.chunks)
    _drop_contradicted(toponyms, text)
    anchors = _anchors(toponyms, text, analysis)
    for k, t in enumerate(toponyms):
        t.detail.update(_relation(text, t.start))
        best = t.best
        if best is None:
            if t.strength < 2 or t.entries or not t.nameable:
                continue
            holder, explicit = anchors.get(k, (None, False))
            within = None if holder is None else _place_id(analysis, toponyms[holder])
            # the text itself says where it lies ("Castello road, Aleppo", "Hass in Idlib province"): its
            # country and province are that holder's, and a town's point is near enough to be its point;
            # a town named nearby is only a guess, kept as ``within`` for maps but given no coordinates
            where = toponyms[holder].best if holder is not None and explicit else None
            point = where is not None and where.feature in _POINT_HOLDERS
            pid = analysis.add_place(name=t.text, geonameid=None, feature=None,
                                     country=where.country or None if where else None,
                                     admin1=where.admin1 or None if where else None,
                                     lat=where.lat if where and point else None,
                                     lon=where.lon if where and point else None, within=within)
        else:
            pid = _place_id(analysis, t)
        analysis.mentions.append(Mention(kind="place", text=t.text, char_start=t.start, char_end=t.end, ref=pid,
                                         detail=t.detail))


def _place_id(analysis: Analysis, t: Toponym) -> str:
    """The place a resolved toponym names, added once per document."""
    best = t.best
    assert best is not None
    # the document's spelling names the place for its readers; the gazetteer's is kept beside it
    written = t.text if not t.text.islower() else t.text.title()
    return analysis.add_place(name=written, geonameid=best.public_id, feature=best.feature,
                              country=best.country or None, admin1=best.admin1 or None,
                              lat=best.lat, lon=best.lon, gazetteer_name=best.name)


# a street, a hospital, a base named with the place that holds it: "the al-Quds hospital in Aleppo"
_IN_PLACE = re.compile(r"\s*(?:,\s*)?(?:in|of|near|outside|at)\s+(?:the\s+)?(?:(?:city|town|village)\s+of\s+)?$")
_HELD_BY_NAME = re.compile(r"\s*(?:,\s*|\s+(?:in|at)\s+)(?:the\s+)?[A-Z][a-z]")
_SETTLEMENTS = frozenset({"city", "village", "site"})
_POINT_HOLDERS = _SETTLEMENTS | {"admin2"}
_ANCHOR_WINDOW = 1500  # characters: how far back a street's town may have been named in the same segment


def _anchors(toponyms: list[Toponym], text: str, analysis: Analysis) -> dict[int, tuple[int, bool]]:
    """For each toponym the gazetteer cannot place (a street, a building, a district it lacks), the index of
    the placed toponym that holds it, as human coders of event data locate a site at its town: the place
    named with it ("Castello road, Aleppo", "a hospital in Mosul"), else the town last named before it in
    the same segment, else the next one in the same sentence run, else the document's one main town.
    The flag says whether the text itself names the holder; only then does the toponym take the holder's
    country and province, and its point if it is a town (a country or a province is too coarse to be one)."""
    out: dict[int, tuple[int, bool]] = {}
    # a town in another country than the one the document is mostly about is as likely a misreading
    countries = Counter(o.best.country for o in toponyms if o.best is not None and o.best.country)
    home = countries.most_common(1)[0][0] if countries else None
    towns = [j for j, o in enumerate(toponyms)
             if o.best is not None and o.best.feature in _SETTLEMENTS and o.best.country == home]
    counts = Counter(toponyms[j].best.geonameid for j in towns)  # type: ignore[union-attr]
    main = None
    if counts:
        (gid, n), *rest = counts.most_common(2)
        if n >= 2 and (not rest or rest[0][1] < n):
            main = next(j for j in towns if toponyms[j].best.geonameid == gid)  # type: ignore[union-attr]
    for k, t in enumerate(toponyms):
        if t.best is not None or t.entries or t.strength < 2 or not t.nameable:
            continue
        if t.next_to is not None and toponyms[t.next_to].best is not None:
            out[k] = (t.next_to, True)
            continue
        nxt = k + 1
        if nxt < len(toponyms) and (_IN_PLACE.fullmatch(text, t.end, toponyms[nxt].start) or
                                    _QUARTER_OF.fullmatch(text, t.end, toponyms[nxt].start)):
            if toponyms[nxt].best is not None:
                out[k] = (nxt, True)
            continue  # held by a place that cannot be placed either: no other town stands in for it
        if _HELD_BY_NAME.match(text, t.end):
            continue  # "Atlantic Avenue in Garden City": held by a name that is no known place
        seg = analysis.segment_at(t.start)
        lo = max(seg.char_start if seg is not None else 0, t.start - _ANCHOR_WINDOW)
        hi = min(seg.char_end if seg is not None else len(text), t.end + 300)
        before = [j for j in towns if lo <= toponyms[j].start < t.start]
        after = [j for j in towns if t.end <= toponyms[j].start < hi and "\n" not in text[t.end:toponyms[j].start]]
        if before:
            out[k] = (before[-1], False)
        elif after:
            out[k] = (after[0], False)
        elif main is not None:
            out[k] = (main, False)
    return out


# ---------------------------------------------------------------- finding toponyms

def _overlaps_actor(actors: list[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    for a0, a1 in actors:
        if a0 >= end:
            break
        if a1 > start:
            return a0, a1
    return None


# scraped text loses apostrophes ("Syrias Idlib province") and glues a "city" onto the name ("Hassakeh city")
_COUNTRY_POSSESSIVE = re.compile(r"^([A-Z][a-z]+)s\s+(?=[A-Z])")
_COMPASS_SUFFIX = re.compile(r"\s+(?:N|S|E|W|NE|NW|SE|SW|NNE|NNW|SSE|SSW|ENE|ESE|WNW|WSW)$")
_CITY_SUFFIX = re.compile(r"\s+[Cc]ity$")


def _without_scrape_noise(gaz: Gazetteer, text: str, rel: int) -> tuple[str, int]:
    """A name the gazetteer does not know, read again without a country possessive that lost its
    apostrophe in front or a "city" behind, when what remains is a name it knows."""
    m = _COUNTRY_POSSESSIVE.match(text)
    if m and any(e.feature == "country" for e in gaz.lookup(m.group(1))):
        text, rel = text[m.end():], rel + m.end()
    d = _COMPASS_SUFFIX.search(text)
    if d and gaz.lookup(text[:d.start()]):
        text = text[:d.start()]  # "Khan Touman SW of the city"
    c = _CITY_SUFFIX.search(text)
    if c and gaz.lookup(text[:c.start()]):
        text = text[:c.start()]
    return text, rel


def _trim(text: str, start: int) -> tuple[str, int]:
    m = _LEADING.match(text)
    if m:
        text, start = text[m.end():], start + m.end()
    return _POSSESSIVE.sub("", text), start


def _find(chunk: Chunk, gaz: Gazetteer, actors: list[tuple[int, int]]) -> list[Toponym]:
    doc = chunk.doc
    found: list[Toponym] = []
    taken = [False] * len(doc)
    blocked = [False] * len(doc)  # tokens of person/organisation/demonym entities the lookup must not reuse
    # "Slidell, La.", "SPRINGFIELD, Ill.": the model's entity would read the abbreviation as a town ("La" / LA)
    found.extend(_abbreviation_mentions(chunk, taken))
    for ent in doc.ents:
        if ent.label_ in ("PERSON", "ORG") and (pair := _glued_towns(chunk, gaz, actors, ent)) is not None:
            found.extend(pair)  # "Saraqeb Idlib" read as an organisation: a town and its province
            for i in range(ent.start, ent.end):
                taken[i] = True
            continue
        if ent.label_ in ("PERSON", "ORG") and toponym_shaped(ent.text.removeprefix("the ").removeprefix("The ")):
            # "Kafr Batna", "Urum al-Kubra" tagged PERSON: the whole name is the place, never a part of it
            t = _entity_toponym(chunk, gaz, actors, ent.text, ent.start_char, "LOC", False)
            if t is not None:
                found.append(t)
                for i in range(ent.start, ent.end):
                    taken[i] = True
                continue
        if ent.label_ in ("NORP", "PERSON", "ORG", "LANGUAGE"):
            for i in range(ent.start, ent.end):
                blocked[i] = True
        facility = len(ent) > 1 and ent.label_ in ("ORG", "FAC") and _FACILITY_HEAD.search(ent.text) is not None
        if ent.label_ not in _ENT_LABELS and not facility:
            continue
        # "Thruxton, Hampshire" as one entity is two places, the second holding the first
        offset = extra = 0
        kept = False
        for part in ent.text.split(", ") if ent.label_ != "ORG" else (ent.text,):
            p0 = ent.start_char + offset
            offset += len(part) + 2
            pspan = doc.char_span(p0, p0 + len(part), alignment_mode="expand")
            if pspan is not None and any(taken[k] for k in range(pspan.start, pspan.end)):
                kept = True
                continue
            building = False
            if ent.label_ in _ENT_LABELS:
                part, extra, building = _extend(doc, gaz, ent, part, p0)
            pieces = _unglued(gaz, part) if ent.label_ in ("GPE", "LOC") and not building else None
            if pieces:
                # "Saraqeb Idlib", "Urum al-Kubra Aleppo": scraped text that lost the comma between two names
                ts = [_entity_toponym(chunk, gaz, actors, text, p0 + rel, ent.label_, False) for text, rel in pieces]
                if ts[0] is not None and ts[1] is not None:
                    ts[0].glued = ts[0].nameable = True
                found.extend(t for t in ts if t is not None)
                kept = kept or any(t is not None for t in ts)
                continue
            t = _entity_toponym(chunk, gaz, actors, part, p0, ent.label_, facility or building)
            if t is not None:
                found.append(t)
                kept = True
        if kept:
            for i in range(ent.start, min(len(doc), ent.end + extra)):
                taken[i] = True
    found.extend(_demonym_modifiers(chunk, taken))
    found.extend(_lookup_runs(chunk, gaz, actors, taken, blocked))
    return found


_BYLINE = re.compile(r"(?:\b(?:[Pp]osted|[Ww]ritten|[Ss]ubmitted|[Cc]omment(?:ed)?)\s+by|^[Bb]y)\s*:?\s*$",
                     re.MULTILINE)
_NAME_PARTICLES = frozenset({"al", "el", "ad", "ed", "ar", "er", "as", "es", "az", "ez", "ash", "ech", "an", "en", "at",
                             "et", "ibn", "bin", "bani", "beni", "abu", "umm", "um"})


def _glued_towns(chunk: Chunk, gaz: Gazetteer, actors: list[tuple[int, int]], ent: Span) -> list[Toponym] | None:
    """A person or organisation entity that is two place names run together, the first a place the
    gazetteer holds in the country of the second: the model's label is the lost comma's doing."""
    pieces = _unglued(gaz, ent.text)
    if pieces is None:
        return None
    (left, _), (right, rel) = pieces
    countries = {e.country for e in gaz.lookup(right)}
    if not any(e.country in countries and e.feature in ("city", "village") for e in gaz.lookup(left)):
        return None
    first = _entity_toponym(chunk, gaz, actors, left, ent.start_char, "LOC", False)
    second = _entity_toponym(chunk, gaz, actors, right, ent.start_char + rel, "LOC", False)
    if first is None or second is None:
        return None
    first.glued = True
    return [first, second]


def _unglued(gaz: Gazetteer, text: str) -> list[tuple[str, int]] | None:
    """A name the gazetteer does not know that ends in one it knows well (a town of 100,000 or more, a
    province, a country) after a name-shaped start: the two names, with their offsets. A trailing
    nationality adjective ("... Aleppo Russian", a headline run into the next words) is left out."""
    core, _ = _trim(text, 0)
    if gaz.lookup(core):
        return None
    words = text.split(" ")
    while len(words) > 2 and words[-1] in _demonyms():
        words.pop()
    for i in range(1, len(words)):
        left, right = " ".join(words[:i]), " ".join(words[i:])
        if not all(w[:1].isupper() or w.lower().startswith(("al-", "el-", "ad-", "ar-", "as-", "az-"))
                   for w in words[:i]) or fold(left) in _NOT_PLACES:
            return None
        if fold(right) in _NOT_PLACES or gaz.is_word(right) or gaz.is_word(left):
            continue  # "River North", "Old City": a word and a direction are one name, not two places
        if any(_exactish(right, e) and (e.feature in ("admin1", "country") or e.population >= 100_000)
               for e in gaz.lookup(right)):
            return [(left, 0), (right, len(left) + 1)]
    return None


def _extend(doc: Doc, gaz: Gazetteer, ent: Span, part: str, p0: int) -> tuple[str, int, bool]:
    """The model often stops a name short ("Baja" California, "Boa" Vista, "St. Peter's" Basilica): the words
    that follow are kept when they complete a gazetteer name or name a building of the place. Returns the
    text, the number of tokens added, and whether it became a building's name."""
    if p0 + len(part) != ent.end_char:
        return part, 0, False
    nxt = [tok for tok in doc[ent.end:ent.end + 4]]
    for width in range(len(nxt), 0, -1):
        words = nxt[:width]
        # "Boa" Vista, "Deir" ez-Zor, "Ras" al-Ain: capitalised words, or Arabic articles joined by hyphens
        if not (words[-1].is_title and words[-1].is_alpha) or not all(
                (w.is_title and w.is_alpha) or w.text == "-" or w.lower_ in _NAME_PARTICLES for w in words):
            continue
        longer = doc.text[p0:words[-1].idx + len(words[-1].text)]
        if any(e.curated or _exactish(longer, e) for e in gaz.lookup(longer)):
            return longer, width, False
    if nxt and nxt[0].is_title and _FACILITY_HEAD.fullmatch(nxt[0].text) and nxt[0].text not in ("Area", "District"):
        return doc.text[p0:nxt[0].idx + len(nxt[0].text)], 1, True
    return part, 0, False


def _entity_toponym(chunk: Chunk, gaz: Gazetteer, actors: list[tuple[int, int]], raw: str, start_char: int,
                    label: str, facility: bool) -> Toponym | None:
    text, rel = _trim(raw, 0)
    if not gaz.lookup(text):
        text, rel = _without_scrape_noise(gaz, text, rel)
    whole = _POSSESSIVE.sub("", raw.removeprefix("the ").removeprefix("The "))
    if whole != text and any(e.curated or _exactish(whole, e) for e in gaz.lookup(whole)):
        text, rel = whole, raw.index(whole)  # "Northern Europe" is a region, not a direction from Europe
    if not text or not any(ch.isalpha() for ch in text):
        return None
    start = chunk.start + start_char + rel
    end = start + len(text)
    if fold(text) in _NOT_PLACES:
        return None
    entries = _plausible(text, gaz.lookup(text), 50_000 if label != "FAC" and not facility else 10**9)
    if facility:
        # a hospital, a street, a stadium: named places that the gazetteer rarely holds; kept unplaced
        entries = [e for e in entries if _exactish(text, e)]
        return Toponym(start, end, text, entries, 2, nameable=True)
    if not entries and (label == "FAC" or " " not in text or text.islower()):
        return None  # "Iraqi", "Daesh", a road: nothing the gazetteer can place
    actor = _overlaps_actor(actors, start, end)
    if actor is not None and (actor[0] < start or actor[1] > end or not entries):
        return None  # part of an actor's name ("Syrian Army", "Islamic State of Iraq")
    # a many-word GPE the gazetteer does not know is as often a person's or a company's name: kept
    # unplaced only with a geographic head word, a cue before it, or as the model's LOC/FAC
    local = start - chunk.start
    nameable = bool(entries) or label != "GPE" or _GEO_HEAD.search(text) is not None or \
        _PLACE_CUE.search(chunk.text, max(0, local - 30), local) is not None
    return Toponym(start, end, text, entries, 2, word=gaz.is_word(text), lower=text.islower(), nameable=nameable)


def _demonym_modifiers(chunk: Chunk, taken: list[bool]) -> list[Toponym]:
    """Place adjectives used literally: "the Turkish border", "European countries", "the Syrian-Turkish border"."""
    doc = chunk.doc
    table = _demonyms()
    out: list[Toponym] = []
    n = len(doc)
    for i, tok in enumerate(doc):
        if taken[i] or not tok.is_title:
            continue
        width, entry = 0, None
        if i + 1 < n and (e2 := table.get(f"{tok.text} {doc[i + 1].text}")) is not None:
            width, entry = 2, e2
        elif (e1 := table.get(tok.text)) is not None:
            width, entry = 1, e1
        if entry is None or any(taken[j] for j in range(i, i + width)):
            continue
        # the noun the adjective modifies, past other adjectives: "Syrian Kurdish enclave", "Syrian-Turkish border"
        j = i + width
        while j < n and j < i + width + 4 and (doc[j].pos_ in ("ADJ", "PROPN", "PUNCT", "CCONJ") and
                                               doc[j].text not in (",", ".", ";", ":") and
                                               doc[j].lower_ not in _LITERAL_HEADS):
            j += 1
        if j >= n or doc[j].lower_ not in _LITERAL_HEADS or doc[j].pos_ not in ("NOUN", "PROPN"):
            continue
        if j + 2 < n and doc[j + 1].lower_ == "of" and doc[j + 2].is_title:
            continue  # "the Iraqi city of Mosul": the place is the name that follows
        span = doc[i:i + width]
        start, end = chunk.span(span.start_char, span.end_char)
        out.append(Toponym(start, end, span.text, [entry], 2, detail={"modifier": 1}))
    return out


def _abbreviation_mentions(chunk: Chunk, taken: list[bool]) -> list[Toponym]:
    """US states and Canadian provinces abbreviated after a place: "Fresno, Calif.", "Walker County (Ga.)"."""
    pattern, table = _abbreviations()
    ctext = chunk.text
    out: list[Toponym] = []
    doc = chunk.doc
    for m in pattern.finditer(ctext):
        if _ABBREV_CONTEXT.search(ctext, max(0, m.start() - 4), m.start()) is None:
            continue
        before = ctext[:m.start()].rstrip(" ,(")
        if not before or not (before[-1].isupper() or before[-1] in ".)" or before.split()[-1][:1].isupper()):
            continue
        if before.endswith("Washington") or ctext.startswith("-", m.end()):
            continue  # "Washington, D.C." names the city; "FL-25" a congressional district
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is not None and any(taken[k] for k in range(span.start, span.end)):
            continue
        start, end = chunk.span(m.start(), m.end())
        out.append(Toponym(start, end, m.group(), [table[m.group()]], 2))
        if span is not None:
            for k in range(span.start, span.end):
                taken[k] = True
    return out


def _lookup_runs(chunk: Chunk, gaz: Gazetteer, actors: list[tuple[int, int]], taken: list[bool],
                 blocked: list[bool]) -> list[Toponym]:
    """Gazetteer names among the tokens no place entity covers, longest first."""
    doc = chunk.doc
    ctext = doc.text
    out: list[Toponym] = []
    n = len(doc)
    i = 0
    max_words = min(gaz.max_words, 4)
    while i < n:
        tok = doc[i]
        if taken[i] or not tok.is_alpha or len(tok.text) < 2 or tok.lower_ == "the":
            i += 1
            continue
        lower = tok.is_lower
        if not lower and not (tok.is_title or tok.is_upper):
            i += 1
            continue
        hit = None
        for width in range(min(max_words, n - i), 0, -1):
            span = doc[i:i + width]
            if any(taken[j] for j in range(i, i + width)):
                continue
            last = span[-1]
            if width == 1 and len(tok.text) < 3:
                continue
            if width > 1 and (last.lower_ in ("the", "a", "an", "of", "and") or
                              any(x.is_punct and x.text not in ("-", "'", "’") for x in span)):
                continue  # "Muscat: The" folds like "Muscat", but the article is not part of the name
            if not (last.is_alpha and (last.is_title or last.is_upper or last.is_lower == lower)):
                continue
            entries = _plausible(span.text, gaz.lookup(span.text), 100_000)
            if entries and fold(span.text) not in _NOT_PLACES:
                hit = (width, span, entries)
                break
        if hit is None:
            i += 1
            continue
        width, span, entries = hit
        start = chunk.start + span.start_char
        end = chunk.start + span.end_char
        before = ctext[max(0, span.start_char - 40):span.start_char]
        cue = _STRONG_CUE.search(before) is not None
        ok = _admissible(span, entries, lower, cue)
        if ok and _overlaps_actor(actors, start, end) is None:
            weak = any(blocked[j] for j in range(span.start, span.end))
            out.append(Toponym(start, end, span.text, entries, 2 if cue else 0 if weak else 1,
                               word=gaz.is_word(span.text), lower=lower))
            for j in range(i, i + width):
                taken[j] = True
            i += width
        else:
            i += 1
    return out


def _plausible(text: str, entries: list[Entry], min_pop: int) -> list[Entry]:
    """Candidates named by their main name, curated ones, and big places by any name.

    GeoNames' alternate names include airport codes and rare spellings ("June" for Jounieh);
    a match on one of those is only believed for a big place.
    """
    key = fold(text)
    if text.isupper() and len(text) <= 5:
        # "SDF", "PMU", "EIB": an acronym only names a place by a hand-checked alias ("US", "UAE") or by its
        # very name written in capitals; a fold-alike main name ("EIB" / Ibb) is a coincidence
        return [e for e in entries if (e.curated and e.feature == "country") or light(text) in (light(e.name),
                                                                                                  light(e.asciiname))]
    if " " in key:
        min_pop = 10**9  # "White House" is an alternate name of Casablanca: many-word nicknames are not believed
    return [e for e in entries if e.curated or e.feature == "site" or e.population >= min_pop or _primary(key, e)]


def _primary(key: str, e: Entry) -> bool:
    return key in (fold(e.name), fold(e.asciiname)) or _hand_named(e)


def _hand_named(e: Entry) -> bool:
    """A town, district or site of the hand-written supplement: every name it is listed under was chosen
    as a spelling the press uses for it, as good as its main name (its lookup keys are those names)."""
    return e.curated and e.feature in ("city", "village", "site")


def _admissible(span: Span, entries: list[Entry], lower: bool, cue: bool) -> bool:
    first = span[0]
    if lower:
        # comment threads write "mosul", "raqqa": only names of big cities, never ordinary words
        if first.is_stop or span.root.pos_ in ("VERB", "AUX", "ADP", "DET", "PRON", "CCONJ", "SCONJ", "ADV"):
            return False
        return any(e.feature == "city" and e.population >= _MIN_LOWER_POP and _exactish(span.text, e)
                   for e in entries)
    # the small model often calls an unfamiliar town a NOUN; a capitalised noun inside a sentence will do
    if not cue and span.root.pos_ != "PROPN" and not (span.root.pos_ == "NOUN" and not first.is_sent_start):
        return False
    if first.is_sent_start and len(span) == 1 and first.is_stop:
        return False
    if cue:
        return True
    # a site or district written as the supplement spells it is checked by hand; the focus test still applies
    return any(e.feature in ("country", "admin1", "region", "water") or e.population >= 20_000
               or (e.curated and _exactish(span.text, e)) for e in entries)


@lru_cache(maxsize=65536)
def _spelling(name: str) -> str:
    """``light`` with the abbreviations English writes either way ("St. Petersburg" / Saint Petersburg)."""
    return " ".join(_ABBREVIATED.get(w, w) for w in light(name).split())


_ABBREVIATED = {"saint": "st", "sainte": "ste", "mount": "mt", "fort": "ft"}


def _exactish(text: str, entry: Entry) -> bool:
    if _hand_named(entry):
        return True  # reached through one of its hand-chosen names (the lookup matched one)
    key = _spelling(text)
    return key in (_spelling(entry.name), _spelling(entry.asciiname))


def _link_containment(toponyms: list[Toponym], text: str) -> None:
    """Mark "Mosul, Nineveh" / "Springfield, Illinois": the second names what holds the first."""
    for k in range(len(toponyms) - 1):
        a, b = toponyms[k], toponyms[k + 1]
        gap = text[a.end:b.start]
        if (gap.strip() == "," and len(gap) <= 3) or (a.glued and gap == " "):
            a.next_to = k + 1


# "Idlib Governorate", "Donetsk Oblast": the division's name without the word for a division
_DIVISION = re.compile(r"\s+(?:Governorate|Province|Oblast|Region|State|Muhafazah|Wilayah)$")
_QUARTER_OF = re.compile(r"\s+(?:neighbou?rhoods?|districts?|quarters?|suburbs?|area)\s+(?:of|in)\s+(?:the\s+)?"
                         r"(?:(?:city|town)\s+of\s+)?", re.IGNORECASE)
_QUARTER_KM = 40.0
_IN_AREA = re.compile(r"\s+in\s+(?:the\s+)?(?:(?:north|south|east|west)\w*\s+)?$", re.IGNORECASE)


def _drop_contradicted(toponyms: list[Toponym], text: str) -> None:
    """"the town of Hass in Idlib province": a pick outside the province or country that the text puts
    the place in is some namesake; the place stays unplaced (and held by that province) rather than wrong."""
    for k in range(len(toponyms) - 1):
        t, holder = toponyms[k], toponyms[k + 1]
        area = holder.best
        if t.best is None or area is None or t.best.feature in _AREAS:
            continue
        if area.feature in ("city", "village") and _QUARTER_OF.fullmatch(text, t.end, holder.start):
            # "the Zahra neighbourhood of Homs": a quarter lies within reach of its city
            if _km(t.best.lat, t.best.lon, area.lat, area.lon) > _QUARTER_KM:
                fits = [e for e in t.entries if _km(e.lat, e.lon, area.lat, area.lon) <= _QUARTER_KM]
                t.best = fits[0] if len(fits) == 1 else None
                if t.best is None:  # a quarter the gazetteer lacks: kept by name, in its city
                    t.entries, t.strength, t.nameable = [], 2, True
            continue
        if area.feature not in ("country", "admin1"):
            continue
        if not (t.next_to == k + 1 or _IN_AREA.fullmatch(text, t.end, holder.start)):
            continue
        inside = t.best.country == area.country and (area.feature == "country" or t.best.admin1 == area.admin1)
        if inside:
            continue
        fits = [e for e in t.entries if e.country == area.country and
                (area.feature == "country" or e.admin1 == area.admin1)]
        t.best = fits[0] if len(fits) == 1 else None
        if t.best is None:
            t.entries = []  # nothing the gazetteer holds fits: a village it lacks, kept by name


# ---------------------------------------------------------------- resolving

@dataclass(slots=True)
class _Names:
    """What a toponym's candidate list says about itself, computed once per toponym."""

    key: str
    primary: bool = False  # some candidate is called so by its main name
    city_countries: frozenset[str] = frozenset()  # countries holding a city or village of the name


def _names(t: Toponym) -> _Names:
    key = fold(t.text)
    return _Names(key, any(_primary(key, e) for e in t.entries),
                  frozenset(e.country for e in t.entries if e.feature in ("city", "village")))


def _prior(t: Toponym, e: Entry, names: _Names | None = None, capitals: frozenset[int] = frozenset()) -> float:
    # a division's population is the sum of its towns': its feature prior already says it is big
    # (a tenth of its weight still parts two same-named provinces: South Africa's North West, Botswana's)
    pop = 0 if e.feature == "admin1" else e.population
    if pop == 0 and _hand_named(e):
        pop = _NOTABLE_POP  # the supplement holds a place because the press names it: not a hamlet of nobody
    prior = _FEATURE_PRIOR.get(e.feature, 0.0) + (0.1 * math.log10(e.population + 1) if e.feature == "admin1" else 0.0)
    if e.feature == "admin2" and names is not None and e.country not in names.city_countries:
        prior = _LONE_DIVISION_PRIOR
    score = prior + math.log10(pop + 1)
    if _exactish(t.text, e):
        score += 1.5
    elif e.feature in ("admin1", "admin2") and not _primary(fold(t.text), e):
        score -= 1.0  # "Deir Ezzur" names the city; its province is called so only by an alias
    if names is not None and names.primary and e.feature in ("city", "village") and not _primary(names.key, e):
        score -= _BY_NAME_PENALTY  # "Southold" is the village so named, not a city listing it among its by-names
    if e.geonameid in capitals:
        score += _CAPITAL_PRIOR
    return score


def _state_context(toponyms: list[Toponym], k: int, text: str, province: Entry) -> bool:
    """Whether the words or the names around a toponym make it a state or province, not a same-named city."""
    t = toponyms[k]
    if text.startswith((", D.C.", " D.C.", ", DC", " DC"), t.end):
        return False
    if _STATE_AFTER.match(text, t.end, t.end + 14) or _STATES_AFTER.match(text, t.end, t.end + 80) or \
            _STATE_BEFORE.search(text, max(0, t.start - 20), t.start):
        return True
    if k and toponyms[k - 1].next_to == k and any(e.admin1 == province.name and e.country == province.country
                                                  for e in toponyms[k - 1].entries):
        return True  # "Tacoma, Washington": the place before lies in the province
    for j in (k - 1, k + 1):  # "California or Washington", "Oregon, Washington and Idaho"
        if 0 <= j < len(toponyms):
            o = toponyms[j]
            gap = text[o.end:t.start] if j < k else text[t.end:o.start]
            # a neighbour that is a province only (not "New York", a city too) makes a list of provinces
            if (o.best is not None and o.best.feature == "admin1" and _COORDINATION.match(gap)
                    and not any(e.feature == "city" and e.population >= 100_000 for e in o.entries)):
                return True
    return False


def _disambiguate(toponyms: list[Toponym], text: str = "", capitals: frozenset[int] = frozenset()) -> None:
    names = [_names(t) for t in toponyms]
    for t, nm in zip(toponyms, names, strict=True):
        if t.entries:
            t.best = max(t.entries, key=lambda e, t=t, nm=nm: (_prior(t, e, nm, capitals),  # type: ignore[misc]
                                                                 -abs(e.geonameid)))
    # document focus: the countries of the first-pass picks, a country named outright weighing most
    focus: Counter[str] = Counter()
    # and its first-order divisions (a state's counties and towns), each name's own share kept apart
    divisions: Counter[tuple[str, str]] = Counter()
    own: Counter[tuple[str, str, str]] = Counter()
    own_country: Counter[tuple[str, str]] = Counter()
    for t in toponyms:
        if t.best is not None and t.best.country:
            weight = 2 if t.best.feature == "country" else 1
            focus[t.best.country] += weight
            own_country[(t.text, t.best.country)] += weight
            if t.best.admin1:
                divisions[(t.best.country, t.best.admin1)] += 1
                own[(t.text, t.best.country, t.best.admin1)] += 1
    total = sum(focus.values()) or 1
    total_div = sum(divisions.values()) or 1
    picked = Counter(t.text for t in toponyms if t.best is not None)  # a name's own share of the focus
    top = max(focus.values(), default=0)
    anchors = [(t.best.lat, t.best.lon) for t in toponyms
               if t.best is not None and len(t.entries) == 1 and t.best.feature in ("city", "village")]
    for k, t in enumerate(toponyms):
        if len(t.entries) < 2:
            continue
        holder = toponyms[t.next_to].best if t.next_to is not None else None
        # "Thruxton, Hampshire": the countries the held place can lie in pick the holder's namesake
        held = {e.country for e in toponyms[k - 1].entries} if k and toponyms[k - 1].next_to == k else set()

        biggest = max((e.population for e in t.entries if e.feature == "city"), default=0)
        capital = next((e for e in t.entries if e.geonameid in capitals), None)

        def score(e: Entry, t: Toponym = t, holder: Entry | None = holder, held: set[str] = held,
                  biggest: int = biggest, nm: _Names = names[k], capital: Entry | None = capital) -> float:
            # an ocean or a continent lies in no country but in every document's frame
            # a name's own first-pass picks are no evidence for themselves ("North West" twice in Botswana)
            pull = _FOCUS * ((focus[e.country] - own_country[(t.text, e.country)]) if e.country else top) / total
            # (a hand-checked district or village has no population figure: size says nothing of it)
            if e.feature in ("city", "village") and not (e.curated and e.population == 0) and (
                    e.population * 300 < biggest or
                    (capital is not None and e is not capital and e.population * 10 < capital.population)):
                pull *= 0.25  # a world city outweighs a small namesake in the document's country ("London", Ohio)
            elif e.feature in ("city", "village") and e.population * 5 < biggest and not e.curated:
                pull *= 0.6  # and a city five times its size outweighs it in part ("Colchester", Vermont)
            s = _prior(t, e, nm, capitals) + pull
            if e.admin1 and e.feature not in ("country", "admin1"):
                key = (e.country, e.admin1)
                s += _ADMIN_FOCUS * (divisions[key] - own[(t.text, *key)]) / total_div
            if holder is not None and holder.feature in ("country", "admin1") and e.country == holder.country:
                s += 4.0 if holder.feature == "country" or e.admin1 == holder.admin1 else 2.0
            if held and e.feature in _AREAS and e.country in held:
                s += 3.0 if len(held) == 1 else 1.0
            if anchors and e.feature in ("city", "village"):
                near = min(_km(e.lat, e.lon, lat, lon) for lat, lon in anchors[:50])
                s += 2.0 if near < 200 else 1.0 if near < 600 else 0.0
            return s

        t.best = max(t.entries, key=lambda e: (score(e), -abs(e.geonameid)))
        best = t.best
        if best.feature in ("city", "village") and text:
            # "Washington state", "central New York": the province named like its city
            province = next((e for e in t.entries if e.feature == "admin1" and e.country == best.country
                             and (_exactish(t.text, e) or _spelling(t.text) == _spelling(_DIVISION.sub("", e.name)))),
                            None)
            if province is not None and _state_context(toponyms, k, text, province):
                t.best = province
    # "New York": a province whose name the press also gives its metropolis (GeoNames lists the city under it
    # only as an alternate name) means the city, unless the words around it make it the province
    gaz = gazetteer.get()
    for k, t in enumerate(toponyms):
        division = t.best
        if division is None or division.feature != "admin1" or not text or \
                _state_context(toponyms, k, text, division):
            continue
        metropolis = next((e for e in gaz.lookup(t.text) if e.feature == "city" and e.country == division.country
                           and e.admin1 == division.admin1 and e.population >= 1_000_000), None)
        if metropolis is not None:
            t.best = metropolis
    # one sense per document: "Parkland, Florida" settles the bare "Parkland" that follows
    settled = {t.text: t.best for t in toponyms if t.next_to is not None and t.best is not None and len(t.entries) > 1
               and (h := toponyms[t.next_to].best) is not None and h.feature in ("country", "admin1", "admin2")}
    for t in toponyms:
        if t.next_to is None and t.text in settled and t.best is not None:
            t.best = settled[t.text]

    # a name only the lookup found is believed when it is an area, a big city, or lies in the document's
    # focus near the places the model itself found
    points = [(t.best.lat, t.best.lon) for t in toponyms
              if t.strength >= 2 and t.best is not None and t.best.feature in ("city", "village")]
    for t in toponyms:
        if t.best is None:
            continue
        if t.best.curated:
            # a supplement town found only by the lookup ("Maria" folds like a Syrian village's by-name)
            # needs the document to be about its country
            if t.strength < 2 and _hand_named(t.best) and \
                    (focus[t.best.country] - own_country[(t.text, t.best.country)]) / total < 0.1:
                t.best = None
            continue
        if t.next_to is not None and _lies_in(t.best, toponyms[t.next_to].best):
            continue  # "Boise, Idaho", "Klamath Falls, Oregon": the province it is written with vouches for it
        if t.strength >= 2:
            if t.best.feature == "site":
                continue  # an airport or landmark: its names were chosen by the build
            # the model's entity, matched only through spelling folding to a small place far from the
            # document's countries: a person's or an organisation's likeness ("Buhari" / Bohari)
            if (not _exactish(t.text, t.best) and t.best.population < 100_000
                    and (focus[t.best.country] - picked[t.text]) / total < 0.1 and t.best.feature not in _AREAS):
                t.best = None
            continue
        if not _primary(fold(t.text), t.best):
            t.best = None  # a person's or a word's likeness to some place's by-name
            continue
        if t.best.feature in _AREAS:
            if not _exactish(t.text, t.best):
                t.best = None  # a division matched only through folding ("Hate" / Hatay): a word's likeness
            continue
        share = focus[t.best.country] / total
        big = t.best.population >= (100_000 if t.strength == 1 else 500_000)
        near = any(_km(t.best.lat, t.best.lon, lat, lon) < 800 for lat, lon in points[:50])
        if not (big or (share >= 0.1 and near and (t.best.population >= 1000 or t.best.curated))):
            t.best = None
    # an English word ("man", "Mobile", "Orange") names a place only where the document also names that
    # place otherwise, or where the model or a cue phrase took the capitalised word for a place
    named = {t.best.geonameid for t in toponyms if t.best is not None and not t.word}
    for t in toponyms:
        if (t.word and t.best is not None and t.best.geonameid not in named
                and (t.lower or (t.strength < 2 and t.best.feature not in _AREAS))):
            t.best = None


def _lies_in(e: Entry, area: Entry | None) -> bool:
    if area is None or area.feature not in ("country", "admin1") or e.feature in _AREAS:
        return False
    return e.country == area.country and (area.feature == "country" or e.admin1 == area.admin1)


def _drop_person_names(toponyms: list[Toponym], chunks: list[Chunk]) -> None:
    """A one-word toponym that the document uses at least as often inside persons' names is that person
    ("Tyler", "Barry"), unless it names an area. The small model also calls unfamiliar towns persons,
    so a name the document mostly uses on its own stays a place ("Mosul")."""
    people: Counter[str] = Counter()
    for chunk in chunks:
        for ent in chunk.doc.ents:
            if ent.label_ == "PERSON" and len(ent) > 1:
                people.update(tok.text for tok in ent if tok.is_title)
        for tok in chunk.doc:
            # "said Noma", "Barry admitted": a name that speaks is a person's (a capital that "said" is a
            # government, which the area test below keeps)
            if tok.dep_ == "nsubj" and tok.pos_ == "PROPN" and tok.head.lemma_ in _SPEECH_VERBS:
                people[tok.text] += 2
    if not people:
        return
    alone = Counter(t.text for t in toponyms)
    for t in toponyms:
        if " " in t.text or people[t.text] < alone[t.text]:
            continue
        if t.best is None or (t.best.feature not in _AREAS and t.best.population < 1_000_000):
            t.best = None
            t.nameable = False


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


def _relation(text: str, start: int) -> dict[str, str | float | int | None]:
    m = _RELATION.search(text, max(0, start - 60), start)
    if m is None:
        return {}
    out: dict[str, str | float | int | None] = {}
    direction = m.group("dir") or m.group("adj") or (m.group("odir") or "").strip()
    if direction:
        out["relation"] = direction.lower().removesuffix("ern").replace("-", "")
    if m.group("out") or m.group("outs"):
        out["relation"] = f"{out['relation']} outskirts" if "relation" in out else "outskirts"
    if m.group("near"):
        out["relation"] = "near"
    if m.group("dist"):
        dist = float(m.group("dist").replace(",", "."))
        if (m.group("unit") or "").lower().startswith("mi"):
            dist *= 1.609
        out["distance_km"] = round(dist, 1)
    return out


__all__ = ["fold", "resolve_places"]
