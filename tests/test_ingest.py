"""Readers and the bad-input guarantees: every file here is written by the tests themselves."""

from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from fogofwar.ingest import iter_inputs, read_path, sniff_format
from fogofwar.ingest.badinput import warc_pages, write_bad_input_corpus
from fogofwar.models import Document, InputError

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def read_all(path: Path) -> tuple[list[Document], list[InputError]]:
    items = list(read_path(path))
    docs = [i for i in items if isinstance(i, Document)]
    errors = [i for i in items if isinstance(i, InputError)]
    assert len(docs) + len(errors) == len(items)
    return docs, errors


def one_doc(path: Path) -> Document:
    docs, errors = read_all(path)
    assert errors == [], errors
    assert len(docs) == 1
    return docs[0]


# -- plain text and encodings -------------------------------------------------------------------

def test_text_keeps_every_character_but_the_bom(tmp_path: Path) -> None:
    body = "Line one about the front.\r\nLine two\u2028with a separator.\n\n  indented\n"
    f = tmp_path / "page.txt"
    f.write_bytes(b"\xef\xbb\xbf" + body.encode("utf-8"))
    doc = one_doc(f)
    assert doc.text == body
    assert doc.encoding == "utf-8"
    assert doc.format == "text"
    assert doc.source_path == str(f)
    assert one_doc(f).doc_id == doc.doc_id  # re-reading changes nothing


def test_markdown_is_text_unchanged(tmp_path: Path) -> None:
    f = tmp_path / "notes.md"
    f.write_text("# Heading\n\n*Troops* moved [north](http://x.example).\n", encoding="utf-8")
    assert one_doc(f).text == "# Heading\n\n*Troops* moved [north](http://x.example).\n"


def test_cp1256_arabic_is_detected(tmp_path: Path) -> None:
    arabic = "قال مسؤولون عسكريون إن القوات العراقية دخلت المدينة يوم الثلاثاء بعد قتال عنيف استمر يومين."
    f = tmp_path / "arabic.txt"
    f.write_bytes(arabic.encode("cp1256"))
    doc = one_doc(f)
    assert doc.text == arabic
    assert doc.encoding == "cp1256"


@pytest.mark.parametrize("sentence", [
    "Le général a déclaré que les élèves avaient été évacués vers Orléans à l'aube.",
    "Señor Muñoz dijo que la situación en Alepo es crítica.",
    "Die Straße nach Köln war für Fahrzeuge gesperrt, sagte der Bürgermeister.",
])
def test_latin1_accents_are_decoded_right(tmp_path: Path, sentence: str) -> None:
    f = tmp_path / "latin.txt"
    f.write_bytes(sentence.encode("latin-1"))
    doc = one_doc(f)
    assert doc.text == sentence
    assert doc.encoding in ("iso8859-1", "cp1252")


def test_cp1252_curly_quotes(tmp_path: Path) -> None:
    sentence = "The minister said: “We will not negotiate” – and left the café."
    f = tmp_path / "quotes.txt"
    f.write_bytes(sentence.encode("cp1252"))
    assert one_doc(f).text == sentence


