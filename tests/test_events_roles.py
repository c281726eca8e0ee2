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


def _actor_of(a: Analysis, trigger: str) -> str:
    return _actor_name(a, _by_trigger(a, trigger))


def test_generic_noun_of_a_named_group_is_that_group(nlp) -> None:
    a = _run("Jabhat al-Nusra fighters held the east. The militants of the Nusra Front have intensified shelling "
             "of residential areas in western Aleppo, an officer said.")
    assert _actor_of(a, "shelling") == "Al-Nusra Front"


def test_army_unit_is_the_army_not_a_unit(nlp) -> None:
    a = _run("The Syrian army advanced near Deir Ezzor on Sunday.\n\nAn army unit clashed with ISIS terrorists "
             "near the airport.")
    assert _actor_of(a, "clashed") == "Syrian Arab Army"


def test_government_modifier_of_an_event_noun_is_the_state_force(nlp) -> None:
    a = _run("Syrian troops shelled Aleppo on Monday while rebels held their lines.\n\nMonths of government "
             "gains elsewhere have weakened the opposition.")
    assert _actor_of(a, "gains") == "Syrian Arab Army"


def test_first_of_coordinated_demonyms_is_the_doer(nlp) -> None:
    a = _run("Russian and Syrian jets pounded rebel districts of Aleppo on Monday.")
    assert _actor_of(a, "pounded") == "Russian Aerospace Forces"


def test_killed_in_an_attack_takes_the_attacks_doer(nlp) -> None:
    a = _run("Coalition jets struck Raqqa on Monday. Local sources said that 11 people were killed in the US "
             "air attacks on a village near Deir Ezzor.")
    killed = [e for e in a.events if e.trigger == "killed"]
    assert killed and _actor_name(a, killed[0]) == "United States"


def test_reduced_passive_does_not_make_its_noun_the_doer(nlp) -> None:
    a = _run("The Syrian army shelled Aleppo on Monday. The last two weeks have seen rebels driven from most of "
             "their territory.")
    assert _actor_of(a, "driven") == "Syrian Arab Army"


def test_suicide_car_bombs_are_the_armed_groups_not_the_followed_side(nlp) -> None:
    a = _run("Islamic State fighters held the hospital. Iraqi troops seized it on Tuesday but pulled back after "
             "they were attacked by six suicide car bombs.")
    assert _actor_of(a, "attacked") == "Islamic State"


def test_unknown_suicide_bomber_is_not_given_to_the_victims(nlp) -> None:
    a = _run("Troops executed 48 people in a village last week.\n\nA suicide bomber killed four people at a "
             "hospital on Sunday.")
    killed = [e for e in a.events if e.trigger == "killed"]
    assert killed and killed[0].actor1 is None


def test_war_between_two_sides_names_them_in_order(nlp) -> None:
    a = _run("Islamic State attacked Mosul. Historians recall the wars between the Moghul Empire and the "
             "Marathas.")
    ev = _by_trigger(a, "wars")
    assert "Moghul" in _actor_name(a, ev)


def test_commenting_on_a_siege_is_not_besieging(nlp) -> None:
    a = _run("Sergey Lavrov spoke on Tuesday, commenting the ongoing siege of the Iraqi city.")
    ev = _by_trigger(a, "siege")
    assert _actor_name(a, ev) not in {"Russia", "Sergey Lavrov"}
