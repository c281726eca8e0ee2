"""Wikidata ids of the bundled actor table: format, uniqueness, coverage and provenance."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest

from fogofwar.resolve.actor_table import ActorTableError, load_actor_table, validate

_DATA = Path(__file__).resolve().parents[1] / "src" / "fogofwar" / "data" / "actors"
_QID = re.compile(r"^Q[1-9][0-9]*$")
# Raise this when more ids are confirmed; it guards against ids being lost in later edits.
_MIN_IDS = 215


def test_wikidata_ids_are_well_formed():
    table = load_actor_table()
    bad = [(e.canonical, e.wikidata) for e in table.entries if e.wikidata is not None and not _QID.match(e.wikidata)]
    assert bad == []


def test_no_wikidata_id_shared_by_two_actors():
    owners: dict[str, list[str]] = defaultdict(list)
    for e in load_actor_table().entries:
        if e.wikidata:
            owners[e.wikidata].append(e.canonical)
    shared = {q: names for q, names in owners.items() if len(names) > 1}
    assert shared == {}


def test_wikidata_coverage_reached():
    table = load_actor_table()
    with_id = sum(1 for e in table.entries if e.wikidata)
    assert len(table) >= 580  # the issue asks for at least 300
    assert with_id >= _MIN_IDS


def test_every_added_id_has_a_provenance_line():
    table = load_actor_table()
    lines = (_DATA / "wikidata_sources.md").read_text(encoding="utf-8").splitlines()
    rows = [line[2:].split(" — ") for line in lines if line.startswith("- ")]
    assert rows
    for row in rows:
        canonical, qid = row[0], row[1]
        entry = table.get(canonical)
        assert entry is not None, canonical
        assert entry.wikidata == qid, (canonical, entry.wikidata, qid)
        assert len(row) >= 3 and row[2].strip(), canonical


def test_known_ids_resolve_to_their_actor():
    table = load_actor_table()
    assert table.get("UNHCR").wikidata == "Q132551"  # type: ignore[union-attr]
    assert table.get("International Atomic Energy Agency").wikidata == "Q41984"  # type: ignore[union-attr]


def test_validator_rejects_malformed_id(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "version: 1\nactors:\n  - {canonical: Liwa Testa, wikidata: '12345', type: armed_group, aliases: [Testa]}\n",
        encoding="utf-8",
    )
    with pytest.raises(ActorTableError, match="Q-number"):
        validate(load_actor_table([bad]))
