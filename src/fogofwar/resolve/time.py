"""Time expressions -> ISO dates relative to the segment's publication date."""

from __future__ import annotations

from fogofwar.models import Analysis


def resolve_dates(analysis: Analysis) -> None:
    """Not yet implemented: adds nothing."""
    return None
