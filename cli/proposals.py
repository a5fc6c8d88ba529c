"""`xiaopu proposals list|approve|reject` and `xiaopu cancel-activation`: four eyes from the command line.

The person is `--author` (default XIAOPU_AUTHOR or the login); the approver must be a different person from
the proposal's author. Whoever runs these commands holds the database's credentials, so the API (where a key
speaks for a person) is where four eyes is enforced against a dishonest operator; these commands serve the
honest one."""

from __future__ import annotations

import argparse
import sys
from functools import partial

from cli.output import parse_as_of
from cli.store_session import run_in_store
from cli.versions import _default_author
from store.api_keys import utc_now
from workflows.common.errors import WorkflowError
from workflows.policies.proposals import approve, proposals_view, reject
from workflows.policies.versions import cancel_activation


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("proposals", help="policy changes waiting for a second person: list, approve, reject")
    actions = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    listing = actions.add_parser("list", help="proposals (default: those waiting)")
    listing.add_argument("--state", default="proposed", choices=("proposed", "approved", "rejected", "withdrawn"))
    listing.set_defaults(handler=partial(run_in_store, "xiaopu proposals list", _list))
    for action, handler in (("approve", _approve), ("reject", _reject)):
        q = actions.add_parser(action, help=f"{action} a proposal (a person other than its author)")
        q.add_argument("proposal_id")
        q.add_argument("--comment", "-c", required=True, help="why")
        q.add_argument("--author", default=_default_author(), help="who decides (default: XIAOPU_AUTHOR or the login)")
        if action == "approve":
            q.add_argument("--effective-from", help="when it takes over, ISO 8601 with offset (default: as proposed)")
        q.set_defaults(handler=partial(run_in_store, f"xiaopu proposals {action}", handler))

    p = sub.add_parser("cancel-activation", help="call off a scheduled activation before it takes effect")
    p.add_argument("activation_id")
    p.add_argument("--author", default=_default_author())
    p.set_defaults(handler=partial(run_in_store, "xiaopu cancel-activation", _cancel))


async def _list(args: argparse.Namespace) -> int:
    print("proposal\tversion\tstate\tauthor\teffective_from\treviewer\tmessage")
    for p in (await proposals_view(args.state, 200, None))["items"]:
        print("\t".join((p["proposal_id"], p["version"], p["state"], p["author"],
                         p["effective_from"] or "when approved", p["reviewer"] or "-", p["message"])))
    return 0


async def _approve(args: argparse.Namespace) -> int:
    try:
        effective = parse_as_of(args.effective_from) if args.effective_from else None
        proposal, done = await approve(args.proposal_id, reviewer=args.author, reviewer_judge=args.author[:64],
                                       comment=args.comment, now=utc_now(), effective_from=effective)
    except (WorkflowError, ValueError) as exc:
        print(f"xiaopu proposals approve: {getattr(exc, 'message', exc)}", file=sys.stderr)
        return 1
    a = done.activation
    print(f"approved: {proposal.proposal_id} by {proposal.reviewer}; {done.version.label} in force from "
          f"{a.effective_from.isoformat()} (activation {a.activation_id})")
    return 0


async def _reject(args: argparse.Namespace) -> int:
    try:
        proposal = await reject(args.proposal_id, reviewer=args.author, reviewer_judge=args.author[:64],
                                comment=args.comment, now=utc_now())
    except WorkflowError as exc:
        print(f"xiaopu proposals reject: {exc.message}", file=sys.stderr)
        return 1
    print(f"{proposal.state}: {proposal.proposal_id} by {proposal.reviewer}")
    return 0


async def _cancel(args: argparse.Namespace) -> int:
    try:
        found = await cancel_activation(args.activation_id, by=args.author, now=utc_now())
    except WorkflowError as exc:
        print(f"xiaopu cancel-activation: {exc.message}", file=sys.stderr)
        return 1
    print(f"cancelled: {found.activation_id} (was to take effect {found.effective_from.isoformat()})")
    return 0
