"""Events: one per clause that states a conflict action."""

from __future__ import annotations

from fogofwar.models import Analysis


def extract_events(analysis: Analysis) -> None:
    """Not yet implemented: adds nothing."""
    return None
