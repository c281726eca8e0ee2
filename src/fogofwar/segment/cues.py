"""Line-level cues: voice (the blogger's own vs a report's), headlines, introductions, datelines.

Every function here looks at one line only, so the segmenter stays linear.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import yaml

from fogofwar.segment.dates import DAY_PAT, MONTH_PAT, YEAR_PAT

_APOS = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})
# Quoted speech belongs to the quoted person, not to whoever wrote the paragraph.
_QUOTED = re.compile(r'"[^"\n]*"')

# The writer's own voice: first person singular, exclamation/question, chatty contractions,
# stance adverbs. A pasted wire report almost never has these outside its quotes.
_STRONG_AUTHOR = re.compile(
    r"\b(?:I|I'm|I've|I'd|I'll|my|me|myself|seems|I think|I guess|of course|seriously|wow|ahh)\b|[!?]",
)
_WEAK_AUTHOR = re.compile(
    r"\b(?:it's|that's|there's|here's|what's|let's|doesn't|don't|isn't|aren't|can't|won't|wouldn't|"
    r"they're|we're|you're|they'll|'em|naturally|luckily|obviously|no wonder|kind of|just in case|"
    r"chances are|in other words|seriously)\b",
    re.IGNORECASE,
)
# Attribution verbs that mark news-report prose.
_REPORT = re.compile(
    r"\b(?:said|says|told|added|stressed|noted|according to|reported|stated|announced|argued|suggested|"
    r"warned|claimed|pointed out|explained|insisted|confirmed|denied|quoted|cited|urged|vowed|declared)\b",
)


def _unquoted(text: str) -> str:
    return _QUOTED.sub(" ", text.translate(_APOS))


def strong_author_voice(text: str) -> bool:
    return _STRONG_AUTHOR.search(_unquoted(text)) is not None


def author_voice(text: str) -> bool:
    plain = _unquoted(text)
    return _STRONG_AUTHOR.search(plain) is not None or _WEAK_AUTHOR.search(plain) is not None


def report_voice(text: str) -> bool:
    return _REPORT.search(_unquoted(text)) is not None


_LIST_ITEM = re.compile(r"^(?:[-*•·]|\d{1,3}[.)])\s")


def is_list_item(text: str) -> bool:
    return _LIST_ITEM.match(text) is not None


def is_intro(text: str) -> bool:
    """A line that introduces a pasted block: it ends with a colon ("... told AP:")."""
    t = text.rstrip()
    return len(t) > 12 and (t.endswith(":") or t.endswith(':"') or t.endswith(":\u201d"))


_WORD = re.compile(r"[A-Za-z\u00c0-\u024f][\w'\u2019-]*")
_MINOR = frozenset(
    ["a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "to", "for", "from", "by", "with", "as", "vs",
     "via", "into", "over", "after", "amid", "than", "is", "are"]
)


def headline_shape(text: str) -> tuple[bool, bool]:
    """(looks like a headline, is in title case). A headline is short, unterminated, quotes balanced."""
    t = text.strip()
    if len(t) > 150 or t[-1] in ".,;:!?" or t.startswith(("(", "[", "-", "©")):
        return False, False
    if t.count('"') % 2 or (t.count("\u201c") != t.count("\u201d")):
        return False, False
    words = _WORD.findall(t)
    if not 4 <= len(words) <= 22 or not words[0][0].isupper():
        return False, False
    major = [w for w in words if w.lower() not in _MINOR]
    capped = sum(1 for w in major if w[0].isupper())
    return True, bool(major) and capped / len(major) >= 0.7


def is_prose(text: str) -> bool:
    """A long paragraph of sentences, as opposed to a heading or a stamp."""
    return len(text) >= 120 and text.rstrip("\"'\u201d\u2019)]")[-1:] in ".!?:"


# "BEIRUT (Reuters) -", "MOSCOW (Sputnik) —", "(AP) --": a wire dateline at a paragraph start.
DATELINE_RE = re.compile(
    r"^(?:[A-Z][A-Za-z.'\- ]{1,40}(?:,\s*[A-Z][A-Za-z.' ]{1,30})?\s*)?"
    r"\((?P<outlet>[A-Z][A-Za-z&.\- ]{0,30}[A-Za-z.])\)\s*(?:[-\u2013\u2014]{1,2}|:)\s",
)
# "BEIRUT, Oct 3 (Reuters) -", "MOSUL, Iraq, Nov. 2 (AP) \u2014", "DAMASCUS, 12 March 2017 (SANA) -": a wire
# dateline that also prints the filing date. Without an agency the place must be in capitals ("ALEPPO, May 2 -"),
# which keeps an ordinary sentence opening with a place and a date out.
_DL_DATE = (rf"(?i:{MONTH_PAT}\s+{DAY_PAT}(?:,?\s+{YEAR_PAT})?|{DAY_PAT}(?:\s+of)?\s+{MONTH_PAT}(?:,?\s+{YEAR_PAT})?)"
            r"(?![\w-])")
DATED_DATELINE_RE = re.compile(
    r"^(?P<place>[A-Z][A-Za-z.'\- ]{1,40}?(?:,\s*[A-Z][A-Za-z.' ]{1,30}?)?),\s*"
    rf"(?P<date>{_DL_DATE}),?\s*"
    r"(?:\((?P<outlet>[A-Z][A-Za-z&.\- ]{0,30}[A-Za-z.])\)\s*)?(?:[-\u2013\u2014]{1,2}|:)\s",
    re.IGNORECASE,
)


def dated_dateline(text: str) -> tuple[str, str | None] | None:
    """(printed date, agency) of a dated wire dateline opening ``text``."""
    m = DATED_DATELINE_RE.match(text)
    if m is None:
        return None
    place = m.group("place").split(",")[0]
    if not place[0].isupper() or (m.group("outlet") is None and not place.isupper()):
        return None
    outlet = m.group("outlet")
    if outlet is not None and not outlet[0].isupper():
        return None
    return m.group("date"), outlet


# "DEBKAfile's military and intelligence sources": a site naming its own sources.
OWN_SOURCES_RE = re.compile(
    r"\b(?P<outlet>[A-Z]{2,}[a-z]+|[A-Z][a-z]+[A-Z]\w*|[A-Z]\w+(?: [A-Z]\w+)*"
    r" (?:News|Times|Post|Press|Agency|Daily|Herald|Journal|Monitor|Report|Network))"
    r"['\u2019]s? (?:[a-z]+ ){0,4}sources\b",
)
# Site chrome that names the site: disclaimers, fund-raising, copyright and repost notes.
_SITE = r"(?P<outlet>(?:[Tt]he )?[A-Z][\w.]*(?: [A-Z][\w.]*){0,3})"
SITE_NAME_RES = (
    re.compile(rf"(?:represent|reflect)s? (?:the views of |those of ){_SITE}"),
    re.compile(rf"\bSupport {_SITE} on (?:Patreon|PayPal)"),
    re.compile(rf"(?:originally|first) (?:appeared|published) (?:on|in|at|by) {_SITE}"),
    re.compile(rf"(?:©|\(c\)|Copyright)\s*(?:\d{{4}}\s*)?(?:[-–]\s*\d{{4}}\s*)?{_SITE}\.?\s*All rights reserved",
               re.IGNORECASE),
)


@lru_cache(maxsize=1)
def outlet_forms() -> tuple[re.Pattern[str], dict[str, str]]:
    """One compiled alternation of every known outlet surface form, and form -> canonical name."""
    raw = yaml.safe_load(resources.files("fogofwar.data").joinpath("segment/outlets.yaml").read_text("utf-8"))
    forms: dict[str, str] = {}
    for canonical, surfaces in raw.items():
        for s in [canonical, *surfaces]:
            forms[str(s)] = str(canonical)
    alternation = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])"), forms


def known_outlet(text: str) -> str | None:
    pattern, forms = outlet_forms()
    m = pattern.search(text)
    return forms[m.group()] if m else None


_NAME = r"[A-Z][a-z\u00c0-\u024f'\-]+(?: (?:[A-Z]\.|al-|de |van |von )?[A-Z][a-z\u00c0-\u024f'\-]+){1,2}"
# "Robert Fisk ... in his latest piece:", "as Jane Doe over at Some Site puts it":
_PIECE_AUTHOR = (
    re.compile(rf"(?P<name>{_NAME})\b[^.:]{{0,80}}?\bin (?:his|her|their|a|an|the) (?:\w+ ){{0,2}}"
               r"(?:piece|article|column|op-ed|post|essay|analysis|blog|report|commentary)\b"),
    re.compile(rf"\bas (?P<name>{_NAME})"
               r"(?: (?:over )?(?:at|of|from|for) (?P<outlet>[A-Z][\w.]*(?: [A-Z][\w.]*){0,3}))?"
               r" (?:puts it|writes|wrote|notes|noted|argues|argued|explains|observes|says)\b"),
    re.compile(rf"(?P<name>{_NAME}) (?:writes|wrote|explains|argues|notes)(?: (?:at|in|for) "
               r"(?P<outlet>[A-Z][\w.]*(?: [A-Z][\w.]*){0,3}))?:"),
)


def intro_source(text: str) -> tuple[str | None, str | None]:
    """(author, outlet) an introduction line names for the block it introduces."""
    plain = text.translate(_APOS)
    tail = plain[-300:]
    author = outlet = None
    for rx in _PIECE_AUTHOR:
        m = rx.search(tail)
        if m:
            author = m.group("name")
            if "outlet" in rx.groupindex and m.group("outlet"):
                outlet = known_outlet(m.group("outlet")) or m.group("outlet")
            break
    if outlet is None:
        outlet = known_outlet(tail)
    return author, outlet


# "Posted on July 20 2016 by NAME", "Published March 3, 2017 at 10:15 by NAME": the date comes before the name.
POSTED_ON_BY_RE = re.compile(
    rf"^(?:Posted|Published|Written)(?: on)?\s+(?:[A-Z][a-z]{{2,8}}\.?,?\s+)?(?P<date>{_DL_DATE})"
    r"(?:\s*(?:at|@|,|-)?\s*\d{1,2}[:.]\d\d\s*(?:[ap]\.?m\.?)?)?,?\s+by\s+"
    rf"(?P<name>(?:The )?{_NAME}|(?:The )?[A-Z][\w.'-]+)\s*(?:[,|\u2022\u00b7]|in\b|$)",
)
# What may follow an outlet's name in a byline without making it a person: "By Reuters Staff".
_OUTLET_TAIL = frozenset(["news", "staff", "desk", "team", "editors", "editorial", "reporters", "online", "wire"])


def byline_outlet(name: str) -> str | None:
    """The outlet a byline names instead of a person ("by Reuters", "by The Valley Herald"), or None."""
    pattern, forms = outlet_forms()
    m = pattern.search(name)
    if m is not None:
        rest = (name[: m.start()] + " " + name[m.end():]).lower().split()
        if all(w in _OUTLET_TAIL or w == "the" for w in rest):
            return forms[m.group()]
    # a person's name never opens with the article
    return name if name.startswith("The ") and len(name.split()) >= 2 else None


BYLINE_RE = re.compile(
    rf"^(?:By|BY|Written by|Posted by|Author:)\s+(?P<name>{_NAME}|[A-Z][\w.'-]+)(?:\s*(?:[,|\u2022\u00b7]|on\b|$))",
)
