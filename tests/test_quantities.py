"""Quantities and the number parser, on our own sentences with the real spaCy model."""

from __future__ import annotations

import pytest

from fogofwar.annotate import annotate
from fogofwar.extract.numbers import find_numbers, parse_number
from fogofwar.extract.quantities import extract_quantities
from fogofwar.models import Analysis, Document, Quantity
from fogofwar.segment import segment_document


def quantities(nlp, text: str) -> list[Quantity]:
    analysis = Analysis(document=Document(text=text, published="2016-10-18"))
    analysis.segments = segment_document(analysis.document)
    annotate([analysis], nlp)
    extract_quantities(analysis)
    return analysis.quantities


@pytest.mark.parametrize(("text", "value"), [
    ("5,000", 5000), ("54,000", 54000), ("nine", 9), ("twenty-five", 25), ("one hundred and fifty", 150),
    ("a dozen", 12), ("two dozen", 24), ("1.5 million", 1_500_000), ("one million", 1_000_000),
    ("dozens", 12), ("hundreds", 100), ("thousands", 1000), ("tens of thousands", 10_000), ("half", 0.5),
    ("50+", 50),
])
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == value


def test_parse_number_rejects_words() -> None:
    assert parse_number("soldiers") is None
    assert parse_number("") is None


@pytest.mark.parametrize(("text", "value", "approx", "high"), [
    ("more than 470 former detainees", 470, "at_least", None),
    ("at least 37 people", 37, "at_least", None),
    ("nearly 300 families", 300, "at_most", None),
    ("up to one million people", 1_000_000, "at_most", None),
    ("about 40 fighters", 40, "about", None),
    ("some 2,500 troops", 2500, "about", None),
    ("between 4,000 and 5,000 fighters", 4000, "range", 5000),
    ("3,000-4,000 militants", 3000, "range", 4000),
    ("tens of thousands of people", 10_000, "at_least", None),
    ("50+ oil wells", 50, "at_least", None),
])
def test_find_numbers_modifiers(text: str, value: float, approx: str, high: float | None) -> None:
    found = find_numbers(text)
    assert found, text
    n = found[0]
    assert (n.value, n.approx, n.high) == (value, approx, high)
    assert n.start == 0


def test_find_numbers_skips_times_ordinals_and_urls() -> None:
    assert find_numbers("at 05:06 PM on the 3rd day") == []
    assert find_numbers("see example.org/2015/07/page") == []


def test_counts_troops_with_what_and_unit(nlp) -> None:
    qs = quantities(nlp, "Commanders sent 54,000 Iraqi troops and 12 tanks toward the town.")
    by_value = {q.value: q for q in qs}
    assert by_value[54000].unit == "troops"
    assert by_value[54000].counts_what == "Iraqi troops"
    assert by_value[12].unit == "vehicles"


def test_word_numbers_strength_and_durations(nlp) -> None:
    text = ("The militia cleared nine hamlets in three days, and a 20,000-strong force waited "
            "for an 8-hour truce.")
    qs = {q.value: q for q in quantities(nlp, text)}
    assert qs[9].unit == "villages"
    assert qs[3].unit == "days"
    assert qs[20000].unit == "troops"
    assert qs[8].unit == "hours"
    assert text[qs[20000].char_start:qs[20000].char_end].startswith("20,000")


def test_casualty_counts_and_approximation(nlp) -> None:
    qs = quantities(nlp, "At least 14 civilians were killed and 30 more were wounded near the bridge.")
    first, second = sorted(qs, key=lambda q: q.char_start)
    assert (first.value, first.approx, first.unit) == (14, "at_least", "civilians")
    assert (second.value, second.unit) == (30, "wounded")


def test_elided_noun_takes_previous_unit(nlp) -> None:
    qs = quantities(nlp, "There are five exits, three for families and two for the wounded.")
    assert [q.value for q in qs] == [5, 3, 2]
    assert {q.unit for q in qs} == {"corridors"}


def test_not_quantities(nlp) -> None:
    text = ("On October 17, 2016 at 10:32 pm the page had 5 comments. A 12-year-old boy was seen. "
            "Prices rose 40 percent. One of them left.\n1. First point of the list.")
    assert quantities(nlp, text) == []


def test_vague_magnitudes_read_conservatively(nlp) -> None:
    # DESIGN.md: ACLED's reading, "tens" = 10, "dozens" = 12, "hundreds" = 100, with approx saying so
    qs = quantities(nlp, "Dozens of fighters crossed the river and tens of thousands of people fled the city.")
    assert [(q.value, q.approx, q.unit) for q in qs] == [(12, "at_least", "fighters"), (10_000, "at_least", "people")]


def test_tens_of_people(nlp) -> None:
    [q] = quantities(nlp, "Tens of civilians were wounded in the shelling.")
    assert (q.value, q.approx) == (10, "at_least")


def test_article_before_unit_word_is_not_one() -> None:
    # "a three-hour truce" was read as 1 + 3 = 4
    assert parse_number("a three") == 3.0
    assert parse_number("a hundred") == 100.0
    assert parse_number("a dozen") == 12.0
    assert [n.value for n in find_numbers("Russia announced a three-hour pause.")] == [3.0]
