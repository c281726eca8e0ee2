"""The actor table: loading, validation and user extension of data/actors/actors.yaml.

The bundled table is read once per process; ``use_actor_files`` (the CLI's ``--actors FILE``)
adds user files in the same format before analysis starts. A user entry whose canonical name
already exists extends that actor's aliases; any other entry is a new actor.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from fogofwar.errors import FogofwarError
from fogofwar.resolve.names import light

TABLE_PATH = Path(__file__).resolve().parents[1] / "data" / "actors" / "actors.yaml"
ACTOR_TYPES = frozenset({
    "state_force", "armed_group", "government", "international_org", "person", "media",
    "civilians", "organisation",
})
_QID = re.compile(r"^Q[1-9][0-9]*$")
_ISO2 = re.compile(r"^[A-Z]{2}$")


class ActorTableError(FogofwarError):
    """The actor table (bundled or a user's file) is malformed: the message names the entry."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ActorEntry:
    canonical: str
    type: str
    wikidata: str | None = None
    country: str | None = None
    parent: str | None = None
    active_from: int | None = None
    active_to: int | None = None
    aliases: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()  # e.g. "jihadist": what "the jihadists" may point back to

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name and every alias: each is a way the text may name the actor."""
        return (self.canonical, *self.aliases)


@dataclass(frozen=True, slots=True, kw_only=True)
class DemonymForces:
    demonyms: tuple[str, ...]
    default: str
    by_group: tuple[tuple[str, str], ...] = ()  # (noun group, actor canonical) overriding default

    def target(self, group: str) -> str:
        return dict(self.by_group).get(group, self.default)


@dataclass(frozen=True, slots=True, kw_only=True)
class GenericGroup:
    name: str
    words: tuple[str, ...]
    by_country: tuple[tuple[str, str], ...] = ()  # (ISO2, actor canonical)


@dataclass(frozen=True, slots=True, kw_only=True)
class ActorTable:
    version: str
    source: str
    entries: tuple[ActorEntry, ...]
    ambiguous: frozenset[str] = frozenset()
    demonym_forces: tuple[DemonymForces, ...] = ()
    force_nouns: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (group, nouns)
    people_nouns: tuple[tuple[str, str], ...] = ()
    metonyms: tuple[tuple[str, str], ...] = ()
    generic_groups: tuple[GenericGroup, ...] = ()
    context_places: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (ISO2, names)
    _by_canonical: dict[str, ActorEntry] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._by_canonical.update({e.canonical: e for e in self.entries})

    def get(self, canonical: str) -> ActorEntry | None:
        return self._by_canonical.get(canonical)

    def __len__(self) -> int:
        return len(self.entries)

    def country_actor(self, iso: str) -> ActorEntry | None:
        """The state itself as an actor: the top-level government entry of that country."""
        for e in self.entries:
            if e.type == "government" and e.country == iso and e.parent is None:
                return e
        return None

    def forces_of(self, iso: str) -> ActorEntry | None:
        """The actor that "<demonym> forces" names for this country."""
        for d in self.demonym_forces:
            entry = self.get(d.default)
            if entry is not None and entry.country == iso and entry.type == "state_force":
                return entry
        return None


# ---------------------------------------------------------------- reading

def _fail(where: str, msg: str) -> ActorTableError:
    return ActorTableError(f"{where}: {msg}. Fix the entry (format: src/fogofwar/data/actors/README.md).")


def _strs(value: Any, where: str, what: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str | int | float) for v in value):
        raise _fail(where, f"{what} must be a list of names")
    return tuple(str(v).strip() for v in value if str(v).strip())


def _entry(raw: Any, where: str) -> ActorEntry:
    if not isinstance(raw, dict):
        raise _fail(where, "an actor entry must be a mapping with at least `canonical` and `type`")
    canonical = str(raw.get("canonical") or "").strip()
    if not canonical:
        raise _fail(where, "entry has no `canonical` name")
    where = f"{where} ({canonical!r})"
    unknown = set(raw) - {"canonical", "wikidata", "type", "country", "parent", "active", "aliases", "tags"}
    if unknown:
        raise _fail(where, f"unknown field(s) {sorted(unknown)}")
    active = raw.get("active") or [None, None]
    if not isinstance(active, list) or len(active) != 2 or not all(a is None or isinstance(a, int) for a in active):
        raise _fail(where, "`active` must be [from_year, to_year] with null for unknown / still active")
    return ActorEntry(
        canonical=canonical,
        type=str(raw.get("type") or ""),
        wikidata=raw.get("wikidata") or None,
        country=raw.get("country") or None,
        parent=raw.get("parent") or None,
        active_from=active[0],
        active_to=active[1],
        aliases=_strs(raw.get("aliases"), where, "`aliases`"),
        tags=_strs(raw.get("tags"), where, "`tags`"),
    )


def _read(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ActorTableError(f"{path}: cannot read the actor file ({exc.strerror}). Check the path.") from exc
    except yaml.YAMLError as exc:
        raise ActorTableError(f"{path}: not valid YAML ({exc}). Fix the syntax.") from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ActorTableError(f"{path}: an actor file is a mapping with an `actors:` list. See the README.")
    return data


def _merge_entry(old: ActorEntry, new: ActorEntry) -> ActorEntry:
    aliases = old.aliases + tuple(a for a in new.aliases if a not in old.aliases)
    return ActorEntry(
        canonical=old.canonical,
        type=new.type or old.type,
        wikidata=new.wikidata or old.wikidata,
        country=new.country or old.country,
        parent=new.parent or old.parent,
        active_from=new.active_from if new.active_from is not None else old.active_from,
        active_to=new.active_to if new.active_to is not None else old.active_to,
        aliases=aliases,
        tags=old.tags + tuple(t for t in new.tags if t not in old.tags),
    )


def _pairs(value: Any, where: str) -> list[tuple[str, str]]:
    if value is None:
        return []
    if not isinstance(value, dict):
        raise _fail(where, "must be a mapping of name: actor")
    return [(str(k), str(v)) for k, v in value.items()]


def load_actor_table(extra: Sequence[Path] = ()) -> ActorTable:
    """Read the bundled table, merge the user files in order, validate, and return it."""
    sources: list[tuple[Path, dict[str, Any]]] = [(TABLE_PATH, _read(TABLE_PATH))]
    sources += [(Path(p), _read(Path(p))) for p in extra]
    entries: dict[str, ActorEntry] = {}
    ambiguous: set[str] = set()
    demonyms: list[DemonymForces] = []
    force_nouns: dict[str, list[str]] = {}
    people: dict[str, str] = {}
    metonyms: dict[str, str] = {}
    generic: dict[str, GenericGroup] = {}
    context: dict[str, list[str]] = {}
    version, source = "", ""
    for path, data in sources:
        bundled = path == TABLE_PATH
        if bundled:
            version, source = str(data.get("version", "")), str(data.get("source", ""))
        elif data.get("version") is not None:
            version = f"{version}+{path.stem}"
        raw_actors = data.get("actors") or []
        if not isinstance(raw_actors, list):
            raise ActorTableError(f"{path}: `actors` must be a list of entries. See the README.")
        seen_here: set[str] = set()
        for i, raw in enumerate(raw_actors):
            entry = _entry(raw, f"{path} actors[{i}]")
            if entry.canonical in seen_here:
                raise _fail(f"{path} actors[{i}]", f"canonical name {entry.canonical!r} appears twice in this file")
            seen_here.add(entry.canonical)
            if entry.canonical in entries:
                if bundled:
                    raise _fail(f"{path} actors[{i}]", f"duplicate canonical name {entry.canonical!r}")
                entries[entry.canonical] = _merge_entry(entries[entry.canonical], entry)
            else:
                entries[entry.canonical] = entry
        ambiguous.update(_strs(data.get("ambiguous"), str(path), "`ambiguous`"))
        for i, raw in enumerate(data.get("demonym_forces") or []):
            where = f"{path} demonym_forces[{i}]"
            if not isinstance(raw, dict) or not raw.get("default"):
                raise _fail(where, "needs `demonyms` and `default`")
            groups = tuple((str(k), str(v)) for k, v in raw.items() if k not in ("demonyms", "default"))
            demonyms.append(DemonymForces(demonyms=_strs(raw.get("demonyms"), where, "`demonyms`"),
                                          default=str(raw["default"]), by_group=groups))
        for group, nouns in (data.get("force_nouns") or {}).items():
            force_nouns.setdefault(str(group), []).extend(_strs(nouns, f"{path} force_nouns", str(group)))
        people.update(_pairs(data.get("people_nouns"), f"{path} people_nouns"))
        metonyms.update(_pairs(data.get("metonyms"), f"{path} metonyms"))
        for name, raw in (data.get("generic_groups") or {}).items():
            where = f"{path} generic_groups.{name}"
            if not isinstance(raw, dict):
                raise _fail(where, "needs `words` and `by_country`")
            old = generic.get(str(name))
            words = (old.words if old else ()) + _strs(raw.get("words"), where, "`words`")
            by_country = dict(old.by_country if old else ())
            by_country.update(_pairs(raw.get("by_country"), where))
            generic[str(name)] = GenericGroup(name=str(name), words=words, by_country=tuple(by_country.items()))
        for iso, names in (data.get("context_places") or {}).items():
            context.setdefault(str(iso), []).extend(_strs(names, f"{path} context_places", str(iso)))
    table = ActorTable(
        version=version, source=source, entries=tuple(entries.values()), ambiguous=frozenset(ambiguous),
        demonym_forces=tuple(demonyms), force_nouns=tuple((g, tuple(n)) for g, n in force_nouns.items()),
        people_nouns=tuple(people.items()), metonyms=tuple(metonyms.items()),
        generic_groups=tuple(generic.values()), context_places=tuple((k, tuple(v)) for k, v in context.items()),
    )
    validate(table)
    return table


# ---------------------------------------------------------------- validation

def alias_key(name: str) -> str:
    """The key under which two aliases count as the same spelling (case and typography ignored)."""
    return light(name)


def _check_target(table: ActorTable, canonical: str, where: str) -> None:
    if table.get(canonical) is None:
        raise ActorTableError(f"{where}: names actor {canonical!r}, which is not in the table. "
                              "Add that actor or fix the name.")


def validate(table: ActorTable) -> None:
    """Raise ActorTableError naming the first bad entry: types, ids, parents, shared aliases, targets."""
    owner: dict[str, str] = {}
    ambiguous = {alias_key(a) for a in table.ambiguous}
    for e in table.entries:
        where = f"actor {e.canonical!r}"
        if e.type not in ACTOR_TYPES:
            raise ActorTableError(f"{where}: type {e.type!r} is not one of {sorted(ACTOR_TYPES)}.")
        if e.wikidata is not None and not _QID.match(str(e.wikidata)):
            raise ActorTableError(f"{where}: wikidata {e.wikidata!r} is not a Q-number (e.g. Q2429253) or null.")
        if e.country is not None and not _ISO2.match(str(e.country)):
            raise ActorTableError(f"{where}: country {e.country!r} is not an ISO 3166-1 alpha-2 code or null.")
        if e.parent is not None:
            if e.parent == e.canonical:
                raise ActorTableError(f"{where}: is its own parent.")
            _check_target(table, e.parent, f"{where} parent")
        for name in e.names:
            key = alias_key(name)
            if not key:
                continue
            other = owner.setdefault(key, e.canonical)
            if other != e.canonical and key not in ambiguous:
                raise ActorTableError(
                    f"{where}: alias {name!r} is also a name of {other!r}. Remove it from one of them, "
                    "or list it under `ambiguous:` if both really use it.")
    for d in table.demonym_forces:
        for _group, target in ((None, d.default), *d.by_group):
            _check_target(table, target, f"demonym_forces {list(d.demonyms)}")
    for word, target in (*table.people_nouns, *table.metonyms):
        _check_target(table, target, f"people_nouns/metonyms {word!r}")
    for g in table.generic_groups:
        for _iso, target in g.by_country:
            _check_target(table, target, f"generic_groups.{g.name}")
    _check_cycles(table)


def _check_cycles(table: ActorTable) -> None:
    for e in table.entries:
        seen = {e.canonical}
        parent = e.parent
        while parent is not None:
            if parent in seen:
                raise ActorTableError(f"actor {e.canonical!r}: its parent chain loops back through {parent!r}.")
            seen.add(parent)
            p = table.get(parent)
            parent = p.parent if p else None


# ---------------------------------------------------------------- process-wide table

_extra_files: tuple[Path, ...] = ()
_cached: ActorTable | None = None


def use_actor_files(paths: Iterable[Path | str]) -> None:
    """Add user actor files (the CLI's --actors) to the table every later analysis uses.

    Loading happens here, so a malformed file fails before any document is read.
    """
    global _extra_files, _cached
    files = tuple(Path(p) for p in paths)
    table = load_actor_table(files)
    _extra_files, _cached = files, table


def actor_table() -> ActorTable:
    """The table in use: the bundled one plus the files given to ``use_actor_files``."""
    global _cached
    if _cached is None:
        _cached = load_actor_table(_extra_files)
    return _cached
