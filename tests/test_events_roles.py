"""Round-4 event roles: the place of state-level events, the voice of warnings and accusations, bare hostile
nouns, week dates as calendar dates, and headlines that take the date of the story under them."""

from __future__ import annotations

from fogofwar.extract.events import _calendar
from fogofwar.models import Analysis, Event
from fogofwar.pipeline import analyze_text


def _run(text: str, published: str = "2016-10-18") -> Analysis:
    return analyze_text(text, published=published)


def _by_trigger(a: Analysis, trigger: str) -> Event:
    found = [e for e in a.events if (e.trigger or "").lower() == trigger]
    assert found, [e.trigger for e in a.events]
    return found[0]


def _place_name(a: Analysis, e: Event) -> str:
    p = a.place(e.place)
    return p.name if p is not None else ""


def _actor_name(a: Analysis, e: Event) -> str:
    actor = a.actor(e.actor1)
    return actor.canonical if actor is not None else ""


def test_truce_without_place_is_placed_in_the_country_not_the_town(nlp) -> None:
    a = _run("Government troops shelled Aleppo on Monday, and rebels answered with rockets fired into Syria's "
             "second city.\n\nThe truce collapsed soon after.")
    truce = _by_trigger(a, "truce")
    assert _place_name(a, truce) == "Syria"


def test_attack_without_place_keeps_the_town(nlp) -> None:
    a = _run("Government troops shelled Aleppo on Monday in Syria.\n\nThe troops attacked again at dawn.")
    attack = _by_trigger(a, "attacked")
    assert _place_name(a, attack) == "Aleppo"


def test_intervention_in_a_country_is_not_moved_to_the_topic_town(nlp) -> None:
    a = _run("Aleppo was quiet on Monday.\n\nAnalysts debated the Russian intervention in Syria for hours.")
    ev = _by_trigger(a, "intervention")
    assert _place_name(a, ev) == "Syria"


def test_warning_in_a_with_phrase_is_the_speakers(nlp) -> None:
    a = _run("Russian Foreign Minister Sergey Lavrov answered the question with a stern warning to Washington.")
    ev = _by_trigger(a, "warning")
    assert _actor_name(a, ev) in {"Russia", "Sergey Lavrov"}


def test_accusation_under_a_speech_participle_is_the_speakers(nlp) -> None:
    a = _run("The Iraqi Army spokesman spoke in Baghdad. Noting that Turkey and Qatar are accomplices in the "
             "crimes of the militants, the spokesman warned them.")
    ev = _by_trigger(a, "accomplices")
    assert ev.actor1 is not None
    assert _actor_name(a, ev) not in {"Turkey", "Qatar"}


def test_bare_terrorists_point_to_the_documents_armed_group(nlp) -> None:
    a = _run("Islamic State fighters attacked Bartella. Islamic State also shelled Qaraqosh.\n\n"
             "Terrorists fled to Syria on Monday.")
    ev = _by_trigger(a, "fled")
    assert _actor_name(a, ev) == "Islamic State"


def test_week_is_given_as_its_monday_with_week_precision() -> None:
    assert _calendar("2016-W41") == "2016-10-10"
    assert _calendar("2016-10") == "2016-10"
    assert _calendar("2016-W99") == "2016-W99"


def test_event_dated_last_week_has_a_calendar_date(nlp) -> None:
    a = _run("The militia commander said last week that his men attacked the airport.")
    ev = _by_trigger(a, "attacked")
    assert (ev.date, ev.date_precision) == ("2016-10-10", "week")


def test_headline_takes_the_date_of_the_story_under_it(nlp) -> None:
    a = _run("Army advance in Aleppo slows\n\nThe army's advance in Aleppo slowed on Thursday as rebels held "
             "their lines.", published="2016-12-09")
    head = [e for e in a.events if e.char_start < 30 and e.action == "ATTACK"]
    assert head, [(e.trigger, e.char_start) for e in a.events]
    assert head[0].date == "2016-12-08"
