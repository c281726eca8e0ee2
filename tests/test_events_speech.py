"""Speech acts read inside quotes: accusations and threats voiced by a speaker, dated by the speech.
Hand-written sentences, real spaCy model, full pipeline."""

from __future__ import annotations

from fogofwar.extract.events import speech_cues
from fogofwar.models import Analysis, Event
from fogofwar.pipeline import analyze_text


def _run(text: str) -> Analysis:
    return analyze_text(text, published="2016-10-18")


def _of(a: Analysis, action: str) -> list[Event]:
    return [e for e in a.events if e.action == action]


def _name(a: Analysis, actor_id: str | None) -> str:
    actor = a.actor(actor_id)
    return actor.canonical if actor is not None else ""


def test_cues_load_from_data_file() -> None:
    cues = speech_cues()
    assert "ignore" in cues.accuse_strong and "allow" in cues.accuse_weak
    assert "allow" in cues.threat_negated and "decision" in cues.threat_take_objects


def test_accusation_in_indirect_speech_takes_speaker_and_speech_date(nlp) -> None:
    a = _run("Hezbollah leader Hassan Nasrallah said on Monday that the Americans intend to repeat "
             "the plot and let the terrorists escape toward Raqqa.")
    acc = _of(a, "ACCUSE")
    assert acc, [e.action for e in a.events]
    assert "Hezbollah" in _name(a, acc[0].actor1)
    assert acc[0].date == "2016-10-17" and not acc[0].date_inferred


def test_strong_cue_needs_no_hostile_word(nlp) -> None:
    a = _run("The Russian defence ministry spokesman Igor Konashenkov said on Friday that the United States ignores "
             "reports from the city.")
    acc = _of(a, "ACCUSE")
    assert acc and acc[0].date == "2016-10-14"


def test_plain_reported_speech_is_not_an_accusation(nlp) -> None:
    a = _run("The governor of Nineveh said on Monday that the United States wants to build a new school "
             "in the town and plans to open a clinic.")
    assert not _of(a, "ACCUSE")


def test_negated_content_is_not_an_accusation(nlp) -> None:
    a = _run("The Syrian army said that Turkey is not allowing the militants to cross the border.")
    assert not [e for e in _of(a, "ACCUSE") if "allowing" in a.document.text[e.char_start:e.char_end]]


def test_own_side_will_not_allow_is_a_threat(nlp) -> None:
    text = ('"We know their goals and we will not allow the Americans to carry out their plans there," '
            "the Iraqi general Abdul Wahab al-Saadi said on Wednesday.")
    a = _run(text)
    threats = _of(a, "THREATEN/WARN")
    assert threats, [(e.action, e.trigger) for e in a.events]
    assert threats[0].date == "2016-10-12"


def test_future_of_the_speakers_own_plans_is_not_a_threat(nlp) -> None:
    a = _run('"We will open two schools and a hospital next month," the mayor of Erbil said on Tuesday.')
    assert not _of(a, "THREATEN/WARN")
