"""Time expressions -> ISO dates: the rule engine alone, the pipeline stage, and golden floors."""

from __future__ import annotations

import importlib.util
import json
from datetime import date
from pathlib import Path

import pytest

from fogofwar.models import Analysis, Document, Segment
from fogofwar.pipeline import analyze_text
from fogofwar.resolve.time import inferred_reference, resolve_dates
from fogofwar.resolve.timex import clause_tense, find_dates

REF = date(2016, 10, 18)  # a Tuesday


def values(text: str, ref: date | None = REF) -> dict[str, str]:
    return {m.text: m.value for m in find_dates(text, ref)}


@pytest.mark.parametrize(("text", "span", "value"), [
    ("Iraqi troops advanced on Tuesday.", "Tuesday", "2016-10-18"),
    ("The militants struck on Sunday, officials said.", "Sunday", "2016-10-16"),
    ("Talks will resume next Tuesday in Geneva.", "next Tuesday", "2016-10-25"),
    ("The convoy will leave on Friday.", "Friday", "2016-10-21"),
    ("Shelling went on through Monday night.", "Monday night", "2016-10-17"),
    ("The ministers met last week.", "last week", "2016-W41"),
    ("Aid arrived earlier this month.", "earlier this month", "2016-10"),
    ("Reinforcements are due Oct. 19 at the front.", "Oct. 19", "2016-10-19"),
    ("The photo was taken on October 17, 2016 near the river.", "October 17, 2016", "2016-10-17"),
    ("The town fell in June.", "June", "2016-06"),
    ("Rebels have held the valley since 2014.", "2014", "2014"),
    ("The bridge was blown up two days ago.", "two days ago", "2016-10-16"),
    ("The city should be free by the end of the year.", "the end of the year", "2016"),
    ("A new front opened today.", "today", "2016-10-18"),
    ("Two soldiers died yesterday.", "yesterday", "2016-10-17"),
    ("Casualties rose this year.", "this year", "2016"),
    ("The truce collapsed last year.", "last year", "2015"),
    ("The group was founded in 2012.", "2012", "2012"),
    ("Arms flowed in throughout the 1980s.", "the 1980s", "198"),
    ("Fighting raged between 1 and 3 March.", "between 1 and 3 March", "2016-03-01"),
    ("Posted on 2016-10-12 by the press office.", "2016-10-12", "2016-10-12"),
    ("Sunday, Dec. 4, 2016 at 10:32 pm the envoy landed.", "Sunday, Dec. 4, 2016 at 10:32 pm", "2016-12-04"),
    ("Elections are promised for the fall of 2018.", "the fall of 2018", "2018"),
    ("Such wars were common in the 17th century.", "the 17th century", "1600/1699"),
    ("Exports fell in nineteen ninety-six.", "nineteen ninety-six", "1996"),
    ("The offensive will go on after January.", "January", "2017-01"),
    ("The ceasefire began this week.", "this week", "2016-W42"),
    ("Prices fell a year ago.", "a year ago", "2015"),
])
def test_find_dates_normalises(text: str, span: str, value: str) -> None:
    assert values(text).get(span) == value


def test_year_of_a_month_and_day_is_the_nearest_one() -> None:
    assert values("The siege began on Dec. 4.", date(2017, 1, 10)) == {"Dec. 4": "2016-12-04"}
    assert values("The dividend is payable Jan. 2.", date(2016, 11, 2)) == {"Jan. 2": "2017-01-02"}
    assert values("The town was taken in August.", date(2016, 10, 18)) == {"August": "2016-08"}


def test_anaphoric_next_day_follows_the_last_named_date() -> None:
    got = values("The airport was shelled on Tuesday. The next day the runway closed.", date(2016, 12, 9))
    assert got["Tuesday"] == "2016-12-06"
    assert got["The next day"] == "2016-12-07"


