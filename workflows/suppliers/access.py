"""Who reaches a supplier's objects: the supplier's own keys (their party is the supplier id, SUP-<credit
code>) and the platform's people; storefronts may read a listed product, which they shelve and quote. An
application belongs to the supplier its credit code makes.

An application id is the applying supplier's own (workflows/common/scoped_ids.py): two suppliers may both
apply as "APP-1". The supplier names it by that id; the platform by the qualified id "APP-1@SUP-<credit code>"
every answer gives it. Applications made before ids were scoped keep their bare id."""

from __future__ import annotations

from store.suppliers import SupplierApplication
from workflows.common.access import Caller
from workflows.common.errors import NotAllowed, NotFound
from workflows.common.scoped_ids import keys_named, scoped_id


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


def applicant_of(caller: Caller) -> str | None:
    """The party whose own application ids the caller sees unqualified: a supplier key's supplier."""
    return caller.party if caller.role == "supplier" else None


def _reaches(caller: Caller, application: SupplierApplication) -> bool:
    return caller.platform or caller.speaks_for("supplier", supplier_id_of(application.uscc))


async def reachable_application(caller: Caller, application_id: str) -> SupplierApplication:
    """The application the caller names, when it is the applicant's or the platform's to read (the stored key
    is `application.application_id`)."""
    keys = keys_named(applicant_of(caller), application_id)
    found = {a.application_id: a for a in await SupplierApplication.filter(application_id__in=keys)}
    for key in keys:
        if key in found and _reaches(caller, found[key]):
            return found[key]
    raise NotFound(f"no application {application_id!r}", code="application_not_found")


async def new_application_key(caller: Caller, application_id: str, uscc: str) -> str:
    """The key of the application the supplier submits as `application_id`: its own scoped key, unless it
    submitted that id before ids were scoped (so that a retry of it is still a replay)."""
    legacy = await SupplierApplication.get_or_none(application_id=application_id)
    if legacy is not None and _reaches(caller, legacy) and legacy.uscc == uscc:
        return application_id
    return scoped_id(supplier_id_of(uscc), application_id)
