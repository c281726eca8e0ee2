"""A folder of hostile and broken inputs (plus a few good ones) for the CLI tests and the benchmark.

Every text here is written for the project. ``write_bad_input_corpus`` returns what a reader
should do with each file: "ok" = documents only, "error" = at least one InputError (a cut
archive may also give the documents read before the break).
"""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

_SENTENCES = (
    "The convoy left the depot before dawn and reached the river crossing by noon.",
    "Local officials said the bridge had been repaired after the spring floods.",
    "Aid workers unloaded flour, blankets and medicine at the school in the old quarter.",
    "A spokesman for the provincial council told reporters that the road would reopen next week.",
    "Residents queued for water at the mosque while engineers worked on the pumping station.",
)

_GOOD_ARTICLE = (
    "Army says it retook the village of Tal Hamra\n\n"
    "The army said on Tuesday that its troops had retaken the village of Tal Hamra, 20 km south of the city, "
    "after two days of fighting. A military spokesman told reporters that 14 militants were killed.\n\n"
    "Residents who fled last week said they would not return until the roads were cleared of mines.\n"
)

_GOOD_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Talks resume in Geneva</title>
<meta name="author" content="Nadia Karim">
<meta property="article:published_time" content="2016-10-20T09:00:00Z">
<meta property="og:site_name" content="Example Daily"></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Talks resume in Geneva</h1>
<p>Delegations from both sides returned to the negotiating table in Geneva on Thursday, a week after the
previous round broke down over the release of prisoners.</p>
<p>The envoy said he hoped a ceasefire covering the northern provinces could be agreed before the end of the
month, but warned that fighting around the airport was making progress difficult.</p>
</article><footer>Copyright Example Daily</footer></body></html>
"""

_ARABIC_PAGE = """<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>تقرير ميداني</title></head>
<body><article><h1>تقرير ميداني من المدينة</h1>
<p>قال مسؤولون محليون يوم الأربعاء إن القوات دخلت الأحياء الشرقية من المدينة بعد معارك استمرت ثلاثة أيام.</p>
<p>وأضافوا أن مئات العائلات غادرت منازلها باتجاه المخيمات القريبة، وأن فرق الإغاثة بدأت توزيع الطعام والماء.</p>
</article></body></html>
"""

_HOSTILE_PAGE = """<!DOCTYPE html>
<html><head><title>Ordinary looking page</title>
<script>alert("head script");document.cookie="x=1";</script>
<style>body { background: url("javascript:alert('css')") }</style></head>
<body onload="alert('body onload')">
<script type="text/javascript">alert('inline script'); fetch('/steal?c=' + document.cookie);</script>
<article><h1>Shelling reported near the market</h1>
<p>Witnesses said several shells landed near the central market on Monday morning.<img src="x"
 onerror="alert('img onerror')"></p>
<p onmouseover="alert('hover')">Shops were closed and the streets emptied within minutes.</p>
<svg onload="alert('svg')"><script>alert('svg script')</script></svg>
<iframe src="javascript:alert('iframe')"></iframe>
<p>Hospital staff said they had treated a number of wounded.<script>alert('mid-paragraph')</script></p>
<noscript><script>alert('noscript')</script></noscript>
<a href="javascript:alert('link')">Read more</a>
</article>
<scr<script>ipt>alert('split tag')</script>
<script src="https://evil.example/x.js"></script>
<script>
  // a long script body that would swamp the text if it leaked
  var payload = "alert(" + "1" + ")"; for (var i = 0; i < 10; i++) { eval(payload); }
