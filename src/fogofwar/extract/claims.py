"""Claims and predictions."""

from __future__ import annotations

from fogofwar.models import Analysis


def extract_claims(analysis: Analysis) -> None:
    """Not yet implemented: adds nothing."""
    return None
