"""Who reaches a supplier's objects: the supplier's own keys (their party is the supplier id, SUP-<credit
code>) and the platform's people; storefronts may read a listed product, which they shelve and quote. An
application belongs to the supplier its credit code makes."""

from __future__ import annotations

from workflows.common.access import Caller
from workflows.common.errors import NotAllowed, NotFound


def supplier_id_of(uscc: str) -> str:
    return f"SUP-{uscc}"


def require_supplier(caller: Caller, supplier_id: str, *, storefronts_read: bool = False) -> None:
    """Raise 404 unless the caller is this supplier, the platform or (when allowed) a storefront reading."""
    if caller.platform or caller.speaks_for("supplier", supplier_id):
        return
    if storefronts_read and caller.role == "storefront":
        return
    raise NotFound(f"no supplier {supplier_id!r}", code="supplier_not_found")


def require_applicant(caller: Caller, uscc: str) -> None:
    """A supplier key applies only as the supplier it speaks for."""
    if not caller.speaks_for("supplier", supplier_id_of(uscc)):
        raise NotAllowed(f"this key speaks for {caller.party or 'no supplier'}; an application with the credit code "
                         f"{uscc} is {supplier_id_of(uscc)}'s", code="not_your_supplier")


def require_application(caller: Caller, application_id: str, uscc: str) -> None:
    if not (caller.platform or caller.speaks_for("supplier", supplier_id_of(uscc))):
        raise NotFound(f"no application {application_id!r}", code="application_not_found")
