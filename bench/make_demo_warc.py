"""Rebuild the two compressed files of the demo corpus from the text kept in this script.

    .venv/bin/python bench/make_demo_warc.py

writes src/fogofwar/data/demo/10_wire_pages.warc.gz (two HTML responses, as a crawler would
store them) and src/fogofwar/data/demo/15_deir_ezzor_digest.txt.gz. The output is byte-for-byte
reproducible: record ids and dates are fixed and gzip headers carry no timestamp, so running
it again does not change the committed files. All text is fabricated example text.
"""

from __future__ import annotations

import gzip
import io
import uuid
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

DEMO = Path(__file__).resolve().parents[1] / "src" / "fogofwar" / "data" / "demo"

PAGE_TEMPLATE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | {outlet}</title>
<meta name="author" content="{author}"><meta property="article:published_time" content="{published}">
<script>var _paq = window._paq || []; _paq.push(['trackPageView']);</script>
</head><body>
<header class="masthead"><a class="logo" href="/">{outlet}</a>
<nav><ul><li><a href="/news">News</a></li><li><a href="/analysis">Analysis</a></li>
<li><a href="/subscribe">Subscribe</a></li></ul></nav>
</header>
<main><article class="post">
<h1>{title}</h1>
<p class="byline">By {author} &middot; <time datetime="{published}">{published}</time></p>
<div class="post-body">
{body}
</div>
<div class="share"><a href="#">Facebook</a> <a href="#">Twitter</a> <a href="#">Email</a></div>
</article>
<aside class="related"><h2>Related</h2><ul><li><a href="/a">The siege in numbers</a></li>
<li><a href="/b">Maps of the front</a></li></ul></aside>
</main>
<footer><p>&copy; 2017 {outlet}. Contact &middot; Privacy &middot; Terms</p></footer>
</body></html>
"""

PAGES: list[dict[str, object]] = [
    {
        "uri": "https://euphratespost.example/2017/01/airdrops-deir-ezzor",
        "date": "2017-01-19T10:00:00Z",
        "record_id": "7d3c1d0e-0000-4000-8000-000000000001",
        "title": "Airdrops resume over besieged Deir ez-Zor",
        "outlet": "Euphrates Post",
        "author": "Karim Mansour",
        "published": "2017-01-18",
        "paragraphs": [
            "Russian and Syrian aircraft resumed airdrops of food and ammunition over the government-held part of "
            "Deir ez-Zor on Wednesday, a day after Islamic State fighters cut the enclave in two.",
            "A Syrian military source said the army had retaken two hills overlooking the cemetery road and that "
            "more than 40 Daesh fighters had been killed. The Syrian Observatory for Human Rights gave a lower figure "
            "of 14 militants and said 9 soldiers had also died. Neither count could be independently confirmed.",
            "\"We have enough for ten days, perhaps two weeks,\" a resident of the al-Joura district told us by "
            "telephone. \"After that, God knows.\"",
            "The Russian defence ministry said its aircraft had flown 32 sorties against ISIL positions around the "
            "city on Tuesday. Local activists reported that a strike on Muhasan, east of the city, killed at least "
            "six civilians.",
        ],
    },
    {
        "uri": "https://kurdistantoday.example/news/bashiqa-encircled",
        "date": "2016-11-08T15:30:00Z",
        "record_id": "7d3c1d0e-0000-4000-8000-000000000002",
        "title": "Peshmerga close in on Bashiqa as Iraqi units push into Mosul",
        "outlet": "Kurdistan Today",
        "author": "Shirin Aziz",
        "published": "2016-11-07",
        "paragraphs": [
            "Kurdish Peshmerga forces entered Bashiqa, a town 12 km north-east of Mosul, on Monday after besieging "
            "it for two weeks, the Kurdistan Region Security Council said.",
            "The council said that the Peshmerga had killed dozens of ISIS fighters and destroyed eight car bombs. A "
            "Peshmerga commander at the scene put the number of militants still inside at \"no more than thirty\".",
            "Inside Mosul, the Counter Terrorism Service said on Sunday that it had taken the Karama and Zahra "
            "districts. Residents said that the fighting had stalled in the Gogjali industrial zone, where the "
            "militants were reportedly using civilians as shields.",
            "Kurdish officials have said that their forces will not enter Mosul itself, under an agreement with "
            "Baghdad. \"Our role ends at the gates of the city,\" a senior Peshmerga officer said.",
        ],
    },
]

DIGEST = """Deir Ezzor weekly digest — 5 June 2017
Compiled by the Euphrates Post desk from agency reports, monitors and local contacts.

1. The government enclave in Deir Ezzor has now been besieged by IS for more than two years. Its garrison
still holds the military airport and the al-Joura and Qusour districts. Supplies arrive only by parachute.

2. On Saturday, ISIS fighters attacked army positions near the Panorama roundabout. The army said it killed
27 attackers. A monitor in Britain reported 16 militants and 11 soldiers dead. These accounts could not be
independently confirmed.

3. Syrian army units advancing across the desert from Palmyra are reportedly 100 km from the city. A
government official said yesterday that the siege "will be broken before the end of the summer".

4. The SDF, moving down the Euphrates from the north, has not said whether it intends to approach Deir ez-Zor.
Its commanders told local media that Raqqa comes first. Activists say that Daesh has moved its remaining
administration from Raqqa to Mayadin, south-east of Deir Ezzor.

5. Aid: the World Food Programme carried out 14 airdrops in May, according to a WFP spokeswoman, who said the
agency was "very worried" about the health of children in the enclave.
"""


def html_page(page: dict[str, object]) -> bytes:
    paragraphs = page["paragraphs"]
    assert isinstance(paragraphs, list)
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    fields = {k: v for k, v in page.items() if isinstance(v, str)}
    return PAGE_TEMPLATE.format(body=body, **fields).encode("utf-8")


def write_warc(path: Path) -> None:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for page in PAGES:
        payload = html_page(page)
        http_headers = StatusAndHeaders(
            "200 OK",
            [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(payload)))],
            protocol="HTTP/1.1",
        )
        record = writer.create_warc_record(
            str(page["uri"]),
            "response",
            payload=io.BytesIO(payload),
            http_headers=http_headers,
            warc_headers_dict={
                "WARC-Date": str(page["date"]),
                "WARC-Record-ID": f"<urn:uuid:{uuid.UUID(str(page['record_id']))}>",
            },
        )
        writer.write_record(record)
    path.write_bytes(buffer.getvalue())


def write_gz(path: Path, text: str) -> None:
    # mtime=0 and no file name in the header: the same text always gives the same bytes
    with open(path, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as gz:
        gz.write(text.encode("utf-8"))


def main() -> None:
    write_warc(DEMO / "10_wire_pages.warc.gz")
    write_gz(DEMO / "15_deir_ezzor_digest.txt.gz", DIGEST)
    print(f"wrote {DEMO / '10_wire_pages.warc.gz'} and {DEMO / '15_deir_ezzor_digest.txt.gz'}")


if __name__ == "__main__":
    main()
