"""Who calls, as the workflows see it, and the rule every domain's access module builds on: a party reaches
only what it owns, and another party's object is "not found" (the same answer as an object that does not
exist, so nothing leaks). Each domain states what owning means in its own `access.py`."""

from __future__ import annotations

from dataclasses import dataclass

# Roles that read across parties (the platform's people); what they may change each route says.
PLATFORM = frozenset({"reviewer", "policy_admin"})


@dataclass(frozen=True)
class Caller:
    role: str
    party: str | None = None  # storefront channel, seller id or supplier id
    person: str | None = None  # reviewer or policy admin, "Name <email>"

    @property
    def platform(self) -> bool:
        return self.role in PLATFORM

    def speaks_for(self, role: str, party: str | None) -> bool:
        """The caller is `party` in `role` (a storefront channel, a seller, a supplier)."""
        return self.role == role and party is not None and self.party == party
