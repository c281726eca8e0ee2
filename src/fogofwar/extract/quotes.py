"""Quotes: direct and indirect speech with speaker, cue and content spans."""

from __future__ import annotations

from fogofwar.models import Analysis


def extract_quotes(analysis: Analysis) -> None:
    """Not yet implemented: adds nothing."""
    return None
