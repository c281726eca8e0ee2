"""Claims and predictions on hand-written sentences, with the real spaCy model."""

from __future__ import annotations

from datetime import date

from stages import run_own_stages

from fogofwar.extract.claims import resolve_horizon


def test_reported_claim_is_hedged_with_claimant(nlp):
    a = run_own_stages(nlp, "The ministry claimed that rebels had shelled the market in Homs.")
    claim = next(c for c in a.claims if "shelled the market" in c.text)
    assert claim.factuality == "hedged"
    assert claim.claimant is not None
    assert a.document.text[claim.char_start:claim.char_end] == claim.text


def test_reportedly_sentence_is_a_hedged_claim(nlp):
    a = run_own_stages(nlp, "Militants reportedly executed three villagers near the dam.")
    assert any(c.factuality == "hedged" and "executed three villagers" in c.text for c in a.claims)


def test_prediction_with_end_of_year_horizon(nlp):
    a = run_own_stages(nlp, "The general said the city will be liberated by the end of the year.")
    pred = next(p for p in a.predictions if "liberated" in p.text)
    assert pred.horizon == "2016-12-31"
    assert pred.predictor is not None


def test_open_prediction_has_no_horizon(nlp):
    a = run_own_stages(nlp, "The offensive on the northern town will take weeks, analysts said.")
    pred = next(p for p in a.predictions if "take weeks" in p.text)
    assert pred.horizon is None


def test_idle_future_is_not_a_prediction(nlp):
    a = run_own_stages(nlp, "We will see.")
    assert a.predictions == []


def test_question_is_not_a_claim(nlp):
    a = run_own_stages(nlp, "Did the army really say that the rebels had withdrawn from the hills?")
    assert a.claims == []


def test_resolve_horizon_expressions():
    ref = date(2016, 10, 18)
    assert resolve_horizon("by the end of the month", ref) == "2016-10-31"
    assert resolve_horizon("next year", ref) == "2017"
    assert resolve_horizon("within two weeks", ref) == "2016-11-01"
    assert resolve_horizon("before January", ref) == "2017-01"
    assert resolve_horizon("soon", ref) is None
