"""Actor resolution: aliases, demonym forces, anaphora, surnames, local actors (real spaCy)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from fogofwar.models import Analysis, Document
from fogofwar.pipeline import analyze_text
from fogofwar.resolve import actor_table as at
from fogofwar.resolve.actors import resolve_actors


def _actors(text: str, nlp) -> dict[str, str]:
    """mention text -> canonical name, actor stage only (later stages do not matter here)."""
    from fogofwar.annotate import annotate
    from fogofwar.segment import segment_document

    analysis = Analysis(document=Document(text=text, published="2016-10-18"))
    analysis.segments = segment_document(analysis.document)
    annotate([analysis], nlp)
    resolve_actors(analysis)
    out = {}
    for m in analysis.mentions:
        if m.kind == "actor":
            actor = analysis.actor(m.ref)
            assert actor is not None and text[m.char_start:m.char_end] == m.text
            out[m.text] = actor.canonical
    return out


def test_actors_islamic_state_spellings(nlp):
    text = ("ISIS fighters retreated. Commanders of ISIL and Daesh met while Da'esh lost ground. "
            "The Islamic State group and Isis also said IS would return. This is not it.")
    got = _actors(text, nlp)
    for form in ("ISIS fighters", "ISIL", "Daesh", "Da'esh", "Islamic State group", "Isis", "IS"):
        assert got.get(form) == "Islamic State", (form, got)
    assert "is" not in got and "This" not in got


def test_actors_pmu_and_peshmerga_spellings(nlp):
    text = ("Hashd al-Shaabi units moved north. The al-Hashd al-Sha'abi, also called the PMU or the Popular "
            "Mobilisation Forces, joined peshmerga and Kurdish Peshmerga forces near Mosul.")
    got = _actors(text, nlp)
    pmu = {v for k, v in got.items() if "Hashd" in k or k in ("PMU", "Popular Mobilisation Forces")}
    assert pmu == {"Popular Mobilization Forces"}, got
    assert got.get("peshmerga") == "Peshmerga"
    assert got.get("Kurdish Peshmerga forces") == "Peshmerga"


def test_actors_demonym_and_force_noun(nlp):
    text = ("Iraqi forces and Iraqi security forces entered the town as Turkish troops shelled a hill. "
            "Russian jets struck a market and the Syrian army advanced. U.S. soldiers stayed back.")
    got = _actors(text, nlp)
    assert got["Iraqi forces"] == got["Iraqi security forces"] == "Iraqi Army"
    assert got["Turkish troops"] == "Turkish Armed Forces"
    assert got["Russian jets"] == "Russian Aerospace Forces"
    assert got["Syrian army"] == "Syrian Arab Army"
    assert got["U.S. soldiers"] == "United States Armed Forces"


def test_actors_kurdish_fighters_follow_theatre(nlp):
    iraq = _actors("Near Mosul and Erbil, Kurdish fighters cut the road to Sinjar.", nlp)
    syria = _actors("Near Raqqa and Kobani, Kurdish fighters cut the road to Manbij.", nlp)
    assert iraq.get("Kurdish fighters") == "Peshmerga"
    assert syria.get("Kurdish fighters") == "Syrian Democratic Forces"


def test_actors_group_anaphora_only_when_unambiguous(nlp):
    one = _actors("Boko Haram raided a village near Maiduguri. The group burned the market.", nlp)
    assert one.get("The group") == "Boko Haram"
    two = _actors("Boko Haram and ISWAP fought each other near Maiduguri. The group burned the market.", nlp)
    assert "The group" not in two
    jihadist = _actors("Al-Shabaab attacked a base near Mogadishu. The jihadists later withdrew.", nlp)
    assert jihadist.get("The jihadists") == "Al-Shabaab"
    secular = _actors("The YPG held the bridge near Kobani. The jihadists later withdrew.", nlp)
    assert "The jihadists" not in secular


def test_actors_surname_back_reference(nlp):
    text = ("Russian Foreign Minister Sergei Lavrov spoke in Geneva. Lavrov said talks would go on. "
            "Analyst Miriam Tolberg of a think tank disagreed. Tolberg called it a stall.")
    got = _actors(text, nlp)
    assert got["Sergei Lavrov"] == got["Lavrov"] == "Sergey Lavrov"
    assert got.get("Tolberg") == "Miriam Tolberg"


def test_actors_unknown_become_local(nlp):
    a = analyze_text("The Northern Valley Relief Association said Dr Hamza Quraishi treated 40 people.",
                     keep_chunks=False)
    local = {x.canonical: x for x in a.actors if x.local}
    assert any("Northern Valley Relief Association" in name for name in local), local
    assert "Hamza Quraishi" in local and local["Hamza Quraishi"].type == "person"


def test_actors_country_only_when_acting(nlp):
    got = _actors("Fighting in Syria went on. Russia accused Turkey of shelling. Moscow said it would respond.", nlp)
    assert got.get("Russia") == "Russia" and got.get("Moscow") == "Russia"
    assert "Syria" not in got


def test_actor_table_size_and_ids():
    table = at.load_actor_table()
    assert len(table) >= 300
    with_ids = [e for e in table.entries if e.wikidata]
    assert len(with_ids) >= 150
    assert table.get("Islamic State").wikidata == "Q2429253"
    assert table.get("Peshmerga").parent == "Kurdistan Regional Government"
    assert table.get("Kata'ib Hezbollah").parent == "Popular Mobilization Forces"
    types = {e.type for e in table.entries}
    assert {"state_force", "armed_group", "government", "international_org", "person", "media", "civilians"} <= types


def test_actor_table_user_extension(tmp_path: Path, nlp):
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "actors:\n"
        "  - {canonical: Liwa al-Testiyah, type: armed_group, country: SY, parent: Syrian National Army,\n"
        "     aliases: [Testiyah Brigade]}\n"
        "  - {canonical: Islamic State, type: armed_group, aliases: [Tanzim al-Dawla]}\n",
        encoding="utf-8")
    table = at.load_actor_table([extra])
    new, known = table.get("Liwa al-Testiyah"), table.get("Islamic State")
    assert new is not None and new.parent == "Syrian National Army"
    assert known is not None and "Tanzim al-Dawla" in known.aliases and "ISIS" in known.aliases
    try:
        at.use_actor_files([extra])
        got = _actors("The Testiyah Brigade clashed with Tanzim al-Dawla near Azaz.", nlp)
        assert got.get("Testiyah Brigade") == "Liwa al-Testiyah"
        assert got.get("Tanzim al-Dawla") == "Islamic State"
    finally:
        at.use_actor_files([])


@pytest.mark.parametrize(("body", "words"), [
    ("  - {canonical: Foo Group, type: gang, aliases: []}\n", ["Foo Group", "type"]),
    ("  - {canonical: Foo Group, type: armed_group, parent: No Such Actor}\n", ["Foo Group", "No Such Actor"]),
    ("  - {canonical: Foo Group, type: armed_group, aliases: [ISIS]}\n", ["ISIS", "Islamic State"]),
    ("  - {canonical: Foo Group, type: armed_group, wikidata: X12}\n", ["Foo Group", "X12"]),
    ("  - {canonical: Foo Group, type: armed_group}\n  - {canonical: Foo Group, type: armed_group}\n",
     ["Foo Group", "twice"]),
])
def test_actor_table_validation_errors(tmp_path: Path, body: str, words: list[str]):
    bad = tmp_path / "bad.yaml"
    bad.write_text("actors:\n" + body, encoding="utf-8")
    with pytest.raises(at.ActorTableError) as err:
        at.load_actor_table([bad])
    for w in words:
        assert w in str(err.value)


def test_actor_table_ambiguous_alias_allowed(tmp_path: Path):
    ok = tmp_path / "ok.yaml"
    ok.write_text("ambiguous: [SDF]\nactors:\n  - {canonical: Sudanese Defence Front, type: armed_group,"
                  " aliases: [SDF]}\n", encoding="utf-8")
    assert at.load_actor_table([ok]).get("Sudanese Defence Front") is not None


def test_actors_alias_pair_floor_on_seeds(shared: Path, nlp):
    gold_dir, seeds = shared / "gold", shared / "seeds"
    if not gold_dir.is_dir() or not (shared / "eval" / "score.py").is_file():
        pytest.skip("gold or scorer missing")
    sys.path.insert(0, str(shared / "eval"))
    try:
        import score  # type: ignore[import-not-found]
    finally:
        sys.path.pop(0)
    from fogofwar.annotate import annotate
    from fogofwar.export import to_record
    from fogofwar.segment import segment_document

    golds = sorted(gold_dir.glob("*.json"))
    analyses = []
    for g in golds:  # the actor stage alone: the score reads only actors and their mentions
        doc = Document(text=(seeds / (g.stem + ".txt")).read_text(encoding="utf-8-sig"))
        analyses.append(Analysis(document=doc, segments=segment_document(doc)))
    annotate(analyses, nlp)
    acc = score.fresh()
    for g, analysis in zip(golds, analyses, strict=True):
        resolve_actors(analysis)
        score.score_actors(json.loads(g.read_text(encoding="utf-8")), to_record(analysis), acc)
    assert score.summarize(acc)["actors"]["alias_pair_f1"] >= 0.90


# ---------------------------------------------------------------- errors seen on unseen news (fakes/demo review)

def test_syrian_villages_tagged_as_people_are_not_actors(nlp) -> None:
    found = _actors("Rebels near Aleppo shelled Khan Tuman and Kafr Batna, while Urum al-Kubra was bombed again.", nlp)
    assert not any(t in found for t in ("Khan Tuman", "Kafr Batna", "Urum al-Kubra"))
    assert found.get("Rebels") == "Syrian opposition"


def test_page_chrome_and_platforms_are_not_actors(nlp) -> None:
    found = _actors("Tags Syria Idlib. Activists posted the video on Youtube and Twitter after the Russian raid.", nlp)
    assert not any(k.startswith("Tags") or k in ("Youtube", "Twitter") for k in found)


def test_operation_names_are_not_actors(nlp) -> None:
    found = _actors("Turkey launched Operation Euphrates Shield in August to push Islamic State from the border.", nlp)
    assert "Operation Euphrates Shield" not in found
    assert found.get("Islamic State") == "Islamic State"


def test_red_crescent_and_civil_defence_follow_the_theatre(nlp) -> None:
    syria = _actors("In Aleppo and Idlib, the Red Crescent and the Civil Defence pulled bodies from the rubble.", nlp)
    iraq = _actors("In Mosul, the Red Crescent handed out food as Iraqi forces advanced.", nlp)
    assert syria.get("the Red Crescent") == "Syrian Arab Red Crescent"
    assert syria.get("Civil Defence") == "Syrian Civil Defence"
    assert iraq.get("the Red Crescent") == "Iraqi Red Crescent"


def test_press_variants_of_known_actors(nlp) -> None:
    found = _actors("The Syria Democratic Forces said the Syrian Coalition was not invited. In Baghdad, the "
                    "Joint Operations Command said the army entered Mosul.", nlp)
    assert found.get("Syria Democratic Forces") == "Syrian Democratic Forces"
    assert found.get("Syrian Coalition") == "Syrian opposition"
    assert found.get("Joint Operations Command") == "Iraqi Joint Operations Command"


# ---------------------------------------------------------------- every actor carries the span it came from

def _used(analysis: Analysis) -> set[str]:
    """Actor ids the extracted facts point to."""
    refs: set[str | None] = set()
    for e in analysis.events:
        refs |= {e.actor1, e.actor2, e.reported_by}
    refs |= {q.speaker for q in analysis.quotes} | {n.belongs_to for n in analysis.quantities}
    refs |= {c.claimant for c in analysis.claims} | {p.predictor for p in analysis.predictions}
    return {r for r in refs if r is not None}


def _without_span(analysis: Analysis) -> list[str]:
    """Exported actors with no actor mention whose text is what the document holds at its offsets.

    Only an author or outlet the document's container gave (markup, a feed or JSON Lines field) and the
    text never writes has none: its source is that metadata field, exported beside it.
    """
    doc = analysis.document
    text = doc.text
    spanned = {m.ref for m in analysis.mentions
               if m.kind == "actor" and m.text and text[m.char_start:m.char_end] == m.text}
    metadata = {doc.author, doc.outlet} | {s.author for s in analysis.segments} | {s.outlet for s in analysis.segments}
    return [f"{a.id} {a.canonical!r} ({a.type})" for a in analysis.actors
            if a.id not in spanned and not (a.canonical in metadata and a.canonical not in text)]


def _check_spans(analyses: list[Analysis]) -> None:
    assert analyses
    for analysis in analyses:
        where = analysis.document.source_path or analysis.document.source_id
        exported = {a.id for a in analysis.actors}
        assert _used(analysis) <= exported, (where, _used(analysis) - exported)
        assert _without_span(analysis) == [], where


def test_every_actor_of_the_demo_corpus_has_a_span(nlp) -> None:
    from fogofwar.ingest import iter_inputs, read_path
    from fogofwar.pipeline import analyze_documents

    demo = Path(__file__).resolve().parents[1] / "src" / "fogofwar" / "data" / "demo"
    docs = [d for p in iter_inputs([demo]) for d in read_path(p) if isinstance(d, Document)]
    assert len(docs) >= 12
    analyses = analyze_documents(docs, nlp)
    assert sum(len(a.actors) for a in analyses) > 100
    _check_spans(analyses)


def test_every_actor_of_the_seeds_has_a_span(nlp, shared: Path) -> None:
    from fogofwar.pipeline import analyze_documents

    docs = [Document(text=f.read_text(encoding="utf-8-sig"), source_path=str(f))
            for f in sorted((shared / "seeds").glob("*.txt"))]
    analyses = analyze_documents(docs, nlp)
    _check_spans(analyses)
    # the speakers and agents the later stages add are there too, each with its own words
    for analysis in analyses:
        assert all(m.text.lower() not in {"he", "she", "him", "her"} for m in analysis.mentions if m.kind == "actor")


def test_actor_at_adds_a_local_actor_with_the_words_as_its_mention() -> None:
    from fogofwar.resolve.actors import actor_at

    text = 'Residents fled. "Local sources" said the road was cut, and local sources later denied it.'
    a = Analysis(document=Document(text=text))
    start = text.index('"Local')
    aid = actor_at(a, start, start + len('"Local sources"'), type="unknown")
    actor = a.actor(aid)
    assert actor is not None and actor.local and actor.canonical == "Local sources"
    [m] = a.mentions
    assert (m.kind, m.ref, m.text) == ("actor", aid, "Local sources")  # the quote marks are not the name
    assert text[m.char_start:m.char_end] == m.text
    # the same words elsewhere: the same actor, one more mention there
    later = text.index("local sources")
    again = actor_at(a, later, later + len("local sources"), "Local sources", type="unknown")
    assert again == aid and len(a.mentions) == 2 and a.mentions[1].char_start == later
    assert actor_at(a, 5, 5) is None and len(a.actors) == 1


def test_actor_at_reuses_the_resolver_mention_unless_told_not_to() -> None:
    from fogofwar.models import Mention
    from fogofwar.resolve.actors import actor_at, anchor_actor

    text = "A Hashd al-Shaabi source said the convoy left."
    a = Analysis(document=Document(text=text))
    pmu = a.add_actor("Popular Mobilization Forces", type="state_force")
    s = text.index("Hashd")
    a.mentions.append(Mention(kind="actor", text="Hashd al-Shaabi", char_start=s, char_end=s + 15, ref=pmu))
    phrase_end = text.index(" said")
    assert actor_at(a, 0, phrase_end) == pmu and len(a.mentions) == 1
    source = actor_at(a, 0, phrase_end, reuse=False, type="unknown")
    assert source != pmu and a.mentions[-1].text == "A Hashd al-Shaabi source"
    assert a.mentions[-1].ref == source
    # an actor already named on these words gets no second mention there
    assert anchor_actor(a, pmu, s, s + 5) == pmu and len(a.mentions) == 2


def test_event_sides_the_table_can_name(nlp) -> None:
    from fogofwar.annotate import annotate
    from fogofwar.resolve.actors import actor_at
    from fogofwar.segment import segment_document

    def ask(text: str, words: str) -> str:
        a = Analysis(document=Document(text=text, published="2016-10-18"))
        a.segments = segment_document(a.document)
        annotate([a], nlp)
        resolve_actors(a)
        start = text.index(words)
        aid = actor_at(a, start, start + len(words), reuse=False, known=True, type="armed_group")
        actor = a.actor(aid)
        assert actor is not None and a.mentions[-1].ref == aid and a.mentions[-1].text == words
        return actor.canonical

    assert ask("Daesh shelled the bridge on Monday. Later jihadi commanders fled the town.",
               "jihadi commanders") == "Islamic State"
    # a nation as a collective side is its forces; counted, it is people: a local actor of its own words
    assert ask("Daesh shelled the bridge. The Syrians advanced.", "Syrians") == "Syrian Arab Army"
    assert ask("Daesh shelled the bridge. Some 600 Syrians fled.", "Syrians") == "Syrians"
    # a description reaches back only a few sentences: past that, the group it meant is not known
    far = ("Daesh shelled the bridge. The river rose. Rain fell all week. The roads closed. "
           "Later jihadi fighters left.")
    assert ask(far, "jihadi fighters") == "jihadi fighters"


def test_byline_actor_anchors_on_the_nearest_signature() -> None:
    from fogofwar.models import Segment
    from fogofwar.resolve.actors import byline_actor

    text = ("First comment about the bridge.\nPosted by: Barish | 07 June 2016\n"
            "Second comment, Barish is wrong.\nPosted by: Fredw | 07 June 2016\n"
            "Third comment.\nPosted by: Barish | 08 June 2016\n")
    a = Analysis(document=Document(text=text))
    third = text.index("Third")
    seg = Segment(id="s3", kind="comment", char_start=third, char_end=third + len("Third comment.\n"),
                  author="Barish")
    aid = byline_actor(a, "Barish", seg, type="person")
    [m] = a.mentions
    assert m.ref == aid and m.text == "Barish" and m.char_start == text.rindex("Barish")
    assert byline_actor(a, None, seg) is None and len(a.actors) == 1
    # a name only the container gave (an HTML comment's author field): an actor, with no span to invent
    other = byline_actor(a, "Someone Else", seg, type="person")
    assert other is not None and other != aid and len(a.mentions) == 1


def test_unfounded_actors_are_dropped_and_used_ones_kept() -> None:
    from fogofwar.models import Mention, Quote
    from fogofwar.resolve.actors import drop_unfounded_actors

    a = Analysis(document=Document(text="Russia spoke."))
    named = a.add_actor("Russia", type="government")
    a.mentions.append(Mention(kind="actor", text="Russia", char_start=0, char_end=6, ref=named))
    spoke = a.add_actor("Somebody", type="unknown", local=True)
    a.quotes.append(Quote(id="q1", speaker=spoke, kind="indirect", cue="say", char_start=0, char_end=12,
                          content_start=7, content_end=12))
    a.add_actor("Nobody", type="unknown", local=True)
    drop_unfounded_actors(a)
    assert [x.canonical for x in a.actors] == ["Russia", "Somebody"]
    assert a.actor(spoke) is not None and a.actor(named) is not None
