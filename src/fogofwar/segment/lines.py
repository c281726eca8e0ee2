"""One linear pass that cuts a text into lines with their document offsets.

Extracted pages keep one paragraph per line; whether a line follows a blank line or
directly follows the previous one is a layout cue (blockquotes are often glued to the
paragraph that introduces them), so each line records it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class Line:
    start: int  # offset of the first character (leading spaces included)
    end: int  # offset of the newline (or the end of the range)
    text: str  # the line without its surrounding whitespace
    blank_before: bool  # a blank line separates it from the previous non-blank line
    indent: int  # leading spaces / tabs

    @property
    def body_start(self) -> int:
        return self.start + self.indent


def split_lines(text: str, start: int = 0, end: int | None = None) -> list[Line]:
    """Non-blank lines of text[start:end], in order. Linear in the length of the range."""
    stop = len(text) if end is None else end
    out: list[Line] = []
    pos = start
    blank = False
    while pos < stop:
        nl = text.find("\n", pos, stop)
        line_end = stop if nl < 0 else nl
        raw = text[pos:line_end]
        stripped = raw.strip()
        if stripped:
            indent = len(raw) - len(raw.lstrip())
            out.append(Line(pos, line_end, stripped, blank and bool(out), indent))
            blank = False
        else:
            blank = True
        pos = line_end + 1
    return out
