"""`xiaopu keys create|revoke|list`: manage API keys in the database named by XIAOPU_DATABASE_URL."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from functools import partial

from cli.store_session import run_in_store
from store.api_keys import Role, create_key, key_status, list_keys, revoke, utc_now
from store.errors import RecordNotFound


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    keys = sub.add_parser("keys", help="create, revoke and list API keys")
    actions = keys.add_subparsers(dest="keys_command", required=True, metavar="ACTION")

    p = actions.add_parser("create", help="create a key and print it (only the key, on stdout; shown once)")
    p.add_argument("--role", required=True, choices=[r.value for r in Role])
    p.add_argument("--label", help="who or what the key is for")
    p.add_argument("--party", help="the party the key speaks for: a storefront channel (each storefront its own: "
                                   "the channel is the tenant), a seller id or a supplier id (SUP-<credit code>)")
    p.add_argument("--person", help='the person a reviewer or policy_admin key belongs to, "Name <email>"')
    p.add_argument("--expires-in-days", type=_positive_int, metavar="N", help="expire the key after N days")
    p.set_defaults(handler=partial(run_in_store, "xiaopu keys", _create))

    p = actions.add_parser("revoke", help="revoke a key by its key id (see `xiaopu keys list`)")
    p.add_argument("key_id")
    p.set_defaults(handler=partial(run_in_store, "xiaopu keys", _revoke))

    p = actions.add_parser("list", help="list keys: key id, role, status, dates, label (never the secret)")
    p.set_defaults(handler=partial(run_in_store, "xiaopu keys", _list))


def _positive_int(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of days >= 1, got {text!r}")
    return int(text)


async def _create(args: argparse.Namespace) -> int:
    days = args.expires_in_days
    expires_at = utc_now() + dt.timedelta(days=days) if days else None
    try:
        record, plaintext = await create_key(args.role, label=args.label, expires_at=expires_at, party=args.party,
                                             person=args.person)
    except ValueError as exc:
        print(f"xiaopu keys: {exc}", file=sys.stderr)
        return 2
    print(plaintext)
    speaks_for = record.party or record.person
    print(f"created key {record.key_id} ({record.role}, for {speaks_for}); store it now, it cannot be shown again",
          file=sys.stderr)
    return 0


async def _revoke(args: argparse.Namespace) -> int:
    try:
        record = await revoke(args.key_id)
    except RecordNotFound:
        print(f"xiaopu keys: no key {args.key_id!r}", file=sys.stderr)
        return 1
    print(f"revoked {record.key_id} ({record.role})")
    return 0


def _when(value: dt.datetime | None) -> str:
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if value else "-"


async def _list(args: argparse.Namespace) -> int:
    now = utc_now()
    print("key_id\trole\tfor\tstatus\tcreated_at\texpires_at\tlabel")
    for key in await list_keys():
        print("\t".join((key.key_id, key.role, key.party or key.person or "", key_status(key, now),
                         _when(key.created_at), _when(key.expires_at), key.label or "")))
    return 0
