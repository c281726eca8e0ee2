"""Quantities: numbers that count something in the conflict."""

from __future__ import annotations

from fogofwar.models import Analysis


def extract_quantities(analysis: Analysis) -> None:
    """Not yet implemented: adds nothing."""
    return None
