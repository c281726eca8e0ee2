"""Event rules for deployments, supplies, territory, sieges, accusations, lulls and repeats, on
hand-written sentences with the real spaCy model and the full pipeline."""

from __future__ import annotations

import pytest

from fogofwar.extract.events import _headline_key, _verb_stems
from fogofwar.models import Analysis, Event
from fogofwar.pipeline import analyze_text


def _events(text: str) -> tuple[Analysis, list[Event]]:
    a = analyze_text(text, published="2016-10-18")
    return a, a.events


def _actions(text: str) -> list[str]:
    return [e.action or "" for e in _events(text)[1]]


def _span(a: Analysis, e: Event) -> str:
    return a.document.text[e.char_start:e.char_end]


def test_sent_men_is_a_deployment_without_other_context(nlp) -> None:
    a, evs = _events("The cleric who sent thousands of his men to Homs said nothing more.")
    dep = [e for e in evs if e.action == "DEPLOY/REINFORCE"]
    assert dep and "sent" in _span(a, dep[0])


@pytest.mark.parametrize("text", [
    "They trucked the fighters north and brought them through the border province.",
    "The rebels have thrown several brigades into the battle for the airport.",
    "The army managed to establish a base near the dam.",
])
def test_deployment_verbs(nlp, text: str) -> None:
    assert "DEPLOY/REINFORCE" in _actions(text)


@pytest.mark.parametrize("text", [
    "The agency said the government supported jihadis near the border for years.",
    "Officials say the smugglers were aiding and abetting the militants in Idlib.",
])
def test_supply_verbs(nlp, text: str) -> None:
    assert "SUPPLY/ARM" in _actions(text)


def test_took_over_with_pronoun_object(nlp) -> None:
    acts = _actions("Residents stayed in their villages after the militants took them over in June.")
    assert "CAPTURE_TERRITORY" in acts


def test_road_cut_and_siege_lifted(nlp) -> None:
    assert "CAPTURE_TERRITORY" in _actions("The road between Tal Afar and Sinjar has been cut by the militia.")
    _a, evs = _events("The siege of the two villages was lifted by the army last week.")
    lifted = [e for e in evs if e.trigger == "lifted"]
    assert lifted and lifted[0].type == "ASSAULT"


def test_noun_object_of_a_different_kind_is_its_own_event(nlp) -> None:
    _a, evs = _events("Other rebel units were leaving the siege of Azaz to reinforce the garrison.")
    assert any(e.trigger == "siege" for e in evs)


def test_pause_verb_keeps_its_object_noun(nlp) -> None:
    _a, evs = _events("The Syrian army halted all airstrikes on the city today.")
    assert [e.action for e in evs] == ["CEASEFIRE/PAUSE"]


def test_negated_any_airstrikes_is_a_lull(nlp) -> None:
    _a, evs = _events("Russian jets haven't conducted any airstrikes on Aleppo in the past 24 hours.")
    assert evs and evs[0].action == "CEASEFIRE/PAUSE" and evs[0].factuality == "asserted"


def test_pause_extended(nlp) -> None:
    assert "CEASEFIRE/PAUSE" in _actions("The humanitarian pause in Aleppo has been extended to eleven hours.")


def test_war_needs_an_anchor(nlp) -> None:
    assert "ATTACK" in _actions("The king survived and the war continued for another decade.")
    assert "ATTACK" in _actions("Historians still study the wars between the two empires.")
    assert _actions("In a war like this, nobody is innocent.") == []


def test_leave_only_in_the_past(nlp) -> None:
    assert "WITHDRAW" in _actions("Most Islamic State fighters have already left Mosul.")
    assert "WITHDRAW" not in _actions("Civilians in Aleppo are free to leave through the corridors.")


def test_reader_agreeing_is_not_a_deal(nlp) -> None:
    assert _actions("I agree with the previous comment about Syria.") == []


def test_accusations(nlp) -> None:
    assert "ACCUSE" in _actions("The commander said the Americans are accomplices in the crimes of ISIS.")
    assert "ACCUSE" in _actions("Turkey is complicit in the smuggling of fighters into Syria.")


def test_repeated_bare_mention_is_one_event(nlp) -> None:
    text = ("The ceasefire in Aleppo began on Monday. Rebels said the ceasefire was a trick, "
            "and the army said the ceasefire had failed.")
    _a, evs = _events(text)
    assert len([e for e in evs if e.action == "CEASEFIRE/PAUSE"]) == 1


def test_public_executions_are_not_a_metaphor(nlp) -> None:
    assert "EXECUTE" in _actions("Witnesses said the militants carry out public executions of residents in Raqqa.")


def test_headline_words_read_in_lower_case(nlp) -> None:
    _a, evs = _events("Hundreds of Militants Fleeing From Mosul to Syria\n\nThe army said so on Tuesday.")
    assert any(e.action == "WITHDRAW" and e.trigger == "Fleeing" for e in evs)


def test_headline_helpers() -> None:
    assert _headline_key("Daesh Commanders Fleeing From Mosul to Syria Amid Offensive")
    assert not _headline_key("The army said on Tuesday that it had retaken the town.")
    assert "shell" in _verb_stems("shelling") and "retake" in _verb_stems("retaking")


def test_noun_context_from_its_possessor(nlp) -> None:
    _a, evs = _events("Analysts think their intervention can continue for years without trouble.")
    assert any(e.trigger == "intervention" and e.action == "DEPLOY/REINFORCE" for e in evs)