@pytest.mark.parametrize("text", [
    "We will hold the line.",
    "They may retreat if pressed.",
    "Both sides march towards the city.",
    "The fighting has lasted three years.",
    "Over the past 10 days the front barely moved.",
    "The six-year-old war shows no sign of ending.",
    "Some 2000 people fled the town.",
    "Shelling continued for 24 hours and for months afterwards.",
    "Recent days brought heavy rain.",
])
def test_no_date_in_traps_and_durations(text: str) -> None:
    assert find_dates(text, REF) == []


def test_bare_capitalised_may_needs_a_temporal_lead() -> None:
    assert values("In May the army withdrew.") == {"May": "2016-05"}
    assert values("May God protect them.") == {}


def test_relative_dates_need_a_reference() -> None:
    assert find_dates("They left yesterday.", None) == []
    assert values("They left on 5 June 2015.", None) == {"5 June 2015": "2015-06-05"}


def test_signature_lines_are_metadata_not_dates() -> None:
    text = "The town fell.\nPosted by: someone | 07 June 2016 at 05:06 PM\nIn 2012 it was calm."
    assert values(text) == {"2012": "2012"}


def test_clause_tense_reads_the_nearest_cue() -> None:
    text = "The vote will be held on Friday."
    at = text.index("Friday")
    assert clause_tense(text, at, at + 6) == "future"
    text = "The vote had been scheduled for Friday."
    assert clause_tense(text, text.index("Friday"), text.index("Friday") + 6) == "past"


def test_spans_point_into_the_text() -> None:
    text = "On Oct. 19 the army said that two days ago it took the town, and today it moved on."
    for m in find_dates(text, REF):
        assert text[m.start:m.end] == m.text


def test_stage_uses_each_segments_publication_date() -> None:
    article = "The strikes began yesterday.\n"
    comment1 = "I saw it yesterday on TV.\n"
    comment2 = "Still burning yesterday.\n"
    text = article + comment1 + comment2
    a, b = len(article), len(article) + len(comment1)
    analysis = Analysis(document=Document(text=text, published="2016-06-05"), segments=[
        Segment(id="s1", kind="article", char_start=0, char_end=a, published="2016-06-05"),
        Segment(id="s2", kind="comment", char_start=a, char_end=b, published="2016-06-07"),
        Segment(id="s3", kind="comment", char_start=b, char_end=len(text), published=None),
    ])
    resolve_dates(analysis)
    got = [(m.char_start, m.ref) for m in analysis.mentions if m.kind == "date"]
    assert got == [
        (text.index("yesterday"), "2016-06-04"),
        (a + comment1.index("yesterday"), "2016-06-06"),
        (b + comment2.index("yesterday"), "2016-06-04"),  # no date of its own: the document's
    ]
    m = analysis.mentions[1]
    assert text[m.char_start:m.char_end] == "yesterday"
    assert m.detail == {"precision": "day", "anchor": "publication"}


def test_stage_infers_a_reference_from_the_first_full_date() -> None:
    analysis = Analysis(document=Document(text="Mosul, October 17, 2016. The push began on Monday."))
    analysis.segments = [Segment(id="s1", kind="article", char_start=0, char_end=len(analysis.document.text))]
    resolve_dates(analysis)
    monday = next(m for m in analysis.mentions if m.text == "Monday")
    assert monday.ref == "2016-10-17"
    assert monday.detail["anchor"] == "inferred"


@pytest.mark.parametrize(("text", "span", "value"), [
    # day first with dots and dashes, month first with slashes; the other order when the first is no date
    ("Security desk 31-08-2014 gunmen crucified five men.", "31-08-2014", "2014-08-31"),
    ("24.08.2013 State media accused the rebels.", "24.08.2013", "2013-08-24"),
    ("04-09-2014 The army advanced in Jobar.", "04-09-2014", "2014-09-04"),
    ("The report of 8/31/2014 was leaked.", "8/31/2014", "2014-08-31"),
    ("The report of 31/8/2014 was leaked.", "31/8/2014", "2014-08-31"),
    # a page date whose day and year were glued together when the page was flattened
    ("Last updated at Apr 232017 BEIRUT Jets struck the town.", "Apr 232017", "2017-04-23"),
    ("Updated Oct 012016 Shelling resumed.", "Oct 012016", "2016-10-01"),
])
def test_numeric_and_glued_page_dates(text: str, span: str, value: str) -> None:
    got = {m.text: (m.value, m.anchor) for m in find_dates(text, None)}
    assert got.get(span) == (value, "explicit")


