"""Unit tests of the segmenter on hand-written pages in several layouts (tests/fixtures/segment)."""

from __future__ import annotations

import itertools
from pathlib import Path

from fogofwar.annotate import annotate
from fogofwar.models import Analysis, Document, Segment, SegmentHint
from fogofwar.segment import segment_document
from fogofwar.segment.dates import find_date

FIXTURES = Path(__file__).parent / "fixtures" / "segment"


def _load(name: str, published: str | None = None, author: str | None = None,
          title: str | None = None) -> tuple[Document, list[Segment]]:
    doc = Document(text=(FIXTURES / name).read_text(encoding="utf-8"), published=published, author=author, title=title)
    return doc, segment_document(doc)


def _starting(doc: Document, segs: list[Segment], prefix: str) -> Segment:
    return next(s for s in segs if doc.text[s.char_start:].startswith(prefix))


def _check_cover(doc: Document, segs: list[Segment]) -> None:
    assert segs[0].char_start == 0 and segs[-1].char_end == len(doc.text)
    for a, b in itertools.pairwise(segs):
        assert a.char_end == b.char_start and a.char_start < a.char_end
    assert [s.id for s in segs] == [f"s{n}" for n in range(1, len(segs) + 1)]


def test_wordpress_page_metadata_report_update_and_thread() -> None:
    doc, segs = _load("wordpress.txt")
    _check_cover(doc, segs)
    assert doc.title == "Convoy reaches the northern valley after long delay"
    assert doc.author == "Maria Ostrand" and doc.published == "2017-03-02"
    wire = _starting(doc, segs, "GENEVA (Reuters)")
    assert wire.kind == "embedded_report" and wire.outlet == "Reuters"
    assert _starting(doc, segs, "I have to say").kind == "article"
    update = _starting(doc, segs, "UPDATE 2 (March 3)")
    assert update.kind == "update" and update.published == "2017-03-03"
    assert _starting(doc, segs, "Share this:").kind == "page_chrome"
    alice = _starting(doc, segs, "Thank you for keeping")
    tomas = _starting(doc, segs, "@Alice Wong")
    assert (alice.kind, alice.author, alice.published) == ("comment", "Alice Wong", "2017-03-03")
    assert (tomas.author, tomas.published, tomas.in_reply_to) == ("Tomas Berg", "2017-03-04", alice.id)
    # the "NAME says:" header and "Reply" links are chrome, never comment text
    assert all(s.kind == "page_chrome" for s in segs if doc.text[s.char_start:].startswith("Reply"))


def test_disqus_thread_with_relative_stamps_and_name_reply() -> None:
    doc, segs = _load("disqus.txt", published="2017-01-10")
    _check_cover(doc, segs)
    comments = [s for s in segs if s.kind == "comment"]
    assert [c.author for c in comments] == ["karim_h", "Lena P"]
    assert comments[1].in_reply_to == comments[0].id
    assert all(c.published == "2017-01-10" for c in comments)  # "2 hours ago" falls back to the page date
    assert _starting(doc, segs, "What do you think?").kind == "page_chrome"


def test_typepad_footer_stamps_signoff_and_replies() -> None:
    doc, segs = _load("typepad.txt")
    _check_cover(doc, segs)
    article = segs[0]
    assert article.kind == "article" and article.author == "rk" and doc.author == "rk"
    # no date in the post itself: it takes its first comment's date
    assert article.published == "2017-05-14" == doc.published
    comments = [s for s in segs if s.kind == "comment"]
    assert [c.author for c in comments] == ["Hollis", "riverkeeper", "Marta Q"]
    assert doc.text[comments[0].char_start:].startswith("The bridges matter")
    assert comments[1].in_reply_to == comments[0].id
    assert comments[2].in_reply_to == comments[1].id and comments[2].published == "2017-05-15"


def test_roundup_caption_weekday_inference_quote_block_and_update() -> None:
    doc, segs = _load("roundup.txt")
    _check_cover(doc, segs)
    assert segs[0].kind == "page_chrome"  # slug, credit and caption
    # caption shot on Monday 6 March; "said on Wednesday" puts the page on the 8th, before the 9 March update
    assert doc.published == "2017-03-08"
    quote = _starting(doc, segs, '"We have fuel')
    assert quote.kind == "embedded_report" and quote.published == "2017-03-08"
    assert _starting(doc, segs, "That's the whole economy").kind == "article"
    update = _starting(doc, segs, "Update (March 9)")
    assert update.kind == "update" and update.published == "2017-03-09"


def test_weekday_inference_never_passes_first_update() -> None:
    text = ("photo slug\n© A. Person / Agency\nTrucks at the border crossing, March 6, 2017.\n"
            "Officials said on Saturday that the crossing would stay closed for repairs to the road surface "
            "and the bridge, which were damaged in the floods.\n\nUpdate (March 7): It reopened.\n")
    doc = Document(text=text)
    segment_document(doc)
    assert doc.published == "2017-03-07"


