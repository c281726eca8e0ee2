"""The gazetteer file and the name folding it is keyed on."""

from __future__ import annotations

import pytest

from fogofwar.resolve import gazetteer
from fogofwar.resolve.names import fold


@pytest.mark.parametrize("variants", [
    ("Deir ez-Zor", "Deir Ezzor", "Deir Ezzur", "Dayr az Zawr"),
    ("al-Qayyarah", "Qayara", "Al Qayyārah"),
    ("Tal Afar", "Tel Afar", "Tall ‘Afar"),
    ("Raqqa", "Ar-Raqqah", "raqqah"),
    ("U.S.", "US"),
])
def test_spelling_variants_fold_alike(variants: tuple[str, ...]) -> None:
    keys = {fold(v) for v in variants}
    assert len(keys) == 1, keys


def test_fold_keeps_different_names_apart() -> None:
    assert fold("Homs") != fold("Hama")
    assert fold("Aleppo") != fold("Al-Bab")


def test_loaded_once_and_cached() -> None:
    first = gazetteer.get()
    assert gazetteer.loaded()
    assert gazetteer.get() is first


def test_variants_reach_the_same_entry() -> None:
    gaz = gazetteer.get()
    for name in ("Deir Ezzur", "Dayr az Zawr", "Deir ez-Zor"):
        assert 170794 in {e.geonameid for e in gaz.lookup(name)}, name
    assert 90393 in {e.geonameid for e in gaz.lookup("Tel Afar")}


def test_countries_are_country_entries_with_geonames_points() -> None:
    gaz = gazetteer.get()
    syria = gaz.country("SY")
    assert syria is not None and syria.geonameid == 163843 and syria.feature == "country"
    assert (syria.lat, syria.lon) == (35.0, 38.0)
    us = [e for e in gaz.lookup("U.S.") if e.feature == "country"]
    assert us and us[0].geonameid == 6252001


def test_supplement_and_admin1_rows_present() -> None:
    gaz = gazetteer.get()
    baghuz = gaz.lookup("Baghuz")
    assert baghuz and baghuz[0].country == "SY" and baghuz[0].public_id is None
    nineveh = [e for e in gaz.lookup("Nineveh Governorate") if e.feature == "admin1"]
    assert nineveh and nineveh[0].country == "IQ"
    mosul = [e for e in gaz.lookup("Mosul") if e.geonameid == 99072]
    assert mosul and mosul[0].admin1 == "Nineveh Governorate"
    assert any(e.feature == "water" for e in gaz.lookup("Tigris"))


def test_divisions_carry_geonames_ids_and_words_are_listed() -> None:
    gaz = gazetteer.get()
    kent = [e for e in gaz.lookup("Kent") if e.feature == "admin2" and e.country == "GB"]
    assert kent and kent[0].public_id is not None
    cal = [e for e in gaz.lookup("California") if e.feature == "admin1"]
    assert cal and cal[0].geonameid == 5332921
    assert gaz.is_word("man") and gaz.is_word("Mobile") and not gaz.is_word("Mosul")


def test_counties_know_their_state_and_capitals_are_listed() -> None:
    gaz = gazetteer.get()
    counties = [e for e in gaz.lookup("Hamilton County") if e.feature == "admin2"]
    assert counties and all(e.admin1 for e in counties)
    assert 4140963 in gaz.capitals  # Washington, D.C.
    assert any(e.feature == "site" and e.country == "GB" for e in gaz.lookup("Heathrow"))


def test_gazetteer_file_matches_its_sidecar() -> None:
    """The shipped file is the one its sidecar describes (source, licence, size, checksum)."""
    import hashlib
    import json
    from pathlib import Path

    folder = Path(__file__).resolve().parents[1] / "src" / "fogofwar" / "data" / "gazetteer"
    meta = json.loads((folder / "gazetteer.json").read_text(encoding="utf-8"))
    data = (folder / meta["file"]).read_bytes()
    assert hashlib.sha256(data).hexdigest() == meta["sha256"]
    assert len(data) == meta["bytes"] <= 25 * 1024 * 1024
    assert "GeoNames" in meta["source"] and "CC BY 4.0" in meta["licence"]


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    import math

    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


@pytest.mark.parametrize(("name", "feature", "lat", "lon"), [
    ("Kuweires air base", "site", 36.19, 37.58),
    ("Khmeimim", "site", 35.40, 35.95),
    ("Ain al-Asad", "site", 33.79, 42.44),
    ("Tabqa Dam", "site", 35.87, 38.57),
    ("Rafah crossing", "site", 31.25, 34.26),
    ("Azovstal steel plant", "site", 47.10, 37.60),
    ("Sednaya prison", "site", 33.67, 36.33),
    ("Za'atari camp", "village", 32.30, 36.32),
    ("Masaken Hanano", "village", 36.22, 37.19),
    ("Baba Amr", "village", 34.71, 36.69),
    ("Khabur River", "water", 36.25, 40.75),
])
def test_conflict_sites_resolve_near_their_point(name: str, feature: str, lat: float, lon: float) -> None:
    hits = [e for e in gazetteer.get().lookup(name) if e.feature == feature]
    assert hits, name
    assert min(_km(e.lat, e.lon, lat, lon) for e in hits) < 5, name


@pytest.mark.parametrize("town", ["Rafah", "Abu Ghraib", "Bagram", "Kandahar", "Haditha", "Balad", "Nasib",
                                  "Chornobyl", "Enerhodar", "Avdiivka", "Mariupol", "Hostomel", "Taftanaz"])
def test_sites_do_not_take_the_name_of_their_town(town: str) -> None:
    """A site outranks any town in the geoparser, so it is keyed by its full name ("Rafah crossing",
    "Abu Ghraib prison"), never by the bare name of the town it lies by."""
    assert not [e for e in gazetteer.get().lookup(town) if e.feature == "site"], town


def test_district_alias_does_not_hijack_the_namesake_town(nlp) -> None:
    from fogofwar.pipeline import analyze_text

    def resolved(text: str, name: str):
        analysis = analyze_text(text, nlp=nlp, keep_chunks=True)
        hits = [analysis.place(m.ref) for m in analysis.mentions if m.kind == "place" and m.text == name]
        assert hits, (text, name)
        return hits[0]

    # "Hamdaniyah" is also an Aleppo district: in a Nineveh report it stays the Iraqi town
    iraq = resolved("Iraqi troops pushed from Bartella into Hamdaniyah, east of Mosul, on Sunday.", "Hamdaniyah")
    assert iraq.country == "IQ" and _km(iraq.lat, iraq.lon, 36.27, 43.38) < 10
    hanano = resolved("Government forces retook the neighbourhood of Masaken Hanano in Aleppo.", "Masaken Hanano")
    assert hanano.country == "SY" and _km(hanano.lat, hanano.lon, 36.22, 37.19) < 5
    # the crossing is named after Rafah; the bare name stays the town or its governorate
    crossing = resolved("Aid trucks waited at the Rafah Crossing on the Egyptian border.", "Rafah Crossing")
    assert crossing.feature == "site" and _km(crossing.lat, crossing.lon, 31.25, 34.26) < 5
    rafah = resolved("Israeli tanks entered Rafah in the southern Gaza Strip.", "Rafah")
    assert rafah.feature != "site" and rafah.country == "PS"
