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