def test_repost_dateline_outlet_editors_note_and_chrome() -> None:
    doc, segs = _load("repost.txt")
    _check_cover(doc, segs)
    assert segs[0].kind == "article"  # an editor's note at the top belongs to the article
    assert doc.title == "Villagers return to the hill towns as fighting moves south"
    assert doc.outlet == "Sputnik"
    assert _starting(doc, segs, "This article originally appeared").kind == "page_chrome"


def test_container_metadata_wins_over_text() -> None:
    doc, segs = _load("wordpress.txt", published="2017-03-05", author="Desk", title="Given")
    assert (doc.published, doc.author, doc.title) == ("2017-03-05", "Desk", "Given")
    assert segs[0].published == "2017-03-05" and segs[0].author == "Desk"


def test_hints_are_kept_and_article_hint_is_segmented_inside() -> None:
    article = ("Fighting eased along the southern road on Sunday, residents said, after three days of clashes "
               "between the two groups over the fuel depot.\n"
               "The ministry sent this statement to reporters:\n"
               "\"Our forces hold the depot and the road is open to civilian traffic,\" the ministry said in a "
               "statement, adding that repairs would start at once.\n")
    comment = "Good to hear the road is open again.\n"
    reply = "Open for now, at least.\n"
    text = "Widget bar\n" + article + comment + reply
    a0 = len("Widget bar\n")
    c0 = a0 + len(article)
    r0 = c0 + len(comment)
    hints = [SegmentHint(kind="article", char_start=a0, char_end=c0, author="Desk", published="2017-04-02"),
             SegmentHint(kind="comment", char_start=c0, char_end=r0, author="Nour", published="2017-04-03"),
             SegmentHint(kind="comment", char_start=r0, char_end=len(text), author="Sam", reply_to_index=1)]
    doc = Document(text=text, hints=hints)
    segs = segment_document(doc)
    _check_cover(doc, segs)
    art = next(s for s in segs if s.char_start == a0)
    assert art.kind == "article" and art.author == "Desk" and art.published == "2017-04-02"
    pasted = _starting(doc, segs, '"Our forces hold')
    assert pasted.kind == "embedded_report" and pasted.published == "2017-04-02"
    nour = next(s for s in segs if s.char_start == c0)
    sam = next(s for s in segs if s.char_start == r0)
    assert (nour.kind, nour.author, nour.published) == ("comment", "Nour", "2017-04-03")
    assert sam.author == "Sam" and sam.in_reply_to == nour.id


def test_find_date_forms() -> None:
    assert find_date("Posted by: X | 07 June 2016 at 05:06 PM") == "2016-06-07"
    assert find_date("Update (Oct. 19):", 2016) == "2016-10-19"
    assert find_date("Wed 05 Apr 2017 Syria") == "2017-04-05"
    assert find_date("they may 5 times", 2016) is None


def test_plain_news_stays_one_article(nlp: object) -> None:
    text = ("Officials in the provincial capital said on Monday that the main highway had reopened after "
            "engineers cleared the debris left by last week's landslide.\n\n"
            "Traffic was light in the first hours, a police spokesman said, and trucks were being checked "
            "at the southern entrance of the city.\n")
    # only segment + annotate: the later stages belong to others and change under us
    doc = Document(text=text, published="2016-10-18")
    analysis = Analysis(document=doc, segments=segment_document(doc))
    annotate([analysis], nlp)  # type: ignore[arg-type]
    assert [s.kind for s in analysis.segments] == ["article"]
    assert analysis.segments[0].published == "2016-10-18"
    assert analysis.chunks and all(c.segment is analysis.segments[0] for c in analysis.chunks)


def test_linear_on_a_large_page() -> None:
    import time

    para = ("The council said the market would reopen next week after repairs to the roof and the "
            "stalls, and that traders would not pay rent for the first month.\n\n")
    text = para * 40_000  # about 7 MB
    t0 = time.perf_counter()
    segs = segment_document(Document(text=text, published="2017-01-01"))
    assert time.perf_counter() - t0 < 20
    assert segs[-1].char_end == len(text)


def test_hinted_comments_have_no_blank_gaps_and_inline_replies_are_linked() -> None:
    article = "Shelling resumed north of the town on Monday, residents said."
    first = "The numbers quoted by the ministry look far too low to me."
    second = "Lena K., the ministry counts only the dead it has identified."
    text = f"{article}\n\n{first}\n\n{second}"
    s1 = len(article) + 2
    s2 = s1 + len(first) + 2
    doc = Document(text=text, hints=[
        SegmentHint(kind="article", char_start=0, char_end=len(article)),
        SegmentHint(kind="comment", char_start=s1, char_end=s1 + len(first), author="Lena K.",
                    published="2016-11-02"),
        SegmentHint(kind="comment", char_start=s2, char_end=len(text), author="Omar", published="2016-11-03"),
    ])
    segments = segment_document(doc)
    assert [s.kind for s in segments] == ["article", "comment", "comment"]
    assert [s.author for s in segments[1:]] == ["Lena K.", "Omar"]
    assert segments[2].in_reply_to == segments[1].id
    assert segments[1].in_reply_to is None
    assert segments[-1].char_end == len(text)


