"""Rule engine: find calendar-placeable time expressions in plain text and normalise them to ISO.

Pure Python (no spaCy) so it can be tested and benchmarked alone. ``find_dates(text, ref)`` returns
one :class:`TimeMatch` per expression, with ISO values relative to ``ref`` (the publication date of
the text). Durations ("three years", "the past 10 days"), sets ("every Friday") and "now" are not
calendar-placeable and are never returned.

Underspecified dates ("Tuesday", "December") are placed with the tense of their clause: a clause
in the future picks the next one, any other the previous one (news mostly reports the past).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

import yaml

LEXICON = Path(__file__).resolve().parents[1] / "data" / "time" / "lexicon.yaml"

Precision = str  # day | week | month | year | decade | century


@dataclass(slots=True, kw_only=True)
class TimeMatch:
    start: int
    end: int
    text: str
    value: str
    precision: Precision
    anchor: str  # explicit | publication | previous (the last date named before it)


@dataclass(slots=True, frozen=True)
class _Lexicon:
    months: dict[str, int]
    weekdays: dict[str, int]
    numbers: dict[str, int]
    units: dict[str, str]
    future: frozenset[str]
    past: frozenset[str]


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    raw = yaml.safe_load(LEXICON.read_text(encoding="utf-8"))
    return _Lexicon(
        months={str(k): int(v) for k, v in raw["months"].items()},
        weekdays={str(k): int(v) for k, v in raw["weekdays"].items()},
        numbers={str(k): int(v) for k, v in raw["numbers"].items()},
        units={str(k): str(v) for k, v in raw["units"].items()},
        future=frozenset(str(w) for w in raw["future_cues"]),
        past=frozenset(str(w) for w in raw["past_cues"]),
    )


# ------------------------------------------------------------------ calendar arithmetic

def _add_months(d: date, n: int) -> date:
    m = d.month - 1 + n
    return date(d.year + m // 12, m % 12 + 1, 1)


def _iso_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def parse_ref(value: str | None) -> date | None:
    """A reference date from an ISO string or a prefix of one ("2016-10" -> 2016-10-01)."""
    if not value:
        return None
    m = re.match(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value)
    if not m:
        return None
    return _safe_date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))


# ------------------------------------------------------------------ patterns

@dataclass(slots=True, frozen=True)
class _Patterns:
    rules: tuple[tuple[re.Pattern[str], str], ...]
    word: re.Pattern[str]
    sentence_end: re.Pattern[str]
    metadata_line: re.Pattern[str]


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    lex = _lexicon()
    # full month names are case-insensitive; abbreviations must be capitalised ("Oct." / "Oct")
    full = [m for m in lex.months if len(m) > 4 or m in ("may", "june", "july")]
    abbr = [m for m in lex.months if m not in full]
    month = (rf"(?P<month>(?i:{_alt(full)})\b|(?:{_alt([a.capitalize() for a in abbr])})\b\.?)")
    wfull = [w for w in lex.weekdays if w.endswith("day")]
    wabbr = [w for w in lex.weekdays if not w.endswith("day")]
    weekday = (rf"(?P<wd>(?i:{_alt(wfull)})\b|(?:{_alt([a.capitalize() for a in wabbr])})\b\.?)")
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b"
    year = r"(?P<year>1[6-9]\d\d|20\d\d)\b"
    num = rf"(?P<num>\d{{1,3}}|(?i:{_alt(list(lex.numbers))}))"
    tod = (r"(?:\s+(?:at\s+)?(?:about\s+|around\s+)?\d{1,2}(?::\d\d)?\s*(?:[ap]\.?m\.?)(?:\s+[A-Z]{2,4}\b)?"
           r"|\s+(?:morning|afternoon|evening|night|noon))?")
    lead_tod = r"(?:(?:\d{1,2}(?::\d\d)?\s*[ap]\.?m\.?|noon|midnight)(?:\s+[A-Z]{3})?,?\s+)?"
    mod = r"(?:(?P<mod>(?i:early|earlier|late|later|mid-?|the\s+middle\s+of|the\s+end\s+of|the\s+beginning\s+of|" \
          r"the\s+start\s+of|the\s+first\s+half\s+of|the\s+second\s+half\s+of|around|about))\s*)?"
    spelled_year = (r"(?P<sy>(?i:(?:nineteen|twenty)[\s-]+(?:(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
                    r"seventeen|eighteen|nineteen)|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
                    r"(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine))?)|"
                    r"two\s+thousand(?:\s+and)?(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine|ten|"
                    r"eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen))?)\b)")
    rules: list[tuple[str, str]] = [
        # ISO date 2016-10-18
        (r"\b(?P<iy>(?:19|20)\d\d)-(?P<im>[01]\d)-(?P<id>[0-3]\d)\b", "iso"),
        # numeric dates with a four-digit year: 24.08.2013, 31-08-2014, 8/31/2014 (day and month read below)
        (r"(?<![\d.,/-])(?P<n1>[0-3]?\d)(?P<sep>[./-])(?P<n2>[0-3]?\d)(?P=sep)(?P<ny>(?:19|20)\d\d)(?!\d|[.,/-]\d)",
         "numeric"),
        # a page's date whose day and year lost the space between them: "Last updated at Apr 232017"
        (rf"{month}\s*(?P<day>[0-3]\d)(?P<year>(?:19|20)\d\d)(?!\d)", "month_day"),
        # (Sunday,) Dec. 4(, 2016) / October 17, 2016 (at 10:32 pm)
        (rf"{lead_tod}(?:{weekday},?\s+)?{mod}{month}\s*{day}(?:,?\s*{year})?{tod}", "month_day"),
        # (Sunday,) 21st (of) October 2016 / 4 December
        (rf"{lead_tod}(?:{weekday},?\s+)?(?:the\s+)?{day}(?:\s+of)?\s+{month}(?:,?\s*{year})?{tod}", "day_month"),
        # between 1 and 3 March / 1-3 March
        (rf"(?:(?i:between)\s+)?(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?\s*(?:-|–|(?i:and|to))\s*{day}\s+{month}"
         rf"(?:,?\s*{year})?", "day_range"),
        # (early) October 2016 / January nineteen ninety-seven
        (rf"{mod}{month},?\s+(?:of\s+)?(?:{year}|{spelled_year})", "month_year"),
        # this/last/next September, January this year, June last year
        (rf"(?P<rel>(?i:this|last|next|this\s+coming|this\s+past))\s+{month}", "rel_month"),
        (rf"{mod}{month}\s+(?P<rel>(?i:this|last|next))\s+year\b", "month_rel_year"),
        # in June / since January / early September / bare capitalised month
        (rf"{mod}{month}", "month"),
        # decades: the 1990s, the '90s
        (r"(?i:the\s+)?(?:mid-?|early\s+|late\s+)?(?P<dec>1[6-9]\d0|20[0-9]0)'?s\b", "decade"),
        # centuries: the 17th century, 17 - 18 centuries
        (r"(?i:the\s+)?(?P<c1>\d{1,2})(?:st|nd|rd|th)?(?:\s*(?:-|–|and|to)\s*(?P<c2>\d{1,2})(?:st|nd|rd|th)?)?"
         r"(?:\s+|-)(?i:century|centuries)\b", "century"),
        # years with a lead: in 2012, since 2014, fiscal 1989, mid-1996, the end of 1990, fall of 2018
        (rf"{mod}(?P<season>(?i:(?:the\s+)?(?:spring|summer|fall|autumn|winter)(?:\s+of)?)\s+)?"
         rf"(?P<fiscal>(?i:fiscal|FY)\s*)?(?:{year}|{spelled_year})(?!\s*[-–]?\s*(?:\d|%|per|percent))", "year"),
        (rf"(?i:the\s+year\s+){spelled_year}", "year"),
        # (last|next|this|the previous|the following) Tuesday (night)
        (rf"(?P<rel>(?i:last|next|this\s+coming|this|the\s+previous|the\s+following|early|late|earlier|later)\s+)?"
         rf"{lead_tod}{weekday}{tod}", "weekday"),
        # today, yesterday, tomorrow, tonight, last night, this morning
        (r"(?i:(?:(?P<pre>early|earlier|late|later|mid-?afternoon)\s+)?(?P<deictic>today|tonight|yesterday|tomorrow|"
         r"the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|last\s+night|overnight|"
         r"(?:later\s+|earlier\s+)?this\s+(?:morning|afternoon|evening)))\b"
         r"(?:\s+(?i:morning|afternoon|evening|night))?", "deictic"),
        # this week, last month, earlier this year, the end of the year, the current year, next year
        (rf"{mod}(?i:(?P<rel>this|last|next|the\s+past|the\s+current|the\s+latest|the\s+coming|the\s+same|that)\s+"
         rf"(?:fiscal\s+)?(?P<unit>week|month|year)|(?P<rel2>the)\s+(?P<unit2>year|month|week))\b", "rel_unit"),
        (r"(?i:\b(?P<ye>year[-\s]end|year's\s+end|year[-\s](?:earlier|ago)))\b", "year_adj"),
        # two days ago, six weeks ago, a year earlier
        (rf"(?i:(?:nearly|almost|about|around|some|just|more\s+than|over|only)\s+)?{num}(?:\s+or\s+so)?\s+"
         rf"(?P<unit>(?i:days?|weeks?|months?|years?|decades?))(?:\s+or\s+so)?\s+(?P<dir>(?i:ago|earlier|before|later))",
         "ago"),
        # the next day, the day before, the following year (anchored to the last date named)
        (r"(?i:(?:the\s+(?P<dir>next|following|previous|prior)\s+(?P<unit>day|week|month|year))|"
         r"(?:the\s+(?P<unit2>day|week|month|year)\s+(?P<dir2>before|after))|(?:(?P<same>that|the\s+same)\s+"
         r"(?P<unit3>day|year)))\b", "anaphoric"),
        # a clock time on its own: at 7:15 p.m.
        (r"(?i:(?:around|about|at)\s+)?\b\d{1,2}:\d\d\s*[ap]\.?m\.?", "clock"),
    ]
    return _Patterns(
        rules=tuple((re.compile(p), name) for p, name in rules),
        word=re.compile(r"[A-Za-z']+"),
        sentence_end=re.compile(r"[.!?][\"'”’)\]]*\s+(?=[A-Z\"“‘'(])|\n"),
        metadata_line=re.compile(r"^[ \t]*(?:Posted|Submitted|Written)\s+by\b", re.M),
    )


# ------------------------------------------------------------------ tense

_WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?|'ll")
_PAST_AUX = frozenset({"had", "was", "were", "been"})
_AUX = frozenset({"be", "been", "being", "is", "are", "am", "have", "has", "'s", "get", "gets"})


def clause_tense(text: str, start: int, end: int) -> str | None:
    """'future', 'past' or None for the clause around text[start:end]: the nearest tense cue wins."""
    lex = _lexicon()
    pats = _patterns()
    left = start
    for m in pats.sentence_end.finditer(text, max(0, start - 300), start):
        left = m.end()
    if left == start:
        left = max(0, start - 300) if start > 300 else 0
    right_m = pats.sentence_end.search(text, end, min(len(text), end + 300))
    right = right_m.start() if right_m else min(len(text), end + 300)
    best: tuple[int, str] | None = None
    prev = ""
    for m in _WORD.finditer(text, left, right):
        w = m.group(0).lower()
        aux, prev = prev, w
        if start <= m.start() < end:
            continue
        if w in lex.future or w.endswith("'ll"):
            # "had been scheduled to", "was going to": a future seen from the past
            kind = "past" if aux in _PAST_AUX else "future"
        elif w in lex.past or (len(w) > 4 and w.endswith("ed")):
            if aux in _AUX:
                continue  # "will be held", "has been seized": the auxiliary carries the tense
            kind = "past"
        else:
            continue
        dist = start - m.end() if m.end() <= start else m.start() - end
        if best is None or dist < best[0]:
            best = (dist, kind)
    return best[1] if best else None


# ------------------------------------------------------------------ normalisers

_Resolver = Callable[[re.Match[str], "_Context"], tuple[str, Precision, str] | None]


@dataclass(slots=True)
class _Context:
    text: str
    ref: date | None
    last: date | None  # the last day-precise date named before this one
    last_year: int | None
    last_month: date | None = None


def _month_no(s: str) -> int:
    return _lexicon().months[s.lower().rstrip(".")]


def _weekday_no(s: str) -> int:
    return _lexicon().weekdays[s.lower().rstrip(".")]


def _spelled_year(s: str) -> int | None:
    nums = _lexicon().numbers
    parts = [p for p in re.split(r"[\s-]+", s.lower()) if p and p != "and"]
    if parts[:2] == ["two", "thousand"]:
        return 2000 + sum(nums.get(p, 0) for p in parts[2:])
    if parts and parts[0] in ("nineteen", "twenty"):
        return nums[parts[0]] * 100 + sum(nums.get(p, 0) for p in parts[1:])
    return None


def _year_of(m: re.Match[str]) -> int | None:
    gd = m.groupdict()
    if gd.get("year"):
        return int(gd["year"])
    if gd.get("sy"):
        return _spelled_year(gd["sy"])
    return None


def _place_month(month: int, ctx: _Context, tense: str | None, day: int | None = None) -> int | None:
    """The year of a month (or month and day) written without one.

    The nearest such date to the reference wins (journalists add the year when it is not the
    current one); a clause whose tense points the other way weighs against a candidate.
    """
    if ctx.ref is None:
        return None
    best: tuple[int, int] | None = None
    for y in (ctx.ref.year - 1, ctx.ref.year, ctx.ref.year + 1):
        d = _safe_date(y, month, day or 15)
        if d is None:
            continue
        diff = (d - ctx.ref).days
        cost = abs(diff)
        if (tense == "past" and diff > (0 if day else 16)) or (tense == "future" and diff < (0 if day else -16)):
            cost += _TENSE_WEIGHT
        if best is None or cost < best[0]:
            best = (cost, y)
    return best[1] if best else None


_TENSE_WEIGHT = 150  # days: how far the tense of the clause moves an underspecified date


def _month_day(m: re.Match[str], ctx: _Context) -> tuple[str, Precision, str] | None:
    month = _month_no(m.group("month"))
    day = int(m.group("day"))
    year = _year_of(m)
    anchor = "explicit"
    if year is None:
        tense = clause_tense(ctx.text, m.start(), m.end())
        year = _place_month(month, ctx, tense, day)
        anchor = "publication"
        if year is None:
            return None
    d = _safe_date(year, month, day)
    if d is None:
        return None
    return d.isoformat(), "day", anchor


def _day_range(m: re.Match[str], ctx: _Context) -> tuple[str, Precision, str] | None:
    month = _month_no(m.group("month"))
    year = _year_of(m) or _place_month(month, ctx, clause_tense(ctx.text, m.start(), m.end()))
    if year is None:
        return None
    d = _safe_date(year, month, int(m.group("d1")))
    if d is None or int(m.group("day")) < d.day:
        return None
    return d.isoformat(), "day", "explicit" if _year_of(m) else "publication"


def _month_year(m: re.Match[str], ctx: _Context) -> tuple[str, Precision, str] | None:
    year = _year_of(m)
    if year is None:
        return None
    return f"{year}-{_month_no(m.group('month')):02d}", "month", "explicit"


def _rel_month(m: re.Match[str], ctx: _Context) -> tuple[str, Precision, str] | None:
    if ctx.ref is None:
        return None
    month = _month_no(m.group("month"))
    rel = " ".join(m.group("rel").lower().split())
    y = ctx.ref.year
    if rel in ("last", "this past"):
        y = y if month < ctx.ref.month else y - 1
    elif rel in ("next", "this coming"):
        y = y if month > ctx.ref.month else y + 1
    return f"{y}-{month:02d}", "month", "publication"


def _month_rel_year(m: re.Match[str], ctx: _Context) -> tuple[str, Precision, str] | None:
    if ctx.ref is None:
        return None
    shift = {"this": 0, "last": -1, "next": 1}[m.group("rel").lower()]
    return f"{ctx.ref.year + shift}-{_month_no(m.group('month')):02d}", "month", "publication"


_MONTH_LEAD = re.compile(
    r"(?:\b(?:in|since|until|till|by|from|of|during|before|after|between|through|throughout|to|and|or|late|early|"
    r"mid|last|next|this|that|each|end|beginning|start|middle|on|a|an|the|its|his|her|their|our)\s*-?|[,(]|^)\s*$",
    re.I)


def _month(m: re.Match[str], ctx: _Context) -> tuple[str, Precision, str] | None:
    word = m.group("month")
    name = word.lower().rstrip(".")
    if not word[0].isupper():
        return None
    if name in ("may", "march") or ("." not in word and len(name) <= 4):
        # "may" is a modal and "march" a verb or noun: a bare one needs a temporal lead
        lead = _MONTH_LEAD.search(ctx.text, max(0, m.start() - 20), m.start())
        if not m.group("mod") and not (lead and (name != "may" or lead.group(0).strip(" \t-,(").isalpha())):
            return None
        if name == "may" and re.match(r"\s+(?:be|have|not|well|also|yet|still|never|seem|come|take)\b",
                                      ctx.text[m.end():m.end() + 8]):
            return None
    month = _month_no(word)
    year = _place_month(month, ctx, clause_tense(ctx.text, m.start(), m.end()))
    if year is None:
        return None
    return f"{year}-{month:02d}", "month", "publication"


def _decade(m: re.Match[str], ctx: _Context) -> tuple[str, Precision, str] | None:
    return m.group("dec")[:3], "decade", "explicit"


def _century(m: re.Match[str], ctx: _Context) -> tuple[str, Precision, str] | None:
    c1 = int(m.group("c1"))
    c2 = int(m.group("c2") or c1)
    if not 1 <= c1 <= c2 <= 21:
        return None
    return f"{(c1 - 1) * 100:04d}/{c2 * 100 - 1:04d}", "century", "explicit"


_YEAR_LEAD = re.compile(
    r"(?:\b(?:in|since|until|till|by|from|of|during|before|after|between|through|to|and|or|late|early|mid|end|"
    r"beginning|start|middle|fiscal|year|summer|spring|fall|autumn|winter|around|circa|c|as|at|for|than|on|"
    r"the|'s|its|his|her|their|our|my|your|a|an|that|this|those|these|unsuccessful|successful|failed|earlier|"
    r"previous|same|whole|entire|first|last)\s*-?|[,(\[–-]|^)\s*$", re.I)
_NAME_BEFORE = re.compile(r"\b[A-Z][A-Za-z]+\s+$")
_YEAR_TAIL = re.compile(r"\s*(?:[.,;:!?)\]\"”'’]|\s(?:and|or|to|when|after|before|while|as|the|a|it|he|she|they|we|"
                        r"but|in|on|at|with|that|which|was|were|is|are|had|has|have|by|for|until|,)\b|'s\b|$)")


def _year(m: re.Match[str], ctx: _Context) -> tuple[str, Precision, str] | None:
    year = _year_of(m)
    if year is None:
        return None
    gd = m.groupdict()
    if gd.get("year") and not (gd.get("mod") or gd.get("season") or gd.get("fiscal")):
        before = ctx.text[max(0, m.start() - 20):m.start()]
        # a bare 4-digit number is a year after a temporal lead or before a clause boundary,
        # not in "2000 people" or "$1990"
        if before.endswith(("$", "#", "№")) or re.search(r"\d[,.]?$", before):
            return None
        lead = _YEAR_LEAD.search(before)
        if not (lead or _YEAR_TAIL.match(ctx.text, m.end())):
            return None
        if not lead and _NAME_BEFORE.search(before) and not re.search(r"(?:^|[.!?]\s+)\S+\s+$", before):
            return None  # "Orion 1980", "Windows 2000": a name, not a year
        if not 1800 <= year <= (ctx.ref.year + 30 if ctx.ref else 2100):
            return None
    return str(year), "year", "explicit"


def _place_weekday(wd: int, ctx: _Context, rel: str, tense: str | None) -> date | None:
    base = (ctx.last or ctx.ref) if rel in ("the previous", "the following") else ctx.ref
    if base is None:
        return None
    back = (base.weekday() - wd) % 7
    fwd = (wd - base.weekday()) % 7
    if rel in ("last", "the previous"):
        return base - timedelta(days=back or 7)
    if rel in ("next", "the following", "this coming"):
        return base + timedelta(days=fwd or 7)
    if tense == "future" or rel in ("later",):
        return base + timedelta(days=fwd)
    return base - timedelta(days=back)


def _weekday(m: re.Match[str], ctx: _Context) -> tuple[str, Precision, str] | None:
    word = m.group("wd")
    if not word[0].isupper():
        return None
    if word.lower().rstrip(".") in ("sun", "sat", "wed", "mon", "fri") and "." not in word:
        return None  # "Sun" the newspaper, "Sat" the exam
    rel = " ".join((m.group("rel") or "").lower().split())
    d = _place_weekday(_weekday_no(word), ctx, rel, clause_tense(ctx.text, m.start(), m.end()))
    if d is None:
        return None
    anchor = "previous" if rel in ("the previous", "the following") else "publication"
    return d.isoformat(), "day", anchor


def _deictic(m: re.Match[str], ctx: _Context) -> tuple[str, Precision, str] | None:
    if ctx.ref is None:
        return None
    w = " ".join(m.group("deictic").lower().split())
    if w in ("yesterday", "last night"):
        d = ctx.ref - timedelta(days=1)
    elif w == "tomorrow":
        d = ctx.ref + timedelta(days=1)
    elif w == "the day before yesterday":
        d = ctx.ref - timedelta(days=2)
    elif w == "the day after tomorrow":
        d = ctx.ref + timedelta(days=2)
    elif w == "overnight":
        d = ctx.ref - timedelta(days=1)
    else:
        d = ctx.ref
    return d.isoformat(), "day", "publication"


def _rel_unit(m: re.Match[str], ctx: _Context) -> tuple[str, Precision, str] | None:
    if ctx.ref is None:
        return None
    unit = (m.group("unit") or m.group("unit2")).lower()
    rel = " ".join((m.group("rel") or m.group("rel2")).lower().split())
    mod = " ".join((m.group("mod") or "").lower().split())
    base = ctx.ref
    if rel in ("the same", "that"):
        if unit == "year" and ctx.last_year is not None:
            return str(ctx.last_year), "year", "previous"
        if ctx.last is None:
            return None
        base = ctx.last
        rel = "this"
    if rel == "the":
        # "the year" / "the month" only with a lead that makes it the current one
        before = ctx.text[max(0, m.start() - 12):m.start()]
        if not (mod or re.search(r"(?i)\b(?:in|for|of|during|throughout)\s+$", before)):
            return None
        if unit == "week":
            return None
        rel = "this"
    if rel in ("the past", "the latest"):
        if unit != "year" or mod:
            return None
        rel = "last"
    shift = {"this": 0, "the current": 0, "last": -1, "next": 1, "the coming": 1}.get(rel)
    if shift is None:
        return None
    if unit == "week":
        return _iso_week(base + timedelta(weeks=shift)), "week", "publication"
    if unit == "month":
        d = _add_months(base, shift)
        return f"{d.year}-{d.month:02d}", "month", "publication"
    return str(base.year + shift), "year", "publication"


def _year_adj(m: re.Match[str], ctx: _Context) -> tuple[str, Precision, str] | None:
    if ctx.ref is None:
        return None
    w = m.group("ye").lower()
    if "end" in w:
        return str(ctx.ref.year), "year", "publication"
    return str(ctx.ref.year - 1), "year", "publication"


def _ago(m: re.Match[str], ctx: _Context) -> tuple[str, Precision, str] | None:
    if ctx.ref is None:
        return None
    raw = m.group("num").lower()
    lex = _lexicon()
    n = int(raw) if raw.isdigit() else lex.numbers.get(raw)
    if n is None or n > 200:
        return None
    unit = m.group("unit").lower().rstrip("s")
    direction = m.group("dir").lower()
    if direction in ("earlier", "before", "later") and n > 1 and unit in ("day", "week"):
        return None  # "two days later" counts from an event, not from the publication date
    sign = 1 if direction == "later" else -1
    if direction == "later" and unit != "year":
        return None
    if unit == "day":
        return (ctx.ref + timedelta(days=sign * n)).isoformat(), "day", "publication"
    if unit == "week":
        return _iso_week(ctx.ref + timedelta(weeks=sign * n)), "week", "publication"
    if unit == "month":
        d = _add_months(ctx.ref, sign * n)
        return f"{d.year}-{d.month:02d}", "month", "publication"
    if unit == "decade":
        return str(ctx.ref.year + sign * 10 * n), "year", "publication"
    return str(ctx.ref.year + sign * n), "year", "publication"


def _anaphoric(m: re.Match[str], ctx: _Context) -> tuple[str, Precision, str] | None:
    unit = (m.group("unit") or m.group("unit2") or m.group("unit3")).lower()
    direction = (m.group("dir") or m.group("dir2") or "").lower()
    if m.group("same"):
        if unit == "year":
            return (str(ctx.last_year), "year", "previous") if ctx.last_year else None
        return (ctx.last.isoformat(), "day", "previous") if ctx.last else None
    sign = 1 if direction in ("next", "following", "after") else -1
    if unit == "year":
        return (str(ctx.last_year + sign), "year", "previous") if ctx.last_year else None
    if unit == "month" and (ctx.last_month or ctx.last):
        d = _add_months(ctx.last_month or ctx.last or date.min, sign)
        return f"{d.year}-{d.month:02d}", "month", "previous"
    if ctx.last is None:
        return None
    if unit == "day":
        return (ctx.last + timedelta(days=sign)).isoformat(), "day", "previous"
    if unit == "week":
        return _iso_week(ctx.last + timedelta(weeks=sign)), "week", "previous"
    d = _add_months(ctx.last, sign)
    return f"{d.year}-{d.month:02d}", "month", "previous"


def _clock(m: re.Match[str], ctx: _Context) -> tuple[str, Precision, str] | None:
    if ctx.ref is None:
        return None
    return ctx.ref.isoformat(), "day", "publication"


def _numeric(m: re.Match[str], ctx: _Context) -> tuple[str, Precision, str] | None:
    # Day first with "." and "-" (the European and Middle Eastern habit: 24.08.2013, 31-08-2014), month
    # first with "/" (the American one: 8/31/2014); the other order when the first reading is no date.
    a, b, y = int(m.group("n1")), int(m.group("n2")), int(m.group("ny"))
    first, second = ((b, a), (a, b)) if m.group("sep") == "/" else ((a, b), (b, a))
    d = _safe_date(y, first[1], first[0]) or _safe_date(y, second[1], second[0])
    return (d.isoformat(), "day", "explicit") if d else None


def _iso(m: re.Match[str], ctx: _Context) -> tuple[str, Precision, str] | None:
    d = _safe_date(int(m.group("iy")), int(m.group("im")), int(m.group("id")))
    return (d.isoformat(), "day", "explicit") if d else None


_RESOLVERS: dict[str, _Resolver] = {
    "iso": _iso, "numeric": _numeric, "month_day": _month_day, "day_month": _month_day, "day_range": _day_range,
    "month_year": _month_year, "rel_month": _rel_month, "month_rel_year": _month_rel_year, "month": _month,
    "decade": _decade, "century": _century, "year": _year, "weekday": _weekday, "deictic": _deictic,
    "rel_unit": _rel_unit, "year_adj": _year_adj, "ago": _ago, "anaphoric": _anaphoric, "clock": _clock,
}
# rules whose value depends on the previously named date: resolved in text order after the others
_ANAPHORIC = frozenset({"anaphoric"})


def _candidates(text: str) -> Iterator[tuple[int, int, str, re.Match[str]]]:
    for pattern, name in _patterns().rules:
        for m in pattern.finditer(text):
            if m.end() > m.start():
                yield m.start(), m.end(), name, m


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in " ,\t\n":
        end -= 1
    while start < end and text[start] in " ,\t\n":
        start += 1
    return start, end


def find_dates(text: str, ref: date | None, *, metadata: bool = False) -> list[TimeMatch]:
    """Every calendar-placeable time expression in ``text``, normalised relative to ``ref``.

    Signature lines ("Posted by: X | 07 June 2016 at 05:06 PM") carry a comment's date, not a
    fact of its text, and are skipped unless ``metadata`` is true.
    """
    cands = sorted(_candidates(text), key=lambda c: (-(c[1] - c[0]), c[0]))
    blocked = [] if metadata else [(m.start(), text.find("\n", m.start()) % (len(text) + 1) or len(text))
                                   for m in _patterns().metadata_line.finditer(text)]
    # longest first; a span that fails to normalise leaves room for shorter readings inside it.
    # Taken spans never overlap, so sorted starts/ends answer "does this overlap one?" by bisection.
    starts: list[int] = []
    ends: list[int] = []
    ctx = _Context(text=text, ref=ref, last=None, last_year=None)
    chosen: list[tuple[int, int, str, re.Match[str]]] = []
    for c in cands:
        s, e = c[0], c[1]
        i = bisect.bisect_right(starts, s)
        if (i > 0 and ends[i - 1] > s) or (i < len(starts) and starts[i] < e):
            continue
        if any(bs <= s < be for bs, be in blocked):
            continue
        if c[2] not in _ANAPHORIC and _RESOLVERS[c[2]](c[3], ctx) is None:
            continue
        starts.insert(i, s)
        ends.insert(i, e)
        chosen.append(c)
    chosen.sort(key=lambda c: c[0])
    out: list[TimeMatch] = []
    for s, e, name, m in chosen:
        got = _RESOLVERS[name](m, ctx)
        if got is None:
            continue
        value, precision, anchor = got
        s, e = _trim(text, s, e)
        out.append(TimeMatch(start=s, end=e, text=text[s:e], value=value, precision=precision, anchor=anchor))
        if precision == "day":
            ctx.last = date.fromisoformat(value[:10])
        if precision in ("day", "month"):
            ctx.last_month = date(int(value[:4]), int(value[5:7]), 1)
        if re.match(r"\d{4}(?:-|$)", value):
            ctx.last_year = int(value[:4])
    return out
