"""API keys: who may call the API, in which role, until when.

A key reads `xpk_<key_id>_<secret>`. Only `key_id` (shown to people, e.g. in `xiaopu keys list`) and the
SHA-256 of the whole key are stored. The keys we issue are 256-bit random tokens, so a fast unsalted hash
is enough: there is nothing to brute-force, unlike a password. (Development keys from XIAOPU_DEV_KEYS are
whatever the developer chose; they are for local use only.)
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from enum import StrEnum
from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.expressions import Q
from tortoise.models import Model

from store import clock
from store.errors import RecordNotFound, translated_orm_errors

if TYPE_CHECKING:
    from store.page_sessions import PageSession

KEY_PREFIX = "xpk"
MAX_KEY_LENGTH = 256  # longer bearer tokens are not ours; refuse before hashing


class Role(StrEnum):
    STOREFRONT = "storefront"
    SELLER = "seller"
    SUPPLIER = "supplier"
    REVIEWER = "reviewer"
    POLICY_ADMIN = "policy_admin"


class ApiKey(Model):
    id = fields.BigIntField(primary_key=True)
    key_id = fields.CharField(max_length=32, unique=True)
    key_hash = fields.CharField(max_length=64, unique=True)  # sha256 hex of the whole key
    role = fields.CharEnumField(Role, max_length=32, description="caller role")
    label = fields.CharField(max_length=200, null=True)
    # Whom the key speaks for: a storefront channel, a seller id or a supplier id (`party`), or a person
    # ("Name <email>") for reviewer and policy_admin keys. Keys from before parties: see DEFAULT_CHANNEL.
    party = fields.CharField(max_length=64, null=True)
    person = fields.CharField(max_length=200, null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    expires_at = fields.DatetimeField(null=True)
    revoked_at = fields.DatetimeField(null=True)
    page_sessions: fields.ReverseRelation[PageSession]  # the sessions it opened on the pages

    class Meta:
        table = "api_keys"


# The channel a storefront key speaks for when none was given (and every storefront key issued before keys
# had parties): its sellers and their orders are that channel's.
DEFAULT_CHANNEL = "default"
PARTY_ROLES = {Role.STOREFRONT, Role.SELLER, Role.SUPPLIER}
PERSON_ROLES = {Role.REVIEWER, Role.POLICY_ADMIN}
# A channel's name ends the ids scoped to it ("O-1@<channel>", "sale:O-1@<channel>:<sku>"): no '@' nor ':' in it.
CHANNEL_NAME = re.compile(r"[A-Za-z0-9_.\-]{1,64}")
# What an unnamed reviewer or policy admin key is called instead of a person: issued before keys named people
# ("key <key_id>") or a development key given without a name ("development key dev-..."). Four eyes compare
# people, so these never propose or approve a change (workflows/policies/proposals.py), and no person is named so.
UNNAMED = ("key ", "development key ")


def names_a_person(person: str | None) -> bool:
    """Whether a reviewer's or policy admin's `person` is a person someone named, not a key standing for one."""
    return bool(person) and not str(person).startswith(UNNAMED)


def hash_key(plaintext: str) -> str:
    return hashlib.sha256(plaintext.encode()).hexdigest()


def new_plaintext_key() -> tuple[str, str]:
    """A fresh `(key_id, plaintext)`: key_id is 12 hex characters, the secret 256 random bits."""
    key_id = secrets.token_hex(6)
    return key_id, f"{KEY_PREFIX}_{key_id}_{secrets.token_urlsafe(32)}"


def utc_now() -> dt.datetime:
    return clock.now()


def key_party(role: Role | str, party: str | None, person: str | None) -> tuple[str | None, str | None]:
    """(party, person) a key of `role` speaks for; ValueError when the role needs what is missing. A storefront
    key without a party speaks for DEFAULT_CHANNEL (development keys, and keys issued before a channel was
    required: `create_key` names one); seller and supplier keys name theirs; reviewers and policy admins are
    people (`person`, None when not given; a name may not begin as an unnamed key's stand-in does)."""
    role = Role(role)
    if role in PARTY_ROLES:
        if person:
            raise ValueError(f"a {role} key speaks for a party (--party), not a person")
        if not party:
            if role != Role.STOREFRONT:
                raise ValueError(f"a {role} key needs --party: the {role} id it speaks for")
            party = DEFAULT_CHANNEL
        party = party.strip()
        if role == Role.STOREFRONT and not CHANNEL_NAME.fullmatch(party):
            raise ValueError(f"a storefront channel is named with letters, digits, '_', '.' and '-' (at most 64), "
                             f"not {party!r}: the channel ends the ids it scopes (O-1@<channel>), which '@' and ':' "
                             "would make ambiguous")
        return party, None
    if party:
        raise ValueError(f"a {role} key speaks for a person (--person \"Name <email>\"), not a party")
    person = (person or "").strip() or None
    if person is not None and not names_a_person(person):
        raise ValueError(f"a person's name cannot begin with {' or '.join(repr(u) for u in UNNAMED)}: "
                         "those stand for keys that name nobody")
    return None, person


async def create_key(role: Role | str, label: str | None = None, expires_at: dt.datetime | None = None,
                     party: str | None = None, person: str | None = None) -> tuple[ApiKey, str]:
    """Issue a key; the plaintext is returned once and never stored. Raises ValueError for an unknown role, a
    party/person the role does not take, a storefront key without its channel, or a reviewer or policy admin key
    without its person: channels are tenants, and four eyes and the badge panels count people, so a key issued
    now says whose it is."""
    role = Role(role)
    if role == Role.STOREFRONT and not (party or "").strip() and not person:  # (a person: refused as such below)
        raise ValueError("a storefront key names its channel: --party CHANNEL (storefronts issued keys without one "
                         f"would all speak for the {DEFAULT_CHANNEL!r} channel and reach each other's stores)")
    party, person = key_party(role, party, person)
    if role in PERSON_ROLES and person is None:
        raise ValueError(f"a {role} key names its person: --person \"Name <email>\"")
    if expires_at is not None and expires_at.tzinfo is None:
        raise ValueError("expires_at must carry a time zone")
    key_id, plaintext = new_plaintext_key()
    with translated_orm_errors("saving API key"):
        record = await ApiKey.create(key_id=key_id, key_hash=hash_key(plaintext), role=role, label=label,
                                     expires_at=expires_at, party=party,
                                     person=person)
    return record, plaintext


async def find_active(plaintext: str, now: dt.datetime) -> ApiKey | None:
    """The key's record when it exists, is not revoked and has not expired at `now`; else None."""
    if not plaintext or len(plaintext) > MAX_KEY_LENGTH:
        return None
    with translated_orm_errors("looking up API key"):
        return await ApiKey.filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=now),
            key_hash=hash_key(plaintext), revoked_at__isnull=True,
        ).first()