</script>
</body></html>
"""


def _sentences(n_bytes: int) -> bytes:
    block = (" ".join(_SENTENCES) + "\n").encode("ascii")
    return block * (n_bytes // len(block) + 1)


def _warc_bytes(pages: list[tuple[str, str]]) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    for url, html in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        record = writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode("utf-8")),
                                           http_headers=headers)
        writer.write_record(record)
    return buf.getvalue()


def warc_pages(n: int = 3) -> list[tuple[str, str]]:
    """n small distinct pages for a WARC."""
    return [(f"https://news.example/story/{i}",
             f"<html><head><title>Story {i}</title></head><body><article><h1>Story {i}</h1>"
             f"<p>{_SENTENCES[i % len(_SENTENCES)]} This is report number {i} from the northern front.</p>"
             f"<p>{_SENTENCES[(i + 1) % len(_SENTENCES)]}</p></article></body></html>")
            for i in range(n)]


def write_bad_input_corpus(folder: Path, big_mb: int = 50) -> dict[str, str]:
    """Write the bad-input folder; return {file name: "ok" | "error"} (see the module docstring)."""
    folder.mkdir(parents=True, exist_ok=True)
    expect: dict[str, str] = {}

    def put(name: str, data: bytes, outcome: str) -> None:
        (folder / name).write_bytes(data)
        expect[name] = outcome

    # good documents
    put("good_article.txt", _GOOD_ARTICLE.encode("utf-8"), "ok")
    put("good_page.html", _GOOD_PAGE.encode("utf-8"), "ok")
    put("good_rows.jsonl", b"".join(json.dumps(row).encode("utf-8") + b"\n" for row in (
        {"id": "r1", "text": _SENTENCES[0] + " " + _SENTENCES[1], "published": "2016-10-18"},
        {"id": "r2", "text": _SENTENCES[2] + " " + _SENTENCES[3], "outlet": "Example Wire"},
    )), "ok")

    # encodings that must be detected, not mangled
    put("arabic_cp1256.txt", ("قال مسؤولون عسكريون إن القوات دخلت المدينة يوم الثلاثاء بعد قتال عنيف، "
                              "وإن آلاف المدنيين نزحوا إلى القرى المجاورة.\n").encode("cp1256"), "ok")
    put("latin1_accents.txt", ("Le général a déclaré mercredi que les élèves du lycée avaient été évacués "
                               "vers Orléans. Señor Muñoz confirmó la situación.\n").encode("latin-1"), "ok")
    put("arabic_page.html", _ARABIC_PAGE.encode("utf-8"), "ok")

    # nothing to read
    put("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 16, "error")
    put("program.txt", b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 64 + bytes(range(256)) * 8, "error")
    put("zero_bytes.txt", b"", "error")
    put("whitespace_only.txt", b"  \n\n\t  \r\n   \n", "error")

    # cut files
    whole = gzip.compress(_sentences(20_000))
    put("truncated.txt.gz", whole[: len(whole) // 2], "error")
    warc = _warc_bytes(warc_pages(3))
    put("truncated.warc.gz", warc[: int(len(warc) * 0.8)], "error")

    # records: one broken line among good ones, and a text with U+2028 inside
    lines = [
        json.dumps({"id": "j1", "text": "First report.\u2028It has a line separator inside.\u2029And a paragraph one."},
                   ensure_ascii=False),
        '{"id": "j2", "text": "this line is cut off',
        json.dumps({"id": "j3", "text": _SENTENCES[4]}),
    ]
    put("one_broken_line.jsonl", ("\n".join(lines) + "\n").encode("utf-8"), "error")

    # markup meant to break parsers or to smuggle scripts
    depth = 5000
    nested = ("<html><body>" + "<div>" * depth + "<p>Text at the bottom of a very deep page.</p>"
              + "</div>" * depth + "</body></html>")
    put("deeply_nested.html", nested.encode("ascii"), "ok")
    put("script_payloads.html", _HOSTILE_PAGE.encode("utf-8"), "ok")

    # big plain text: one document
    big = folder / "big_plain.txt"
    block = _sentences(1 << 20)[: 1 << 20]
    with big.open("wb") as fh:
        for _ in range(big_mb):
            fh.write(block)
    expect[big.name] = "ok"
    return expect
