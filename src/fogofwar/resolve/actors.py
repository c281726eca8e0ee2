"""Actor resolution: every name of a force, group, government or person -> one canonical actor."""

from __future__ import annotations

from fogofwar.models import Analysis


def resolve_actors(analysis: Analysis) -> None:
    """Not yet implemented: adds nothing."""
    return None
