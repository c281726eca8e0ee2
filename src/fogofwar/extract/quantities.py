"""Quantities: numbers that count something in the conflict (troops, civilians, villages, days, km).

Numbers are found with :func:`fogofwar.extract.numbers.find_numbers` on each parsed paragraph; the
spaCy parse then names what they count (the noun the number modifies, or the noun right after it).
Dates, times, years, ages, list numbering, percentages, URLs and page furniture ("5 Comments") are
not quantities. Vague magnitudes ("thousands of people") are left out: they say how big, not how many.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import yaml

from fogofwar.extract.numbers import LEXICON_DIR, NumberSpan, find_numbers
from fogofwar.models import Analysis, Chunk, Quantity

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_URL = re.compile(r"https?://\S+|www\.\S+|\b[\w.-]+\.(?:com|org|net|co\.uk|html?|php|ru|gov)(?:/\S*)?", re.I)
_PERCENT = re.compile(r"\s*(?:%|per\s*cent\b|percent\b)", re.I)
_LIST_NUMBER = re.compile(r"\s*[.)]\s")
_CLOCK = re.compile(r"\s*(?:a\.?m\.?|p\.?m\.?|gmt|utc|hrs\b)", re.I)
_AGE = re.compile(r"-?\s*years?[- ]old\s+(\w+)|\s*years?\s+old\b", re.I)
_AGED = re.compile(r"\baged\s*$", re.I)
_CASUALTY_VERBS = {"kill": "killed", "die": "killed", "wound": "wounded", "injure": "wounded", "hurt": "wounded",
                   "arrest": "arrested", "detain": "detained", "displace": "displaced", "abduct": "abducted",
                   "kidnap": "abducted", "execute": "killed", "behead": "killed", "capture": "captured"}
_SKIP_BETWEEN = {"more", "other", "others", "additional", "further", "extra", "-", "–", "or", "to", "mere", "new"}


@dataclass(frozen=True, slots=True)
class _Units:
    by_form: dict[str, str]  # counted noun (lemma or lower form) -> unit label
    not_counted: frozenset[str]
    age_nouns: frozenset[str]
    months: frozenset[str]


@lru_cache(maxsize=1)
def _units() -> _Units:
    raw = yaml.safe_load((LEXICON_DIR / "count_units.yaml").read_text("utf-8"))
    by_form: dict[str, str] = {}
    for label, forms in raw["units"].items():
        for form in forms:
            by_form.setdefault(str(form).lower(), str(label))
    return _Units(by_form, frozenset(str(w) for w in raw["not_counted"]),
                  frozenset(str(w) for w in raw["age_nouns"]), frozenset(str(w) for w in raw["months"]))


def extract_quantities(analysis: Analysis) -> None:
    """Append a Quantity for every counting number in the parsed paragraphs."""
    for chunk in analysis.chunks:
        _chunk_quantities(analysis, chunk)


def _chunk_quantities(analysis: Analysis, chunk: Chunk) -> None:
    doc = chunk.doc
    text = doc.text
    urls = [(m.start(), m.end()) for m in _URL.finditer(text)] if ("/" in text or "www" in text) else []
    previous: list[tuple[Token, str | None, str | None]] = []  # counted tokens in this paragraph
    for n in find_numbers(text):
        if any(s <= n.num_start < e for s, e in urls) or _not_a_count(text, n):
            continue
        span = doc.char_span(n.num_start, n.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        num = span[-1]
        if _is_date_or_time(doc, span, n):
            continue
        found = _counted_noun(doc, num, n)
        unit: str | None
        counts_what: str | None
        end = n.end
        if found is not None:
            first, noun = found
            lemma = noun.lemma_.lower()
            units = _units()
            if lemma in units.not_counted or noun.lower_ in units.not_counted or lemma in units.months:
                continue
            unit = _unit_of(doc, noun)
            counts_what = doc[first.i:noun.i + 1].text if first.i <= noun.i else noun.text
            end = max(end, noun.idx + len(noun.text))
        else:
            inherited = _inherit(previous, num)
            if inherited is None:
                continue
            unit, counts_what = inherited
        if n.words and n.value == 1 and n.high is None and n.value < 2:
            continue  # "one" is mostly a pronoun or an article ("one of them", "one more")
        if _is_year(n, text) and unit not in ("troops", "fighters", "people", "civilians"):
            continue
        start_doc, end_doc = chunk.span(n.start, end)
        belongs_to = None
        if counts_what is not None and found is not None:
            cw_start = chunk.start + found[0].idx
            mention = next(iter(analysis.mentions_in("actor", cw_start, end_doc)), None)
            belongs_to = mention.ref if mention is not None else None
        analysis.quantities.append(Quantity(
            id=f"q{len(analysis.quantities) + 1}", value=n.value, approx=n.approx, unit=unit,
            counts_what=counts_what, belongs_to=belongs_to, char_start=start_doc, char_end=end_doc, high=n.high))
        previous.append((num, unit, counts_what))


def _not_a_count(text: str, n: NumberSpan) -> bool:
    after = text[n.end:n.end + 24]
    if _PERCENT.match(after) or _CLOCK.match(after):
        return True
    line_start = text.rfind("\n", 0, n.num_start) + 1
    if not text[line_start:n.num_start].strip() and _LIST_NUMBER.match(after) and not n.words:
        return True  # "1. Unless the US ..." numbers a list item
    age = _AGE.match(after)
    if age is not None and (age.group(1) is None or age.group(1).lower().rstrip("s") in _units().age_nouns
                            or age.group(1).lower() in _units().age_nouns):
        return True
    return bool(_AGED.search(text[max(0, n.start - 8):n.start]))


def _is_year(n: NumberSpan, text: str) -> bool:
    raw = text[n.num_start:n.end]
    return raw.isdigit() and len(raw) == 4 and 1800 <= n.value <= 2100


def _is_date_or_time(doc: Doc, span: object, n: NumberSpan) -> bool:
    months = _units().months
    first = span[0]  # type: ignore[index]
    last = span[-1]  # type: ignore[index]
    neighbours = []
    if first.i > 0:
        neighbours.append(doc[first.i - 1])
        if doc[first.i - 1].text == "." and first.i > 1:
            neighbours.append(doc[first.i - 2])
    if last.i + 1 < len(doc):
        neighbours.append(doc[last.i + 1])
    if any(t.lower_.rstrip(".") in months for t in neighbours if t.text[:1].isupper() or t.lower_ in months):
        return not n.words or n.value > 31
    return False


def _counted_noun(doc: Doc, num: Token, n: NumberSpan) -> tuple[Token, Token] | None:
    """(first token after the number, head noun it counts), or None when no noun is counted."""
    head = num.head
    # "54,000-strong coalition": the strength of a force
    nxt = doc[num.i + 1:num.i + 4]
    words = [t.lower_ for t in nxt]
    if "strong" in words[:2]:
        strong = nxt[words.index("strong")]
        noun = strong.head if strong.head.pos_ in ("NOUN", "PROPN") else _next_noun(doc, strong.i + 1, 2)
        if noun is not None:
            return noun, noun
    if (num.dep_ in ("nummod", "quantmod", "compound", "amod", "npadvmod", "nmod") and head.pos_ in ("NOUN", "PROPN")
            and 0 < head.i - num.i <= 5):
        return doc[num.i + 1], head
    noun = _next_noun(doc, num.i + 1, 4, allow_of=n.value < 1 or num.lower_ in ("dozen",)
                       or n.vague)  # "thousands of people", "dozens of fighters"
    if noun is not None:
        return doc[num.i + 1], noun
    # "15 more were wounded", "killed at least 37": what happened to them names the count
    for t in doc[num.i + 1:num.i + 5]:
        if t.pos_ == "VERB" and t.lemma_.lower() in _CASUALTY_VERBS:
            return t, t
        if t.pos_ not in ("AUX", "ADV", "PART") and t.lower_ not in _SKIP_BETWEEN:
            break
    if head.pos_ == "VERB" and head.lemma_.lower() in _CASUALTY_VERBS and num.dep_ in ("dobj", "nsubjpass", "nsubj"):
        return head, head
    return None


def _next_noun(doc: Doc, i: int, budget: int, allow_of: bool = False) -> Token | None:
    """The head noun of the phrase starting at token i, skipping a few modifiers ("more", adjectives)."""
    j = i
    while j < len(doc) and j - i <= budget:
        t = doc[j]
        if t.pos_ in ("NOUN", "PROPN") or (t.pos_ == "ADJ" and t.ent_type_ == "NORP" and t.text.endswith("s")):
            # extend over compounds: "oil wells", "car bombs"
            while j + 1 < len(doc) and doc[j + 1].pos_ in ("NOUN", "PROPN") and t.dep_ in ("compound", "amod"):
                j += 1
                t = doc[j]
            return t
        if t.lower_ in _SKIP_BETWEEN or t.like_num or t.pos_ in ("ADJ", "ADV") or t.text in ("-", "–"):
            j += 1
            continue
        if allow_of and t.lower_ == "of":
            j += 1
            continue
        if t.pos_ == "VERB" and t.tag_ in ("VBN", "VBG") and j + 1 < len(doc) and doc[j + 1].pos_ == "NOUN":
            j += 1  # "explosive-rigged vehicles"
            continue
        return None
    return None


def _inherit(previous: list[tuple[Token, str | None, str | None]], num: Token) -> tuple[str | None, str | None] | None:
    """An elided noun ("eight corridors, six for civilians") takes the unit of the count before it."""
    for tok, unit, counts_what in reversed(previous):
        if tok.sent == num.sent and 0 < num.i - tok.i <= 12 and num.dep_ in ("conj", "appos", "npadvmod", "nsubj",
                                                                            "dobj", "ROOT", "attr", "nummod"):
            return unit, counts_what
    return None


def _unit_of(doc: Doc, noun: Token) -> str:
    units = _units().by_form
    lemma, lower = noun.lemma_.lower(), noun.lower_
    if noun.i > 0 and doc[noun.i - 1].lower_ in ("square", "sq") and units.get(lemma) == "km":
        return "km2"
    if noun.pos_ == "VERB":
        return _CASUALTY_VERBS.get(lemma, lemma)
    return units.get(lemma) or units.get(lower) or lower
