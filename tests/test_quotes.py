"""Quotes: direct and indirect speech on our own sentences, with the real spaCy model."""

from __future__ import annotations

from fogofwar.annotate import annotate
from fogofwar.extract.quotes import extract_quotes
from fogofwar.models import Analysis, Document, Quote
from fogofwar.segment import segment_document


def analyse(nlp, text: str) -> Analysis:
    analysis = Analysis(document=Document(text=text, published="2016-10-18"))
    analysis.segments = segment_document(analysis.document)
    annotate([analysis], nlp)
    extract_quotes(analysis)
    return analysis


def content(a: Analysis, q: Quote) -> str:
    return a.document.text[q.content_start:q.content_end]


def speaker(a: Analysis, q: Quote) -> str:
    actor = a.actor(q.speaker)
    return actor.canonical if actor is not None else ""


def test_straight_quote_speaker_after(nlp) -> None:
    a = analyse(nlp, 'The fighting moved west. "We will hold the bridge until the convoy passes," '
                     'Colonel Ahmed Karimi said on Tuesday.')
    [q] = a.quotes
    assert q.kind == "direct"
    assert content(a, q).startswith("We will hold the bridge")
    assert "Karimi" in speaker(a, q)
    assert q.speaker_kind == "named"
    assert q.cue == "say"
    assert q.char_start <= q.content_start < q.content_end <= q.char_end


def test_curly_quote_with_nested_quote(nlp) -> None:
    a = analyse(nlp, "Minister Laila Haddad told reporters: “The so-called ‘safe zone’ does not exist and "
                     "nobody can promise otherwise.”")
    [q] = a.quotes
    assert content(a, q).startswith("The so-called ‘safe zone’ does not exist")
    assert content(a, q).endswith("otherwise.")
    assert "Haddad" in speaker(a, q)


def test_quote_over_two_paragraphs(nlp) -> None:
    text = ('"The first line of defence has fallen and the villages are empty.\n\n'
            '"We expect the second line to go within a week," the envoy Marco Bellini said.')
    a = analyse(nlp, text)
    direct = [q for q in a.quotes if q.kind == "direct"]
    assert len(direct) == 1
    assert content(a, direct[0]).startswith("The first line")
    assert "within a week" in content(a, direct[0])


def test_colon_introduced_pasted_paragraph(nlp) -> None:
    text = ("The governor Samir Othman answered the critics with a long statement:\n"
            "Our people have waited for two years and they will wait no longer for the bridge to open.")
    a = analyse(nlp, text)
    [q] = a.quotes
    assert content(a, q).startswith("Our people have waited")
    assert "Othman" in speaker(a, q)


def test_according_to(nlp) -> None:
    a = analyse(nlp, "Four bridges were destroyed overnight, according to the Kurdish regional government.")
    [q] = a.quotes
    assert q.kind == "indirect"
    assert content(a, q).startswith("Four bridges were destroyed")
    assert "government" in speaker(a, q)


def test_told_reuters_indirect(nlp) -> None:
    a = analyse(nlp, "A Peshmerga officer told Reuters his unit had lost three vehicles in the attack.")
    [q] = a.quotes
    assert q.kind == "indirect"
    assert q.cue == "tell"
    assert content(a, q).startswith("his unit had lost")
    assert q.speaker_kind == "anonymous" or "officer" in speaker(a, q)


def test_sources_said_that_is_anonymous(nlp) -> None:
    a = analyse(nlp, "Local sources said that the checkpoint was abandoned before dawn.")
    [q] = a.quotes
    assert q.speaker_kind == "anonymous"
    assert "sources" in speaker(a, q).lower()
    assert content(a, q).startswith("the checkpoint was abandoned")


def test_pronoun_speaker_resolves_to_last_person(nlp) -> None:
    text = ('"The airport is under our control," General Tariq Mansour said. '
            "He added that the road to the north would reopen soon.")
    a = analyse(nlp, text)
    assert len(a.quotes) == 2
    first, second = a.quotes
    assert second.kind == "indirect"
    assert second.speaker_kind == "pronoun"
    assert second.speaker == first.speaker
    assert "Mansour" in speaker(a, second)


def test_role_noun_points_back_to_named_speaker(nlp) -> None:
    text = ('Deputy minister Pavel Orlov spoke in Geneva. "Nobody wants another siege," Orlov said. '
            "The diplomat stressed that talks would resume next week.")
    a = analyse(nlp, text)
    assert [speaker(a, q).split()[-1] for q in a.quotes] == ["Orlov", "Orlov"]


def test_spokesman_for_the_coalition(nlp) -> None:
    a = analyse(nlp, "A spokesman for the coalition said that 12 strikes hit the depots.")
    [q] = a.quotes
    assert "coalition" in speaker(a, q).lower()


