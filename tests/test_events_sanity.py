"""Actor1 sanity: no carry-over onto generic or patient-only clauses; an owner named inside the subject acts."""

from __future__ import annotations

from fogofwar.models import Analysis, Event
from fogofwar.pipeline import analyze_text


def _event(a: Analysis, trigger: str) -> Event:
    return next(e for e in a.events if e.trigger == trigger)


def _actor(a: Analysis, actor_id: str | None) -> str:
    actor = a.actor(actor_id) if actor_id else None
    return actor.canonical if actor is not None else ""


def test_owner_inside_subject_is_actor1(nlp) -> None:
    a = analyze_text("Russian forces bombed the eastern districts of Aleppo on Monday. A shell belonging to "
                     "opposition forces struck a school in the western part of the city.")
    struck = _event(a, "struck")
    assert "opposition" in _actor(a, struck.actor1).lower()
    assert "Russia" not in _actor(a, struck.actor1)


def test_passive_capture_without_agent_does_not_take_the_patient_side(nlp) -> None:
    a = analyze_text("Islamic State fighters attacked an army checkpoint near Mosul on Monday. Iraqi officials "
                     "say Mosul will be liberated by the end of the year.")
    assert _actor(a, _event(a, "attacked").actor1) == "Islamic State"
    assert _event(a, "liberated").actor1 is None


def test_generic_war_clause_gets_no_carried_actor(nlp) -> None:
    a = analyze_text("Syrian government forces shelled the town of Douma on Tuesday. The war has killed more "
                     "than 300,000 people since 2011.")
    assert _event(a, "shelled").actor1 is not None
    assert _event(a, "killed").actor1 is None


def test_victims_of_a_reduced_relative_are_not_the_attacker(nlp):
    # the parser reads "blast killed" as "a blast [that was] killed": the victims must stay actor2
    a = analyze_text("A suicide bomb blast killed at least 16 people in the town on Tuesday.",
                     published="2016-07-27", nlp=nlp)
    killing = next(e for e in a.events if e.trigger == "killed")
    assert killing.actor1 is None
    victims = a.actor(killing.actor2)
    assert victims is not None and victims.type == "civilians"
    assert killing.counts.get("killed") == 16