# --- page furniture glued to the article (furniture.py) and furniture lines (chrome.py) ---


def _kind_at(doc: Document, segs: list[Segment], offset: int) -> str:
    return next(s.kind for s in segs if s.char_start <= offset < s.char_end)


def _article_starts(doc: Document, segs: list[Segment]) -> list[str]:
    return [doc.text[s.char_start:s.char_start + 25] for s in segs if s.kind == "article"]


def test_flat_page_leading_stamp_and_headline_become_chrome_and_date() -> None:
    title = "Shelling hits market town in the eastern hills"
    doc, segs = _load("flat_wire.txt", title=title)
    _check_cover(doc, segs)
    assert segs[0].kind == "page_chrome"
    assert _article_starts(doc, segs) == ["At least nine people were"]
    assert doc.published == "2017-03-14"
    art = next(s for s in segs if s.kind == "article")
    assert art.published == "2017-03-14"
    # the trailing tag run and comment widgets are chrome, the last sentence is not
    assert _kind_at(doc, segs, doc.text.index("Tags Qarnit")) == "page_chrome"
    assert _kind_at(doc, segs, doc.text.index("The army did not comment")) == "article"
    assert doc.text[art.char_start:art.char_end].rstrip().endswith("on the report.")


def test_flat_page_without_container_title_cuts_only_the_stamp() -> None:
    doc, segs = _load("flat_wire.txt")
    assert _article_starts(doc, segs) == ["Shelling hits market town"]
    assert doc.published == "2017-03-14"


def test_container_date_is_kept_over_the_stamp() -> None:
    doc, _ = _load("flat_wire.txt", published="2017-03-15")
    assert doc.published == "2017-03-15"


def test_headline_agency_credit_and_widget_counters() -> None:
    doc, segs = _load("flat_agency.txt", title="Militia fighters withdraw from river crossing Monitor - Region - World")
    _check_cover(doc, segs)
    assert _article_starts(doc, segs) == ["Militia fighters pulled b"]
    assert doc.published == "2016-11-09"
    assert _kind_at(doc, segs, doc.text.index("Read Also")) == "page_chrome"
    assert _kind_at(doc, segs, doc.text.index("four fighters")) == "article"


def test_publication_label_video_widget_and_last_update_footer() -> None:
    doc, segs = _load("flat_published.txt")
    assert _article_starts(doc, segs) == ["Aid trucks entered the be"]
    assert doc.published == "2018-02-22"
    assert _kind_at(doc, segs, doc.text.index("Last Update")) == "page_chrome"
    assert _kind_at(doc, segs, doc.text.index("more deliveries")) == "article"


def test_posted_on_by_outlet_then_headline() -> None:
    doc, segs = _load("flat_posted_by.txt", title="Drone strike kills two commanders near the dam")
    assert _article_starts(doc, segs) == ["A drone strike killed two"]
    assert doc.published == "2015-05-04"
    assert _kind_at(doc, segs, doc.text.index("Our Standards")) == "page_chrome"


def test_numeric_stamp_and_title_label() -> None:
    doc, segs = _load("numeric_stamp.txt", title="Army Repels Attack on Hill Positions South of the City")
    assert _article_starts(doc, segs) == ["Army units repelled an at"]
    assert doc.published == "2016-11-03"  # day-month-year, as such sites print it


def test_short_url_widget_keeps_the_country_us() -> None:
    doc, segs = _load("sputnik_like.txt")
    assert _article_starts(doc, segs) == ["US Defense officials said"]
    assert doc.published == "2017-06-12"
    assert _kind_at(doc, segs, doc.text.index("Tags airstrike")) == "page_chrome"


def test_partisan_blog_lines_tags_related_share_and_dateline() -> None:
    doc, segs = _load("partisan_blog.txt")
    _check_cover(doc, segs)
    assert [s.kind for s in segs] == ["page_chrome", "article", "page_chrome"]
    assert _article_starts(doc, segs) == ["Barrel bombs kill eleven "]
    assert doc.published == "2016-08-27"
    art = segs[1]
    body = doc.text[art.char_start:art.char_end]
    assert "Related" not in body and "Subscribe" not in body and body.rstrip().endswith("in its clinic.")


def test_prose_that_starts_with_furniture_words_stays_article() -> None:
    doc, segs = _load("prose_start.txt")
    assert [s.kind for s in segs] == ["article"]
    assert doc.published is None