def test_scare_quotes_and_titles_are_not_quotes(nlp) -> None:
    text = ('The "moderate" rebels left the "safe" town. The report "Cities Under Siege In The North" '
            "was published in May.")
    a = analyse(nlp, text)
    assert a.quotes == []


def test_short_quote_governed_by_cue_counts(nlp) -> None:
    a = analyse(nlp, 'The foreign minister Anna Berg called the truce a "positive step".')
    [q] = a.quotes
    assert content(a, q) == "positive step"
    assert "Berg" in speaker(a, q)


def test_partial_quote_inside_reported_speech_is_one_quote(nlp) -> None:
    a = analyse(nlp, 'The cleric Omar Saleh said that the invaders "want to repeat the plan they used in the '
                     'south" before winter.')
    assert len(a.quotes) == 1
    assert a.quotes[0].kind == "direct"
    assert content(a, a.quotes[0]).startswith("want to repeat")


def test_quote_date_from_attribution(nlp) -> None:
    a = analyse(nlp, '"We are ready," the commander Ali Rahimi said.')
    [q] = a.quotes
    assert q.date == "2016-10-18"  # the document's publication date when the clause gives none


def test_content_first_then_attribution(nlp) -> None:
    a = analyse(nlp, "The militia leaders have left the old town, while most foot soldiers stayed behind, "
                     "Colonel Marta Ruiz said in a briefing on Monday.")
    [q] = a.quotes
    assert q.kind == "indirect"
    assert content(a, q).startswith("The militia leaders have left")
    assert content(a, q).endswith("stayed behind")
    assert "Ruiz" in speaker(a, q)


def test_it_said_points_back_to_the_organisation(nlp) -> None:
    text = ("Two depots burned overnight, according to a statement by the Northern Relief Agency. "
            "Trucks also left the western camp at dawn, it said.")
    a = analyse(nlp, text)
    assert len(a.quotes) == 2
    assert a.quotes[1].speaker == a.quotes[0].speaker is not None
    assert content(a, a.quotes[1]).startswith("Trucks also left")


def test_it_said_with_nobody_before_is_dropped(nlp) -> None:
    a = analyse(nlp, "The river is high this spring, it said.")
    assert a.quotes == []


def test_as_x_noted(nlp) -> None:
    a = analyse(nlp, "As the historian Pieter Vos noted, every siege ends at the negotiating table.")
    [q] = a.quotes
    assert content(a, q).startswith("every siege ends")
    assert "Vos" in speaker(a, q)


def test_as_far_as_is_not_an_attribution(nlp) -> None:
    a = analyse(nlp, "As far as I can tell, the convoy never reached the bridge.")
    assert a.quotes == []


def test_possessive_stance_is_that(nlp) -> None:
    text = "Stefan Moll disagrees with the critics. His view is that the ceasefire will hold through the winter."
    a = analyse(nlp, text)
    q = next(q for q in a.quotes if content(a, q).startswith("the ceasefire will hold"))
    assert "Moll" in speaker(a, q)


def test_unowned_reports_of(nlp) -> None:
    a = analyse(nlp, "There are some reports of armed men leaving the valley to the north.")
    [q] = a.quotes
    assert content(a, q).startswith("armed men leaving")
    assert speaker(a, q) == "some reports"


def test_anonymous_source_keeps_its_own_words(nlp) -> None:
    a = analyse(nlp, '"The bridge is closed to all traffic," a Northern Brigade source said.')
    [q] = a.quotes
    assert q.speaker_kind == "anonymous"
    assert speaker(a, q) == "a Northern Brigade source"


def test_object_clause_after_stress(nlp) -> None:
    a = analyse(nlp, "The envoy stressed the failure of the committee to deliver the promised fuel.")
    [q] = a.quotes
    assert content(a, q).startswith("the failure of the committee")
    assert "envoy" in speaker(a, q)


def test_bare_object_is_not_a_quote(nlp) -> None:
    a = analyse(nlp, "The ministry denied the charges.")
    assert a.quotes == []


def test_person_in_brackets_after_a_short_quote(nlp) -> None:
    a = analyse(nlp, 'Several delegations asked for "a longer pause" (notably the envoy Karin Holt) on Friday.')
    [q] = a.quotes
    assert content(a, q) == "a longer pause"
    assert "Holt" in speaker(a, q)


def test_direct_words_inside_according_to_are_kept(nlp) -> None:
    a = analyse(nlp, 'The unit pulled back after "very heavy shelling", according to a statement by the '
                     'Eastern Command.')
    assert len(a.quotes) == 2
    short = next(q for q in a.quotes if q.kind == "direct")
    assert content(a, short) == "very heavy shelling"
    assert "Command" in speaker(a, short)