def key_status(key: ApiKey, now: dt.datetime) -> str:
    """active, expired or revoked at `now`."""
    if key.revoked_at is not None:
        return "revoked"
    return "expired" if key.expires_at is not None and key.expires_at <= now else "active"


async def revoke(key_id: str, now: dt.datetime | None = None) -> ApiKey:
    """Revoke a key by its key_id, ending its page sessions; revoking twice keeps the first time. Raises
    RecordNotFound."""
    with translated_orm_errors("revoking API key"):
        record = await ApiKey.get_or_none(key_id=key_id)
        if record is None:
            raise RecordNotFound(f"no API key {key_id!r}")
        if record.revoked_at is None:
            record.revoked_at = now or utc_now()
            await record.save(update_fields=["revoked_at"])
        await record.page_sessions.filter(ended_at__isnull=True).update(ended_at=record.revoked_at)
    from store import key_cache  # imported here: the cache is built on this module

    key_cache.forget()  # this process stops accepting it at once; other processes within a poll
    return record


async def list_keys() -> list[ApiKey]:
    with translated_orm_errors("listing API keys"):
        return await ApiKey.all().order_by("created_at", "id")


async def install_dev_key(role: Role | str, plaintext: str, party: str | None = None) -> bool:
    """Store a development key (hashed) unless it is there already; True when added.

    An existing development key takes the role and party the environment now gives it; a revoked one stays
    revoked. `party` is the party of a storefront, seller or supplier key, the person of the others."""
    role, key_hash = Role(role), hash_key(plaintext)
    owner, person = key_party(role, party if role in PARTY_ROLES else None, party if role in PERSON_ROLES else None)
    person = person or (f"development key dev-{key_hash[:8]}" if role in PERSON_ROLES else None)
    with translated_orm_errors("installing development key"):
        record, created = await ApiKey.get_or_create(
            key_hash=key_hash,
            defaults={"key_id": f"dev-{key_hash[:8]}", "role": role, "label": "development key (XIAOPU_DEV_KEYS)",
                      "party": owner, "person": person})
        if not created and (record.role, record.party, record.person) != (role, owner, person):
            record.role, record.party, record.person = role, owner, person
            await record.save(update_fields=["role", "party", "person"])
    return created
