"""The `xiaopu` command: one sub-command per module, each exposing `register(subparsers)`."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

# Each module adds its own sub-commands; a module that fails to import is a bug, not optional.
COMMAND_MODULES = ("cli.policy_commands", "cli.serve", "cli.keys", "cli.tick", "cli.rescreen", "cli.simulate",
                   "cli.versions")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="xiaopu", description="Xiaopu Rules: policy platform")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    code: int = args.handler(args)
    return code


if __name__ == "__main__":
    sys.exit(main())
