"""Ids a party chooses are its own: two storefront channels may both report order "O-1" or share list "L-1".
Such an object is stored under `<id>@<owner>` (`@` cannot appear in an id) and every answer shows the id its
owner chose again. Objects recorded before ids were scoped keep their bare key (each domain's access module
still lets their owner reach them by it)."""

from __future__ import annotations

SCOPE = "@"


def scoped_id(owner: str, chosen_id: str) -> str:
    """The stored key of an id `owner` (a channel, a dispute) chose."""
    return f"{chosen_id}{SCOPE}{owner}"


def public_id(key: str) -> str:
    """The id as its owner chose it."""
    return key.split(SCOPE, 1)[0]


def owner_of(key: str) -> str | None:
    """The party that chose the id of `key` (None for a key recorded before ids were scoped)."""
    return key.split(SCOPE, 1)[1] if SCOPE in key else None


def keys_named(owner: str | None, given: str) -> list[str]:
    """The keys an id given by a party may name, its own first: the owner's scoped key, then the id as given (a
    row recorded before ids were scoped, or the qualified id `D-1@channel` another party uses)."""
    return [scoped_id(owner, given), given] if owner and SCOPE not in given else [given]


def shown_id(key: str, viewer: str | None) -> str:
    """The id as `viewer` addresses it: the owner sees the id it chose, any other party the qualified key."""
    return public_id(key) if viewer is not None and owner_of(key) == viewer else key