@pytest.mark.parametrize("text", [
    "Call 10-12-2014-55 for details.",  # part of a longer number
    "Version 3.12.20145 was released.",
    "The score was 12-10 in 2014 terms",  # no four-digit year after a second separator
])
def test_numeric_lookalikes_are_not_dates(text: str) -> None:
    assert not [m for m in find_dates(text, None) if m.precision == "day"]


def test_a_headline_before_the_date_line_does_not_hide_it() -> None:
    text = ("Jets pound rebel town Monitor AFP Saturday 17 Aug 2013 Jets struck the town on Friday. "
            "Last updated at Aug 202013 nothing else.")
    assert inferred_reference(text) == date(2013, 8, 17)
    analysis = Analysis(document=Document(text=text))
    analysis.segments = [Segment(id="s1", kind="article", char_start=0, char_end=len(text))]
    resolve_dates(analysis)
    assert next(m for m in analysis.mentions if m.text == "Friday").ref == "2013-08-16"
    assert inferred_reference("Rebels advanced on Friday, a monitor said.") is None


def test_pipeline_emits_date_mentions(nlp: object) -> None:
    analysis = analyze_text("Kurdish forces entered the village on Tuesday after three days of fighting.",
                            published="2016-10-20", nlp=nlp)  # type: ignore[arg-type]
    dates = [m for m in analysis.mentions if m.kind == "date"]
    assert [(m.text, m.ref) for m in dates] == [("Tuesday", "2016-10-18")]


# ------------------------------------------------------------------ golden floors

def _scorer(shared: Path):  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("fogofwar_shared_score_t", shared / "eval" / "score.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _score(shared: Path, docs: list[tuple[str, dict]]) -> tuple[float, float]:  # type: ignore[type-arg]
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
    from eval_time import segments_of  # type: ignore[import-not-found]

    scorer = _scorer(shared)
    acc = {"dates": {k: 0 for k in ("tp", "pred", "gold", "value_n", "value_ok", "value_gold")}}
    for text, gold in docs:
        mentions = [{"kind": "date", "char_start": s + m.start, "char_end": s + m.end, "ref": m.value}
                    for s, e, ref in segments_of(text, gold) for m in find_dates(text[s:e], ref)]
        scorer.score_dates(gold, {"mentions": mentions}, acc)
    a = acc["dates"]
    p, r = a["tp"] / max(1, a["pred"]), a["tp"] / max(1, a["gold"])
    return 2 * p * r / max(1e-9, p + r), a["value_ok"] / max(1, a["value_gold"])


def test_golden_floor_seeds(shared: Path) -> None:
    docs = []
    for g in sorted((shared / "gold").glob("*.json")):
        txt = shared / "seeds" / (g.stem + ".txt")
        if txt.exists():
            docs.append((txt.read_text(encoding="utf-8-sig"), json.loads(g.read_text(encoding="utf-8"))))
    if not docs:
        pytest.skip("no seed gold")
    f1, value = _score(shared, docs)
    assert f1 >= 0.9
    assert value >= 0.85


def test_golden_floor_timebank_slice(shared: Path) -> None:
    path = shared / "data" / "timebank" / "docs.jsonl"
    if not path.exists():
        pytest.skip("no TimeBank")
    docs = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            g = shared / "data" / "timebank" / "gold" / (Path(row["id"]).stem + ".json")
            if g.exists():
                docs.append((row["text"], json.loads(g.read_text(encoding="utf-8"))))
            if len(docs) >= 40:
                break
    f1, value = _score(shared, docs)
    assert f1 >= 0.9
    assert value >= 0.8
