"""`xiaopu fmt`: policy files rewritten in the canonical layout (docs/policy-format.md, "Layout")."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

from engine.errors import Diagnostic
from engine.layout import LayoutError, canonical
from engine.loader import MANIFEST, not_utf8


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("fmt", help="rewrite policy files in the canonical layout; print the files it changed")
    p.add_argument("path", nargs="?", default=".",
                   help="folder holding policies.yaml (the manifest and the rule files it lists), or one file")
    p.add_argument("--check", action="store_true",
                   help="change nothing; list the files not in the canonical layout and exit 1 if there are any")
    p.set_defaults(handler=fmt)


def policy_files(path: Path) -> list[Path]:
    """The files `fmt` lays out: a file itself, or a folder's manifest and the rule files it lists that exist."""
    if not path.is_dir():
        return [path]
    manifest = path / MANIFEST
    try:
        listed = yaml.safe_load(manifest.read_text(encoding="utf-8")).get("files", [])
    except (OSError, UnicodeError, yaml.YAMLError, AttributeError):
        listed = []  # the manifest's own problem is reported when it is laid out
    rules = [path / rel for rel in listed if isinstance(rel, str)] if isinstance(listed, list) else []
    return [manifest, *(p for p in rules if p.is_file())]


def laid_out(files: list[Path]) -> tuple[dict[Path, str], list[Diagnostic]]:
    """Each file whose canonical layout differs from its text, with that layout; the problems of the others."""
    changed: dict[Path, str] = {}
    problems: list[Diagnostic] = []
    for path in files:
        try:
            text = path.read_bytes().decode("utf-8")
            layout = canonical(text, str(path))
        except OSError as exc:
            problems.append(Diagnostic(str(path), 1, 1, "file_not_found", str(exc)))
        except UnicodeDecodeError as exc:
            problems.append(not_utf8(str(path), exc))
        except LayoutError as exc:
            problems.append(exc.diagnostic)
        else:
            if layout != text:
                changed[path] = layout
    return changed, problems


def fmt(args: argparse.Namespace) -> int:
    changed, problems = laid_out(policy_files(Path(args.path)))
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s); nothing was written", file=sys.stderr)
        return 1
    for path in changed:
        if not args.check:
            path.write_bytes(changed[path].encode("utf-8"))
        print(path)
    if args.check and changed:
        print(f"{len(changed)} file(s) not in the canonical layout; `xiaopu fmt` rewrites them", file=sys.stderr)
        return 1
    return 0
