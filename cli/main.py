"""The `xiaopu` command: one sub-command per module, each exposing `register(subparsers)`."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from store.settings import SettingsError, load_settings

# Each module adds its own sub-commands; a module that fails to import is a bug, not optional.
COMMAND_MODULES = ("cli.policy_commands", "cli.serve", "cli.keys", "cli.tick", "cli.rescreen", "cli.simulate",
                   "cli.versions", "cli.proposals", "cli.verify", "cli.integrity", "cli.fmt")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="xiaopu", description="Xiaopu Rules: policy platform")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


# A command whose reader went away (`xiaopu test -v | head`) exits quietly, as Unix tools do.
EXIT_READER_GONE = 141  # 128 + SIGPIPE


def main(argv: Sequence[str] | None = None) -> int:
    try:
        load_settings()  # every setting is checked before any command runs
    except SettingsError as exc:
        print(f"xiaopu: {exc}", file=sys.stderr)
        return 2
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.handler(args)
        sys.stdout.flush()
    except BrokenPipeError:
        # Python flushes stdout again at exit; point it at /dev/null so that flush cannot fail too.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_READER_GONE
    return code


if __name__ == "__main__":
    sys.exit(main())