def test_reader_quoting_an_earlier_comment(nlp) -> None:
    from fogofwar.models import SegmentHint
    first = "The northern road will stay open for supply convoys until the spring thaw.\n"
    second = '"The northern road will stay open for supply convoys" I doubt that very much.\n'
    text = first + second
    doc = Document(text=text, published="2016-10-18", hints=[
        SegmentHint(kind="comment", char_start=0, char_end=len(first), author="Ilsa"),
        SegmentHint(kind="comment", char_start=len(first), char_end=len(text), author="Marek")])
    analysis = Analysis(document=doc)
    analysis.segments = segment_document(doc)
    annotate([analysis], nlp)
    extract_quotes(analysis)
    echo = next(q for q in analysis.quotes if q.content_start >= len(first))
    assert speaker(analysis, echo) == "Ilsa"


def test_denied_reports_give_one_quote_with_the_denier(nlp) -> None:
    # the noun "reports" used to become a second quote whose speaker was "reports"
    a = analyse(nlp, "Moscow denied reports that its jets had hit the hospital in the renewed wave of raids.")
    assert a.quotes
    assert all(speaker(a, q).lower() != "reports" for q in a.quotes), [speaker(a, q) for q in a.quotes]
    assert len(a.quotes) == 1


def test_event_subject_is_not_a_speaker_falls_back_to_named_person(nlp) -> None:
    # the parse makes "The bombing" the subject of "adding"; the governor in the sentence is the speaker
    a = analyse(nlp, "The bombing served the interests of extremist groups, adding that the runway had been used "
                     "by the air force, Governor Karim Haddad told reporters.")
    assert a.quotes
    names = [speaker(a, q) for q in a.quotes]
    assert all("bombing" not in n.lower() for n in names), names
    assert "Karim Haddad" in names


def test_counted_victims_are_not_speakers(nlp) -> None:
    a = analyse(nlp, "Nine children were among at least 40 people killed in the village when troops stormed it "
                     "a monitoring group said on Sunday.")
    assert a.quotes
    names = [speaker(a, q) for q in a.quotes]
    assert all("people" not in n for n in names), names
    assert "a monitoring group" in names


def test_counted_crowd_without_other_speaker_leaves_speaker_empty(nlp) -> None:
    a = analyse(nlp, "The war said nothing. More than 60 people said they had fled the town.")
    q = next(q for q in a.quotes if content(a, q).startswith("they had fled"))
    assert q.speaker is None
    assert q.speaker_kind == "unknown"


def test_counted_sources_still_speak(nlp) -> None:
    a = analyse(nlp, "Two officials said the convoy had reached the northern crossing on Tuesday.")
    assert a.quotes
    assert speaker(a, a.quotes[0]) == "Two officials"


# ---------------------------------------------------------------- every speaker carries the span it came from

def _spans_of(a: Analysis, actor_id: str | None) -> list[str]:
    """The words of every actor mention of one actor, checked against the text at their offsets."""
    out = []
    for m in a.mentions:
        if m.kind == "actor" and m.ref == actor_id:
            assert a.document.text[m.char_start:m.char_end] == m.text
            out.append(m.text)
    return out


def test_phrase_speakers_get_their_own_words_as_mention(nlp) -> None:
    a = analyse(nlp, "Local sources said that the checkpoint was abandoned before dawn. "
                     "A spokesman for the coalition said that 12 strikes hit the depots.")
    first, second = a.quotes
    assert _spans_of(a, first.speaker) == ["Local sources"]
    assert _spans_of(a, second.speaker) == ["the coalition"]
    assert {m.ref for m in a.mentions if m.kind == "actor"} == {q.speaker for q in a.quotes}


def test_pronoun_speaker_is_the_named_person_and_no_pronoun_mention(nlp) -> None:
    text = ('"The airport is under our control," General Tariq Mansour said. '
            "He added that the road to the north would reopen soon.")
    a = analyse(nlp, text)
    first, second = a.quotes
    assert second.speaker == first.speaker and second.speaker_kind == "pronoun"
    names = _spans_of(a, first.speaker)
    assert names and all("Mansour" in n for n in names)
    # "He" would read as an alias of every person it points to
    assert not any(m.text.lower() in ("he", "she") for m in a.mentions)


def test_comment_author_speaking_as_i_is_anchored_on_the_signature(nlp) -> None:
    text = ("The offensive is stalled, as the article says.\n\n"
            "Posted by: Barish | 07 June 2016 at 05:26 PM\n\n"
            "I said that the Turks would never allow the corridor to open.\n\n"
            "Posted by: Fredw | 07 June 2016 at 05:43 PM\n")
    a = analyse(nlp, text)
    quotes = [q for q in a.quotes if a.document.text[q.content_start:q.content_end].startswith("the Turks")]
    assert quotes, [content(a, q) for q in a.quotes]
    q = quotes[0]
    author = a.actor(q.speaker)
    assert author is not None and author.canonical == "Fredw" and q.speaker_kind == "pronoun"
    [m] = [m for m in a.mentions if m.ref == q.speaker]
    assert m.char_start == text.index("Fredw")