@pytest.mark.parametrize(("data", "reason"), [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary file"),
    (b"\x7fELF\x02\x01\x01" + b"\x00" * 40, "binary file"),
    (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00", "binary file"),
    (b"some words\x00\x00\x01\x02 more words" * 10, "binary file"),
    (b"", "empty"),
    (b"   \n\t\r\n  ", "empty"),
])
def test_binary_and_empty_files_are_errors(tmp_path: Path, data: bytes, reason: str) -> None:
    f = tmp_path / "input.txt"
    f.write_bytes(data)
    docs, errors = read_all(f)
    assert docs == []
    assert len(errors) == 1
    assert errors[0].reason.startswith(reason)
    assert errors[0].path == str(f)
    assert errors[0].hint


def test_missing_file_and_folder_are_errors(tmp_path: Path) -> None:
    _, errors = read_all(tmp_path / "nope.txt")
    assert errors[0].reason == "file not found"
    _, errors = read_all(tmp_path)
    assert "folder" in errors[0].reason


def test_utf16_with_bom(tmp_path: Path) -> None:
    f = tmp_path / "wide.txt"
    f.write_bytes("Report from the border crossing.".encode("utf-16"))
    assert one_doc(f).text == "Report from the border crossing."


# -- gzip -----------------------------------------------------------------------------------------

def _jsonl_rows(n: int) -> bytes:
    return b"".join(json.dumps({"id": f"r{i}", "text": f"Row {i}: " + os.urandom(40).hex()}).encode() + b"\n"
                    for i in range(n))


def test_gzip_jsonl_and_truncated_gzip(tmp_path: Path) -> None:
    whole = gzip.compress(_jsonl_rows(200))
    f = tmp_path / "rows.jsonl.gz"
    f.write_bytes(whole)
    docs, errors = read_all(f)
    assert len(docs) == 200 and errors == []
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(whole[: len(whole) // 2])
    docs, errors = read_all(cut)
    assert 0 < len(docs) < 200
    assert [d.source_id for d in docs] == [f"r{i}" for i in range(len(docs))]
    assert all(len(d.text) == len("Row 0: ") + 80 + len(str(i)) - 1 for i, d in enumerate(docs))
    assert len(errors) == 1 and "truncated" in errors[0].reason


def test_truncated_text_gzip_keeps_whole_lines(tmp_path: Path) -> None:
    lines = [f"Line {i} " + os.urandom(30).hex() for i in range(300)]
    whole = gzip.compress(("\n".join(lines) + "\n").encode())
    f = tmp_path / "cut.txt.gz"
    f.write_bytes(whole[: len(whole) * 2 // 3])
    docs, errors = read_all(f)
    assert len(errors) == 1 and "truncated" in errors[0].reason
    assert len(docs) == 1
    kept = docs[0].text.split("\n")
    assert kept[-1] == "" and kept[:-1] == lines[: len(kept) - 1]


def test_gzip_html_is_sniffed(tmp_path: Path) -> None:
    f = tmp_path / "page.gz"
    f.write_bytes(gzip.compress(b"<html><body><article><p>Shelling hit the northern district overnight, "
                                b"residents said.</p></article></body></html>"))
    doc = one_doc(f)
    assert doc.format == "html"
    assert "Shelling hit the northern district" in doc.text and "<" not in doc.text


# -- WARC -------------------------------------------------------------------------------------------

def _warc(gz: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    request = writer.create_warc_record("https://news.example/story/0", "request", payload=io.BytesIO(b""),
                                        http_headers=StatusAndHeaders("GET /story/0 HTTP/1.1", [],
                                                                      is_http_request=True))
    writer.write_record(request)
    for url, html in warc_pages(3):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode()),
                                                      http_headers=headers,
                                                      warc_headers_dict={"WARC-Date": "2016-10-18T12:00:00Z"}))
    return buf.getvalue()


@pytest.mark.parametrize("gz", [True, False])
def test_warc_one_document_per_response(tmp_path: Path, gz: bool) -> None:
    f = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    f.write_bytes(_warc(gz))
    docs, errors = read_all(f)
    assert errors == []
    assert [d.url for d in docs] == [f"https://news.example/story/{i}" for i in range(3)]
    assert all(d.format == "warc" and d.published == "2016-10-18" for d in docs)
    assert "report number 1" in docs[1].text


@pytest.mark.parametrize("gz", [True, False])
def test_truncated_warc_keeps_records_before_the_break(tmp_path: Path, gz: bool) -> None:
    raw = _warc(gz)
    f = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    f.write_bytes(raw[: len(raw) - (len(raw) // 6)])
    docs, errors = read_all(f)
    assert [d.url for d in docs] == ["https://news.example/story/0", "https://news.example/story/1"]
    assert len(errors) == 1
    assert errors[0].path == str(f) and "truncated" in errors[0].reason
    assert errors[0].record is not None and errors[0].record.startswith("record 4")


# -- big files --------------------------------------------------------------------------------------

def test_50mb_text_is_one_document_in_bounded_memory(tmp_path: Path) -> None:
    f = tmp_path / "big.txt"
    line = b"The convoy reached the river crossing at noon and waited for the engineers.\n"
    block = line * (1 << 20 // len(line) + 1)
    with f.open("wb") as fh:
        while fh.tell() < 50 << 20:
            fh.write(block)
    size = f.stat().st_size
    script = (
        "import resource, sys\n"
        "from pathlib import Path\n"
        "from fogofwar.ingest import read_path\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "items = list(read_path(Path(sys.argv[1])))\n"
        "after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "print(len(items), type(items[0]).__name__, len(items[0].text), (after - before) // 1024)\n"
    )
    out = subprocess.run([sys.executable, "-c", script, str(f)], capture_output=True, text=True, check=True)
    count, kind, length, grown_mb = out.stdout.split()
    assert (count, kind, int(length)) == ("1", "Document", size)
    assert int(grown_mb) < 400, f"peak RSS grew by {grown_mb} MB"


# -- HTML -------------------------------------------------------------------------------------------

def test_deeply_nested_html_does_not_crash(tmp_path: Path) -> None:
    f = tmp_path / "deep.html"
    f.write_text("<html><body>" + "<div>" * 5000 + "<p>Text at the very bottom of the nest.</p>" + "</div>" * 5000
                 + "<p>And after it.</p></body></html>")
    doc = one_doc(f)
    assert "Text at the very bottom of the nest." in doc.text
    assert "And after it." in doc.text
    assert "<div" not in doc.text


def test_script_payloads_never_reach_the_text(tmp_path: Path) -> None:
    write_bad_input_corpus(tmp_path, big_mb=0)
    doc = one_doc(tmp_path / "script_payloads.html")
    assert "Witnesses said several shells landed near the central market" in doc.text
    assert "Hospital staff said they had treated a number of wounded." in doc.text
    lowered = doc.text.lower()
    assert "<script" not in lowered and "alert(" not in lowered and "onerror" not in lowered
    assert "document.cookie" not in lowered and "eval(" not in lowered


def test_html_metadata_and_article_hint(tmp_path: Path) -> None:
    write_bad_input_corpus(tmp_path, big_mb=0)
    doc = one_doc(tmp_path / "good_page.html")
    assert doc.title == "Talks resume in Geneva"
    assert doc.author == "Nadia Karim"
    assert doc.published == "2016-10-20"
    assert doc.outlet == "Example Daily"
    assert "Home | World" not in doc.text and "Copyright" not in doc.text
    assert doc.hints[0].kind == "article" and doc.hints[0].char_end == len(doc.text)


def test_arabic_page(tmp_path: Path) -> None:
    write_bad_input_corpus(tmp_path, big_mb=0)
    doc = one_doc(tmp_path / "arabic_page.html")
    assert "القوات دخلت الأحياء الشرقية" in doc.text
    assert "مئات العائلات" in doc.text


def test_html_in_windows_1256_declared_by_meta(tmp_path: Path) -> None:
    page = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1256"></head>'
            "<body><article><p>قالت مصادر محلية إن الطريق أغلق أمام الشاحنات.</p></article></body></html>")
    f = tmp_path / "ar.htm"
    f.write_bytes(page.encode("cp1256"))
    assert "قالت مصادر محلية" in one_doc(f).text


def _comments(doc: Document) -> list[tuple[str | None, str | None, int | None, str]]:
    return [(h.author, h.published, h.reply_to_index, doc.text[h.char_start:h.char_end])
            for h in doc.hints if h.kind == "comment"]


def test_wordpress_comments() -> None:
    doc = one_doc(FIXTURES / "wordpress_comments.html")
    assert doc.title == "Notes from the front" and doc.outlet == "Field Notes"
    assert doc.hints[0].kind == "article"
    assert "northern ridge" in doc.text[doc.hints[0].char_start:doc.hints[0].char_end]
    assert _comments(doc) == [
        ("Harold B.", "2016-06-07", None, "The ridge matters because it overlooks the only supply road."),
        ("Mira", "2016-06-08", 1, "Only if the bridge is still standing, which nobody has confirmed."),
        ("Anonymous Reader", "2016-06-09", None,
         "Two thousand families is a lot for such a small area.\nAny source on that figure?"),
    ]
    # the thread is read once, from the markup, not again inside the main text
    assert doc.text.count("supply road") == 1
    assert "Reply" not in doc.text and "says:" not in doc.text


def test_disqus_comments() -> None:
    doc = one_doc(FIXTURES / "disqus_comments.html")
    assert _comments(doc) == [
        ("desert_fox", "2016-10-19", None, "Nobody expected these talks to work."),
        ("Kestrel", "2016-10-20", 1, "Then why did both delegations show up?"),
    ]
    assert "Negotiators failed to agree" in doc.text[: doc.hints[0].char_end]


def test_typepad_comments() -> None:
    doc = one_doc(FIXTURES / "typepad_comments.html")
    assert _comments(doc) == [
        ("Barish", "2016-06-07", None, "The bridges were blown last winter, as far as I know."),
        ("T. Reader", "2016-06-08", None, "They were rebuilt with pontoons.\nPhotos circulated in May."),
    ]
    assert "Posted by" not in doc.text


def test_generic_comment_fallback(tmp_path: Path) -> None:
    page = """<html><body><main><h1>Checkpoint reopened</h1>
    <p>The checkpoint on the southern road reopened on Saturday after a week of closure, officials said.</p></main>
    <section id="reader-comments">
      <div class="comment-item" id="c1"><span class="user-name">Ola</span><span class="date">3 May 2016</span>
        <div class="comment-text">Good news for the farmers.</div>
        <div class="comment-item" id="c2"><span class="user-name">Ben</span>
          <span class="date">4 May 2016</span><div class="comment-text">If it stays open.</div></div>
      </div>
    </section></body></html>"""
    f = tmp_path / "generic.html"
    f.write_text(page)
    doc = one_doc(f)
    assert _comments(doc) == [("Ola", "2016-05-03", None, "Good news for the farmers."),
                              ("Ben", "2016-05-04", 1, "If it stays open.")]
    assert "checkpoint on the southern road reopened" in doc.text


# -- feeds ------------------------------------------------------------------------------------------

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Frontline Wire</title><link>https://wire.example</link>
<item><title>Bridge reopened</title><link>https://wire.example/1</link>
<author>desk@wire.example (Lina Haddad)</author><pubDate>Tue, 18 Oct 2016 09:30:00 GMT</pubDate>
<description>&lt;p&gt;Engineers reopened the bridge on &lt;b&gt;Monday&lt;/b&gt;.&lt;/p&gt;
&lt;script&gt;alert(1)&lt;/script&gt;</description></item>
<item><title>Convoy delayed</title><link>https://wire.example/2</link><pubDate>Wed, 19 Oct 2016 10:00:00 GMT</pubDate>
<description>An aid convoy was held at the checkpoint for six hours.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Field Blog</title>
<entry><title>Night patrol</title><link href="https://blog.example/night"/><updated>2016-06-07T21:00:00Z</updated>
<author><name>Barish</name></author>
<content type="html">&lt;p&gt;Patrols were doubled along the river after the attack.&lt;/p&gt;</content></entry>
</feed>"""


def test_rss_feed(tmp_path: Path) -> None:
    f = tmp_path / "wire.rss"
    f.write_text(RSS, encoding="utf-8")
    docs, errors = read_all(f)
    assert errors == []
    assert [d.title for d in docs] == ["Bridge reopened", "Convoy delayed"]
    first = docs[0]
    assert first.outlet == "Frontline Wire" and first.url == "https://wire.example/1"
    assert first.published == "2016-10-18" and first.format == "feed"
    assert "Engineers reopened the bridge on Monday." in first.text
    assert "<p>" not in first.text and "alert(" not in first.text
    assert first.hints[0].kind == "article" and first.hints[0].char_end == len(first.text)


def test_atom_feed_sniffed_from_xml(tmp_path: Path) -> None:
    f = tmp_path / "blog.xml"
    f.write_text(ATOM, encoding="utf-8")
    doc = one_doc(f)
    assert doc.author == "Barish" and doc.published == "2016-06-07" and doc.outlet == "Field Blog"
    assert doc.url == "https://blog.example/night"
    assert "Patrols were doubled along the river" in doc.text


def test_feed_without_items_is_an_error(tmp_path: Path) -> None:
    f = tmp_path / "broken.rss"
    f.write_text("<rss><channel><title>Nothing</title></channel></rss>")
    docs, errors = read_all(f)
    assert docs == [] and len(errors) == 1 and errors[0].hint


# -- JSON Lines and CSV -----------------------------------------------------------------------------

def test_jsonl_broken_line_and_line_separators(tmp_path: Path) -> None:
    rows = [
        json.dumps({"id": 7, "text": "First.\u2028Still the first.\u0085Still.\x0cStill.", "url": "https://a.example",
                    "title": "T", "author": "A", "outlet": "O", "published": "2016-10-18T08:00:00Z"},
                   ensure_ascii=False),
        '{"id": "broken", "text": "unterminated',
        "",
        '["not", "an", "object"]',
        json.dumps({"id": "no-text"}),
        json.dumps({"id": "last", "text": "Last row."}),
    ]
    f = tmp_path / "docs.jsonl"
    f.write_bytes(("\r\n".join(rows)).encode("utf-8"))
    docs, errors = read_all(f)
    assert [d.source_id for d in docs] == ["7", "last"]
    assert docs[0].text == "First.\u2028Still the first.\u0085Still.\x0cStill."
    assert (docs[0].url, docs[0].title, docs[0].author, docs[0].outlet, docs[0].published) == (
        "https://a.example", "T", "A", "O", "2016-10-18")
    assert [e.record for e in errors] == ["line 2", "line 4", "line 5"]
    assert all(e.path == str(f) and e.hint for e in errors)


def test_csv_rows(tmp_path: Path) -> None:
    long_text = "Fighting continued near the airport. " * 10000  # beyond csv's default field limit
    f = tmp_path / "docs.csv"
    with f.open("w", encoding="utf-8", newline="") as fh:
        import csv

        w = csv.writer(fh)
        w.writerow(["ID", "Text", "Published", "Outlet"])
        w.writerow(["a", "Multi-line\r\ncell, with \"quotes\".", "18 October 2016", "Wire"])
        w.writerow(["b", "", "", ""])
        w.writerow(["c", long_text, "", ""])
    docs, errors = read_all(f)
    assert [d.source_id for d in docs] == ["a", "c"]
    assert docs[0].text == "Multi-line\r\ncell, with \"quotes\"." and docs[0].published == "2016-10-18"
    assert docs[0].outlet == "Wire" and docs[0].format == "csv"
    assert docs[1].text == long_text
    assert [e.record for e in errors] == ["row 2"]


def test_csv_without_text_column(tmp_path: Path) -> None:
    f = tmp_path / "x.csv"
    f.write_text("id,body\n1,hello\n")
    docs, errors = read_all(f)
    assert docs == [] and "text" in errors[0].reason


# -- discovery --------------------------------------------------------------------------------------

def test_iter_inputs_recurses_sorted_and_skips_hidden(tmp_path: Path) -> None:
    root = tmp_path / "in"
    (root / "b" / "deeper").mkdir(parents=True)
    (root / ".hidden_dir").mkdir()
    for rel in ("a.txt", "b/c.html", "b/deeper/d.jsonl", "b/deeper/noext", ".hidden.txt", ".hidden_dir/e.txt",
                "image.png", "z.warc.gz", "README.md", "b/LICENSE"):
        (root / rel).write_text("x")
    outside = tmp_path / "outside.txt"
    outside.write_text("secret")
    (root / "link_out.txt").symlink_to(outside)
    (root / "link_in.txt").symlink_to(root / "a.txt")
    (root / "loop").symlink_to(root, target_is_directory=True)
    found = [p.relative_to(root).as_posix() for p in iter_inputs([root])]
    assert found == ["a.txt", "b/c.html", "b/deeper/d.jsonl", "b/deeper/noext", "link_in.txt", "z.warc.gz"]
    explicit = list(iter_inputs([root / "image.png", root / "README.md"]))
    assert explicit == [root / "image.png", root / "README.md"]


def test_sniff_format() -> None:
    assert sniff_format(b"WARC/1.1\r\n") == "warc"
    assert sniff_format(b"\xef\xbb\xbf<?xml version='1.0'?>\n<rss version='2.0'>") == "feed"
    assert sniff_format(b"  <!DOCTYPE html><html>") == "html"
    assert sniff_format(b'{"id": 1, "text": "x"}\n') == "jsonl"
    assert sniff_format(b"Plain words about a <b>bold</b> claim") == "text"


def test_no_extension_html_is_sniffed(tmp_path: Path) -> None:
    f = tmp_path / "saved_page"
    f.write_text("<!DOCTYPE html><html><body><article><p>The market was shelled twice on Friday, "
                 "according to witnesses.</p></article></body></html>")
    doc = one_doc(f)
    assert doc.format == "html" and "market was shelled" in doc.text


# -- the bad-input folder -----------------------------------------------------------------------------

def test_bad_input_corpus_outcomes(tmp_path: Path) -> None:
    expected = write_bad_input_corpus(tmp_path, big_mb=1)
    assert {"binary.txt", "zero_bytes.txt", "truncated.warc.gz", "one_broken_line.jsonl", "big_plain.txt",
            "deeply_nested.html", "script_payloads.html", "arabic_cp1256.txt"} <= set(expected)
    seen = {}
    for path in iter_inputs([tmp_path]):
        docs, errors = read_all(path)
        seen[path.name] = "error" if errors else "ok"
        if not errors:
            assert docs
    assert seen == expected
    assert (tmp_path / "big_plain.txt").stat().st_size == 1 << 20


def test_seeds_read_exactly_as_the_gold_expects(shared: Path) -> None:
    seeds = sorted((shared / "seeds").glob("*.txt"))
    if not seeds:
        pytest.skip("no seeds")
    for path in seeds:
        assert one_doc(path).text == path.read_text(encoding="utf-8-sig")



def test_blog_article_called_post_is_not_a_comment(tmp_path: Path) -> None:
    page = """<html><body><div class="post"><h1>Sitrep</h1><span class="author">Jo Field</span>
    <p>Artillery fire was heard all night around the eastern suburbs, residents reported.</p></div></body></html>"""
    f = tmp_path / "blog.html"
    f.write_text(page)
    doc = one_doc(f)
    assert [h.kind for h in doc.hints] == ["article"]
    assert "Artillery fire was heard all night" in doc.text
