"""Page chrome: the parts of a page that are the site talking, not anyone reporting.

Share/subscribe/comment widgets, comment counters, related-article lists, photo credits and
captions, disclaimers. Recognised line by line with one compiled alternation.
"""

from __future__ import annotations

import re

from fogofwar.segment.dates import DATE_RE
from fogofwar.segment.furniture import is_widget_line

# Whole-line widget texts. Anchored at both ends: a sentence that merely mentions "share" stays prose.
_WIDGET = re.compile(
    r"^(?:share(?: this(?: article| story| post)?)?|share on \w+|tweet|email|print|like|reply|report|"
    r"reply\s*[\u2193\u21b5]?|log in to reply|click to \w+.*|leave a (?:reply|comment)|post a comment|"
    r"add (?:a|your) comment|comments?|\d+\s+comments?(?:\s*/\s*\d+\s+comments?)?|no comments(?: yet)?|"
    r"what do you think\??|notify of|inline feedbacks|view all comments|load more comments|"
    r"\d+\s+\d+\s+votes?|article rating|related(?: posts| articles| stories| news| content)?:?|"
    r"you (?:may|might) also like:?|read (?:more|also|next)(?::.*)?|more from .{1,40}|recommended(?: for you)?:?|"
    r"popular(?: posts| stories)?|trending(?: now)?|tags?:.*|filed under:?.*|categories?:.*|posted in .{1,60}|"
    r"subscribe(?: now| to .{1,60})?|sign up.{0,80}|follow us.{0,60}|advertisement|sponsored(?: content)?|"
    r"help us grow\..{0,80}|support .{1,40} on patreon!?|donate.{0,40}|"
    r"(?:previous|next) (?:post|article|story):?.{0,120}|skip to (?:content|main content)|menu|search|"
    r"(?:facebook|twitter|whatsapp|telegram|reddit|linkedin|vk|pinterest)(?:\s*[|,/]\s*\w+)*|"
    r"\d+\s+(?:shares?|views?|likes?)|(?:photo|image|video|picture|credit|source)s?\s*:.{0,120}|"
    r"\(?(?:photo|image|file photo)\)?|getty images|\[embedded content\]|"
    r".{0,60}\bpingback\b.{0,60}|.{0,40}\btrackback\b.{0,60})\s*:?$",
    re.IGNORECASE,
)
# Comment counters with a page date: "December 6, 2016 | 5 Comments »"
_COUNTER = re.compile(r"^.{0,60}\|\s*(?:\d+|no)\s+comments?\b.{0,4}$", re.IGNORECASE)
# Photo credits: "© Name / Agency", "Photo: Name/AFP", "(Reuters/Name)".
_CREDIT = re.compile(
    r"^(?:©|\(c\)\s|copyright\b|photo credit|credit:|\(?\s*(?:AFP|Reuters|AP|Getty)\s*/)", re.IGNORECASE,
)
# Disclaimers and site boilerplate.
_BOILER = re.compile(
    r"^(?:the (?:statements|views|opinions)[^.]{0,80}(?:do not|don't) necessarily|"
    r"this (?:article|post|story|piece) (?:was )?(?:originally|first) (?:appeared|appeared|published)|"
    r"(?:originally|first) (?:published|appeared) (?:on|in|at|by)\b|all rights reserved|"
    r"your email address will not be published|required fields are marked)",
    re.IGNORECASE,
)
# Taxonomy and link-list lines: "Tags Syria Idlib Aleppo", "Category News Latest", "Related: <headline>",
# "Related News <headline>", "154 Related ...". Without a separator a "Related" line needs a list noun, so the
# sentence "Related clashes were reported in Homs." stays prose.
_LIST_LINE = re.compile(
    r"^(?:(?:tags?|tagged(?: with)?|topics|keywords|categor(?:y|ies)|filed under)\b\s*[:\-\u2013|]?\s*[^.!?]{0,200}"
    r"|(?:\d+\s+)?related(?:\s*[:\-\u2013\u2014|\u00bb]|\s+(?:news|articles?|stories|posts|coverage|content|reading|"
    r"links|topics)\b).{0,150}"
    r"|\d+\s+related\b.{0,150}"
    r"|(?:read also|see also|also read|most read|most popular|editor['\u2019]?s picks?)\b\s*:?.{0,150}"
    r"|(?:reporting|writing|editing|additional reporting) by\b.{0,200}"
    r"|our standards\s*:.{0,120}"
    r")$",
    re.IGNORECASE,
)
# A stamp alone on its line: "Date of publication 7 July 2016", "Last Update: Sunday 25 August 2013 KSA 15:55".
_STAMP_LINE = re.compile(
    r"^(?:date of publication|last updated?(?: on| at)?|published(?: on| at)?)\b\s*:?[^.!?]{0,80}$", re.IGNORECASE,
)
# An image alt-text / slug line: a few lowercase words, no punctuation ("mosul peshmerga").
_SLUG = re.compile(r"^[a-z0-9][a-z0-9 _-]{0,40}$")


def is_chrome(text: str) -> bool:
    t = text.strip()
    if len(t) <= 160 and (_WIDGET.match(t) or _COUNTER.match(t)):
        return True
    if len(t) <= 220 and (_LIST_LINE.match(t) or (_STAMP_LINE.match(t) and DATE_RE.search(t)) or is_widget_line(t)):
        return True
    if len(t) <= 200 and (_CREDIT.match(t) or _BOILER.match(t)):
        return True
    return len(t) <= 300 and t.lower().startswith(("the statements, views and opinions", "your email address"))


def is_credit(text: str) -> bool:
    return len(text) <= 120 and _CREDIT.match(text) is not None


def is_slug(text: str) -> bool:
    return _SLUG.match(text) is not None and len(text.split()) <= 5


def is_caption(text: str) -> bool:
    """A photo caption as agencies write them: one descriptive sentence ending with the shot's date."""
    if len(text) > 350 or not text.endswith("."):
        return False
    tail = text[-40:]
    m = None
    for found in DATE_RE.finditer(tail):
        m = found  # the last date in the tail
    return m is not None and m.end() >= len(tail) - 2 and bool(m.group("y1") or m.group("y2") or m.group("iy"))


def closes_article(text: str) -> bool:
    """Chrome after which a page only has widgets, comments and link lists."""
    t = text.strip().lower().rstrip(":?!. ")
    return t in {
        "what do you think", "leave a reply", "leave a comment", "related posts", "related articles",
        "related stories", "related", "you may also like", "you might also like", "view all comments",
        "read more", "read next", "recommended", "more from", "post a comment", "comments", "notify of",
        "share this", "share",
    } or bool(re.match(r"^\d+\s+comments?\b", t))
