"""Number expressions in English news text: digits, number words, vague plurals, modifiers, ranges.

Shared by the quantity extractor and the event extractor (killed / wounded counts). Values follow
ACLED's conservative reading: "more than 470" is 470 (at_least), "dozens" is 12, "tens of thousands"
is 10,000 (about).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal, cast

import yaml

LEXICON_DIR = Path(__file__).resolve().parents[1] / "data" / "lexicon"

Approx = Literal["exact", "at_least", "at_most", "about", "range"]


@dataclass(frozen=True, slots=True)
class NumberSpan:
    """One number expression found in a text; offsets are into the scanned text."""

    start: int  # start of the whole expression, modifier included ("more than 470")
    end: int
    num_start: int  # start of the number itself ("470")
    value: float
    approx: Approx = "exact"
    high: float | None = None  # upper bound of a range
    vague: bool = False  # "dozens", "thousands": an order of magnitude, not a count
    words: bool = False  # written in words ("nine") rather than digits

    @property
    def text_is_single_word_one(self) -> bool:
        return self.words and self.value == 1 and self.high is None


@dataclass(frozen=True, slots=True)
class _Lexicon:
    units: dict[str, int]
    tens: dict[str, int]
    scales: dict[str, int]
    collectives: dict[str, tuple[float, Approx]]
    vague: dict[str, int]
    modifiers: dict[str, Approx]  # phrase -> approximation
    pattern: re.Pattern[str]


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    raw = yaml.safe_load((LEXICON_DIR / "numbers.yaml").read_text("utf-8"))
    units = {str(k): int(v) for k, v in raw["units"].items()}
    tens = {str(k): int(v) for k, v in raw["tens"].items()}
    scales = {str(k): int(v) for k, v in raw["scales"].items()}
    collectives = {str(k): (float(v[0]), cast(Approx, v[1])) for k, v in raw["collectives"].items()}
    vague = {str(k): int(v) for k, v in raw["vague"].items()}
    modifiers: dict[str, Approx] = {}
    for approx, phrases in raw["modifiers"].items():
        for phrase in phrases:
            modifiers[str(phrase).lower()] = cast(Approx, approx)
    return _Lexicon(units, tens, scales, collectives, vague, modifiers,
                    _build_pattern(units, tens, scales, collectives, vague, modifiers))


def _alt(words: object) -> str:
    items = sorted((str(w) for w in words), key=len, reverse=True)  # type: ignore[attr-defined]
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items)


def _build_pattern(units: dict[str, int], tens: dict[str, int], scales: dict[str, int],
                   collectives: dict[str, tuple[float, Approx]], vague: dict[str, int],
                   modifiers: dict[str, Approx]) -> re.Pattern[str]:
    word_scales = [s for s in scales if len(s) > 2]
    letter_scales = [s for s in scales if len(s) <= 2]
    unit_word = f"(?:{_alt(list(units) + list(tens))})"
    any_word = f"(?:{_alt(list(units) + list(tens) + word_scales)})"
    # "one hundred and fifty", "twenty-five", "a thousand", "two dozen"
    words = (rf"(?:(?:{unit_word}|a)(?:(?:\s+|-)(?:{any_word})|\s+and\s+(?:{unit_word}))*"
             rf"(?:\s+(?:{_alt(collectives)}))?)")
    digits = (r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
              rf"(?:\s*(?:{_alt(word_scales)})\b|(?:{_alt(letter_scales)})\b)?")
    core = rf"(?:{digits}(?:\s*\+)?|{words}\b|half(?=\s+of\b)|(?:{_alt(vague)})\b)"
    mods = _alt(modifiers)
    return re.compile(
        rf"(?<![\w$+/:.,#-])(?:(?P<mod>{mods})\s+)?"
        rf"(?:(?P<between>between|from)\s+)?(?P<a>{core})"
        rf"(?:\s*(?:-|–|—|to|and)\s*(?P<b>{core}))?"
        r"(?!(?!(?:km|m|mm|cm|kg|mi|h|hrs?|sq)\b)\w|:\d|,\d|\.\d)",
        re.IGNORECASE,
    )


def parse_number(text: str) -> float | None:
    """The value of one number ("5,000", "1.5 million", "twenty-five", "a dozen", "dozens"), or None."""
    lex = _lexicon()
    t = " ".join(text.lower().replace("–", "-").split()).rstrip("+").strip()
    if not t:
        return None
    if t in lex.vague:
        return float(lex.vague[t])
    if t == "half":
        return 0.5
    m = re.fullmatch(r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*([a-z]+)?", t)
    if m:
        value = float(m.group(1).replace(",", ""))
        if m.group(2):
            scale = lex.scales.get(m.group(2))
            if scale is None:
                return None
            value *= scale
        return value
    total, current, seen = 0.0, 0.0, False
    for word in re.split(r"[\s-]+", t):
        if word == "and":
            continue
        if word == "a":
            # "a" is one only as the multiplier of a following hundred/dozen/thousand, which already read an
            # empty count as one; before a unit word ("a three-hour truce") it is the article
            continue
        if word in lex.units:
            current += lex.units[word]
        elif word in lex.tens:
            current += lex.tens[word]
        elif word in lex.collectives:
            current = max(current, 1.0) * lex.collectives[word][0]
        elif word == "hundred":
            current = max(current, 1.0) * 100
        elif word in lex.scales:
            total += max(current, 1.0) * lex.scales[word]
            current = 0.0
        else:
            return None
        seen = True
    return total + current if seen else None


def _collective_approx(text: str) -> Approx | None:
    lex = _lexicon()
    last = re.split(r"[\s-]+", text.lower().strip())[-1]
    if last in lex.collectives:
        return lex.collectives[last][1]
    return None


def find_numbers(text: str) -> list[NumberSpan]:
    """Every number expression in ``text``, left to right, with its modifier and range."""
    lex = _lexicon()
    out: list[NumberSpan] = []
    for m in lex.pattern.finditer(text):
        a_text = m.group("a")
        if a_text.lower() == "a" or re.fullmatch(r"a\s+and.*", a_text.lower()):
            continue
        value = parse_number(a_text)
        if value is None:
            continue
        start, end = m.start(), m.end()
        num_start = m.start("a")
        approx: Approx = "exact"
        vague = a_text.lower().strip() in lex.vague
        high: float | None = None
        if m.group("b") is not None:
            b_value = parse_number(m.group("b"))
            joiner = text[m.end("a"):m.start("b")].strip().lower()
            if b_value is None or b_value <= value or (joiner == "and" and not m.group("between")):
                # not a range ("two and three" lists, "2-1" scores): keep the first number alone
                end = m.end("a")
            else:
                high, approx = b_value, "range"
        elif m.group("between"):
            start = m.start("a")  # "between" without a second number is not a range
        collective = _collective_approx(a_text)
        if approx != "range":
            if vague:
                approx = "at_least"  # "dozens" is at least 12: the conservative reading is a floor
            elif collective is not None:
                approx = collective
            if a_text.rstrip().endswith("+"):
                approx = "at_least"
        mod = m.group("mod")
        if mod is not None:
            mod_approx = lex.modifiers[" ".join(mod.lower().split())]
            if approx != "range" and not (vague and mod_approx == "exact"):
                approx = mod_approx
        out.append(NumberSpan(start=start, end=end, num_start=num_start, value=value, approx=approx, high=high,
                              vague=vague, words=not any(c.isdigit() for c in a_text)))
    return out
