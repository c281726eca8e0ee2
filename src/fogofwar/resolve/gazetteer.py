"""The gazetteer: GeoNames places (see data/gazetteer/gazetteer.json) indexed by folded name.

The SQLite file is read once per process, at the first lookup, into an in-memory index
folded name -> candidate entries; lookups after that are dictionary hits.
"""

from __future__ import annotations

import sqlite3
import threading
from importlib.resources import files
from typing import NamedTuple

from fogofwar.resolve.names import fold

# features that name an area rather than a point; their entries outrank a same-named village
AREA_FEATURES = frozenset({"country", "admin1", "admin2", "region", "water"})
# "site": an airport or a landmark (White House, Kremlin), whose names the build chose deliberately


class Entry(NamedTuple):
    """One gazetteer row (a NamedTuple: 235k of them are built at load time, and tuples build fastest)."""

    geonameid: int  # negative for rows that have no GeoNames id (supplement.csv / admin1.csv)
    name: str
    asciiname: str
    feature: str
    country: str
    admin1: str
    lat: float
    lon: float
    population: int
    curated: bool

    @property
    def public_id(self) -> int | None:
        return self.geonameid if self.geonameid > 0 else None


_NONE: list[Entry] = []


class Gazetteer:
    def __init__(self, entries: list[Entry], keys: dict[str, list[Entry]], words: frozenset[str] = frozenset(),
                 capitals: frozenset[int] = frozenset()) -> None:
        self._entries = {e.geonameid: e for e in entries}
        # GeoNames ids of national capitals ("Washington" in world news is the capital, not a namesake town)
        self.capitals = capitals
        # lower-case English words that are also some place's name ("man", "mobile", "nice")
        self.words = words
        self._keys = keys
        self.max_words = max((k.count(" ") + 1 for k in keys), default=1)
        self.countries = {e.country: e for e in entries if e.feature == "country"}

    def __len__(self) -> int:
        return len(self._entries)

    def key_count(self) -> int:
        return len(self._keys)

    def lookup(self, name: str) -> list[Entry]:
        return self._keys.get(fold(name), _NONE)

    def lookup_key(self, key: str) -> list[Entry]:
        return self._keys.get(key, _NONE)

    def is_word(self, text: str) -> bool:
        """Whether ``text`` (any case) is an English dictionary word that some place is also named."""
        return text.lower() in self.words

    def by_id(self, geonameid: int) -> Entry | None:
        return self._entries.get(geonameid)

    def country(self, iso: str) -> Entry | None:
        return self.countries.get(iso)


_LOCK = threading.Lock()
_CACHE: list[Gazetteer] = []


def _load() -> Gazetteer:
    path = files("fogofwar") / "data" / "gazetteer" / "gazetteer.sqlite"
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = con.execute("SELECT geonameid, name, asciiname, names, feature, country, admin1, lat, lon, population,"
                           " curated FROM place").fetchall()
        admin1 = dict(con.execute("SELECT code, name FROM admin1").fetchall())
        words = frozenset(w for (w,) in con.execute("SELECT word FROM word"))
        has_capitals = con.execute("SELECT 1 FROM sqlite_master WHERE name = 'capital'").fetchone() is not None
        capitals = frozenset(g for (g,) in con.execute("SELECT geonameid FROM capital")) if has_capitals \
            else frozenset()
    finally:
        con.close()
    entries: list[Entry] = []
    index: dict[str, list[Entry]] = {}
    for gid, name, asciiname, names, feature, country, code, lat, lon, pop, curated in rows:
        # the build leaves asciiname empty where it equals the name, to keep the file small
        entry = Entry(gid, name, asciiname or name, feature, country, admin1[code], lat, lon, pop, bool(curated))
        entries.append(entry)
        for key in names.split("|"):
            bucket = index.get(key)
            if bucket is None:
                index[key] = [entry]
            else:
                bucket.append(entry)
    return Gazetteer(entries, index, words, capitals)


def get() -> Gazetteer:
    """The process-wide gazetteer, loaded at the first call."""
    if not _CACHE:
        with _LOCK:
            if not _CACHE:
                _CACHE.append(_load())
    return _CACHE[0]


def loaded() -> bool:
    return bool(_CACHE)