def _article(doc: Document, segs: list[Segment]) -> Segment:
    return next(s for s in segs if s.kind == "article")


def test_wire_dateline_month_day_takes_the_year_nearest_the_dated_comments() -> None:
    doc, segs = _load("wire_dated_comments.txt")
    _check_cover(doc, segs)
    art = _article(doc, segs)
    # comments on 2 January 2017 put a "Dec 30" dateline at the end of 2016, not of 2017
    assert art.published == "2016-12-30"
    assert doc.published == "2016-12-30"
    assert doc.outlet == "Reuters"
    # the dateline stays inside the article, for the place stage
    assert _kind_at(doc, segs, doc.text.index("TIKRIT, Dec 30")) == "article"
    assert [s.published for s in segs if s.kind == "comment"] == ["2017-01-02", "2017-01-02"]


def test_wire_dateline_without_any_year_leaves_the_date_unknown() -> None:
    doc, segs = _load("wire_no_year.txt")
    assert doc.published is None and _article(doc, segs).published is None
    assert doc.outlet == "Reuters"
    assert _kind_at(doc, segs, doc.text.index("BEIRUT, Oct 3")) == "article"


def test_wire_dateline_with_year_dates_the_page_but_the_container_wins() -> None:
    doc, segs = _load("wire_full_year.txt")
    assert doc.published == "2017-03-12" and _article(doc, segs).published == "2017-03-12"
    assert doc.outlet == "SANA"
    doc, segs = _load("wire_full_year.txt", published="2017-03-13")
    assert doc.published == "2017-03-13" and _article(doc, segs).published == "2017-03-13"


def test_dateline_with_region_and_year_from_a_page_stamp() -> None:
    text = ("Filed from the front\n\nPublished: November 3, 2016\n\n"
            "MOSUL, Iraq, Nov. 2 (AP) \u2014 Troops pushed into two eastern districts on Wednesday, officers said.\n")
    doc = Document(text=text)
    segs = segment_document(doc)
    assert doc.outlet == "Associated Press"
    assert doc.published == "2016-11-03"  # the page's own stamp is trusted first
    assert _kind_at(doc, segs, text.index("MOSUL")) == "article"
    assert any(s.published == "2016-11-02" for s in segs if s.kind == "article")


def test_sentences_that_open_with_a_place_and_date_are_no_dateline() -> None:
    from fogofwar.segment.cues import dated_dateline
    assert dated_dateline("Aleppo, March 3 - the day the siege closed - was quiet.") is None
    assert dated_dateline("On Monday, Oct 3 (local time) - nothing happened.") is None
    assert dated_dateline("ALEPPO, March 3 - Shelling resumed.") == ("March 3", None)
    assert dated_dateline("Aleppo, 3 March 2016 (AFP) - Shelling resumed.") == ("3 March 2016", "AFP")


_BODY = "\n\nThe convoy reached the town at dawn. Residents said it carried flour and medicine for the clinic.\n"


def _head(first: str) -> Document:
    doc = Document(text=first + _BODY)
    segment_document(doc)
    return doc


def test_posted_on_date_by_name() -> None:
    doc = _head("Posted on July 20 2016 by Sam Carter")
    assert (doc.author, doc.published, doc.outlet) == ("Sam Carter", "2016-07-20", None)


def test_posted_by_name_on_date_and_by_name_pipe_date() -> None:
    doc = _head("Posted by Lina Haddad on August 2, 2016")
    assert (doc.author, doc.published) == ("Lina Haddad", "2016-08-02")
    doc = _head("By Lina Haddad | 4 September 2016")
    assert (doc.author, doc.published) == ("Lina Haddad", "2016-09-04")


def test_written_by_gives_author_without_a_date() -> None:
    doc = _head("Written by Tomas Berg")
    assert doc.author == "Tomas Berg" and doc.published is None


def test_by_a_known_outlet_gives_the_outlet_not_an_author() -> None:
    doc = _head("Posted on July 20 2016 by Reuters")
    assert (doc.author, doc.outlet, doc.published) == (None, "Reuters", "2016-07-20")
    doc = _head("By Al Masdar News | July 21, 2016")
    assert (doc.author, doc.outlet) == (None, "Al Masdar News")
    doc = _head("Posted on May 4 2015 by The Valley Courier")
    assert (doc.author, doc.outlet) == (None, "The Valley Courier")


def test_container_author_and_outlet_win_over_the_byline() -> None:
    doc = Document(text="Posted on July 20 2016 by Sam Carter" + _BODY, author="Desk Editor", outlet="Some Paper",
                   published="2016-07-21")
    segment_document(doc)
    assert (doc.author, doc.outlet, doc.published) == ("Desk Editor", "Some Paper", "2016-07-21")
