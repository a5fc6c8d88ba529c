"""`xiaopu publish`, `xiaopu rollback`, `xiaopu versions`: policy versions in the database named by
XIAOPU_DATABASE_URL. Every serving process takes a change in within XIAOPU_POLICY_POLL_SECONDS."""

from __future__ import annotations

import argparse
import getpass
import sys
from functools import partial

from cli.output import parse_as_of
from cli.store_session import run_in_store
from engine import PolicySetInvalid, load_policy_set, policy_bundle
from engine.fields import iso_utc
from store.api_keys import utc_now
from store.settings import load_settings
from workflows.common.errors import WorkflowError
from workflows.policies.candidate_check import CheckLimits, checked_in_child
from workflows.policies.proposals import needs_second_person, propose_set
from workflows.policies.timeline import timeline_view
from workflows.policies.versions import Published, publish, rollback


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("publish", help="check a policy set (validate, examples, lint) and put it in force, or "
                       "propose it when the sets ask for four eyes")
    p.add_argument("path", nargs="?", default=".", help="folder holding policies.yaml")
    p.add_argument("--effective-from", help="when it takes over, ISO 8601 with offset (default: now)")
    p.add_argument("--message", "-m", required=True, help="what changed and why (kept with the version)")
    p.add_argument("--author", default=_default_author(), help="who publishes (default: XIAOPU_AUTHOR or the login)")
    p.set_defaults(handler=partial(run_in_store, "xiaopu publish", _publish))

    p = sub.add_parser("rollback", help="put back, now, the last version in force that was not itself rolled back")
    p.add_argument("--message", "-m", default="", help="why (kept with the rollback)")
    p.add_argument("--to", help="the version to return to (label or hash of a version that was in force)")
    p.add_argument("--author", default=_default_author())
    p.set_defaults(handler=partial(run_in_store, "xiaopu rollback", _rollback))

    p = sub.add_parser("versions", help="the activation timeline: which version is in force when, and who put it")
    p.set_defaults(handler=partial(run_in_store, "xiaopu versions", _versions))


def _default_author() -> str:
    try:
        login = getpass.getuser()
    except (KeyError, OSError):
        login = "unknown"
    return load_settings().author or f"cli:{login}"


def _report(done: Published) -> None:
    activation, version = done.activation, done.version
    state = "in force now" if activation.effective_from <= utc_now() else "scheduled"
    stored = "stored" if done.new_version else "already stored"
    print(f"{activation.kind}: {version.label} ({stored}) effective {iso_utc(activation.effective_from)}, {state}; "
          f"activation {activation.activation_id}")


async def _publish(args: argparse.Namespace) -> int:
    try:
        effective = parse_as_of(args.effective_from) if args.effective_from else None
        settings = load_settings()
        pset = await checked_in_child(policy_bundle(load_policy_set(args.path)),
                                      CheckLimits.of(settings))
        now = utc_now()
        if await needs_second_person(pset, now):
            version, new, proposal, _ = await propose_set(pset, author=args.author, author_judge=args.author[:64],
                                                          message=args.message, now=now, effective_from=effective)
            print(f"proposed: {version.label} ({'stored' if new else 'already stored'}) as {proposal.proposal_id}; "
                  f"nothing is in force until another person approves it:\n"
                  f"  xiaopu proposals approve {proposal.proposal_id} --comment '...' --author 'Name <email>'")
            return 0
        done = await publish(pset, author=args.author, message=args.message, now=now, effective_from=effective)
    except PolicySetInvalid as exc:
        print("\n".join(map(str, exc.diagnostics)), file=sys.stderr)
        print("xiaopu publish: the policy set is not valid; nothing was published", file=sys.stderr)
        return 1
    except (WorkflowError, ValueError) as exc:
        for problem in getattr(exc, "extra", {}).get("problems", []):
            print(problem, file=sys.stderr)
        print(f"xiaopu publish: {getattr(exc, 'message', exc)}; nothing was published", file=sys.stderr)
        return 1
    _report(done)
    return 0


async def _rollback(args: argparse.Namespace) -> int:
    try:
        done = await rollback(author=args.author, message=args.message, now=utc_now(), target=args.to)
    except WorkflowError as exc:
        print(f"xiaopu rollback: {exc.message}", file=sys.stderr)
        return 1
    _report(done)
    return 0


async def _versions(args: argparse.Namespace) -> int:
    timeline = await timeline_view(utc_now())
    print("effective_from\tversion\tkind\tstate\tauthor\tapproved_by\tactivation\tmessage")
    for a in timeline["activations"]:
        print("\t".join((a["effective_from"], a["version"], a["kind"], a["state"], a["author"],
                         a["approved_by"] or "-", a["activation_id"], a["message"])))
    return 0
