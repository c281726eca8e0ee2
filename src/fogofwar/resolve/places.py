"""Geoparsing: toponyms -> gazetteer entries with coordinates."""

from __future__ import annotations

from fogofwar.models import Analysis


def resolve_places(analysis: Analysis) -> None:
    """Not yet implemented: adds nothing."""
    return None
