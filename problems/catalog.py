"""docs/errors.md, generated: every problem code the API can answer with (from the source: the error classes
built on XiaopuError, each place that raises one with its own code, each problem written directly) and every
diagnostic code of a policy file (from the invalid-policy fixtures, one per code).

    .venv/bin/python -m problems.catalog            # rewrite docs/errors.md
    .venv/bin/python -m problems.catalog --check    # exit 1 when docs/errors.md is out of date

It reads the source as text (ast) and imports nothing of ours."""

from __future__ import annotations

import argparse
import ast
import sys
from dataclasses import dataclass, field
from http import HTTPStatus
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("problems", "engine", "store", "workflows", "api")
FIXTURES = ROOT / "tests" / "engine" / "invalid"
PAGE = ROOT / "docs" / "errors.md"


@dataclass
class ErrorClass:
    name: str
    bases: list[str]
    where: str
    status: int | None = None
    code: str | None = None
    doc: str = ""


@dataclass
class Code:
    status: int
    raised_as: set[str] = field(default_factory=set)
    where: set[str] = field(default_factory=set)
    meaning: str = ""


def _constant(node: ast.AST | None) -> object:
    return node.value if isinstance(node, ast.Constant) else None


def _classes(trees: dict[str, ast.Module]) -> dict[str, ErrorClass]:
    found: dict[str, ErrorClass] = {}
    for where, tree in trees.items():
        for node in ast.walk(tree):
            if not isinstance(node, ast.ClassDef):
                continue
            info = ErrorClass(node.name, [b.id for b in node.bases if isinstance(b, ast.Name)], where,
                              doc=(ast.get_docstring(node) or "").split("\n\n")[0].replace("\n", " "))
            for stmt in node.body:
                targets = stmt.targets if isinstance(stmt, ast.Assign) else \
                    [stmt.target] if isinstance(stmt, ast.AnnAssign) else []
                value = stmt.value if isinstance(stmt, ast.Assign | ast.AnnAssign) else None
                for target in targets:
                    names = [e.id for e in target.elts if isinstance(e, ast.Name)] if isinstance(target, ast.Tuple) \
                        else [target.id] if isinstance(target, ast.Name) else []
                    values = [_constant(v) for v in value.elts] if isinstance(value, ast.Tuple) else [_constant(value)]
                    for name, constant in zip(names, values, strict=False):
                        if name == "status" and isinstance(constant, int):
                            info.status = constant
                        if name == "code" and isinstance(constant, str):
                            info.code = constant
            found[node.name] = info
    errors = {"XiaopuError"}
    while True:  # every class that descends from XiaopuError, by name
        more = {name for name, c in found.items() if name not in errors and errors & set(c.bases)}
        if not more:
            return {name: found[name] for name in errors if name in found}
        errors |= more


def _inherited(classes: dict[str, ErrorClass], name: str, attribute: str) -> object:
    info = classes.get(name)
    while info is not None:
        value = getattr(info, attribute)
        if value is not None:
            return value
        info = next((classes[b] for b in info.bases if b in classes), None)
    return None


def collect() -> dict[str, Code]:
    trees = {str(path.relative_to(ROOT)): ast.parse(path.read_text(encoding="utf-8"))
             for package in PACKAGES for path in sorted((ROOT / package).rglob("*.py"))}
    classes = _classes(trees)
    codes: dict[str, Code] = {}

    def add(code: str, status: int, raised_as: str, where: str, meaning: str = "") -> None:
        entry = codes.setdefault(code, Code(status))
        entry.raised_as.add(raised_as)
        entry.where.add(where.split(":")[0])
        entry.meaning = entry.meaning or meaning

    for name, info in classes.items():
        code, status = _inherited(classes, name, "code"), _inherited(classes, name, "status")
        if isinstance(code, str) and isinstance(status, int) and name != "XiaopuError":
            add(code, status, name, info.where, info.doc)
    for where, tree in trees.items():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            called = node.func.id if isinstance(node.func, ast.Name) else \
                node.func.attr if isinstance(node.func, ast.Attribute) else ""
            keywords = {k.arg: _constant(k.value) for k in node.keywords}
            if called in classes and isinstance(keywords.get("code"), str):
                status = keywords.get("status") or _inherited(classes, called, "status")
                add(str(keywords["code"]), int(str(status)), called, f"{where}:{node.lineno}")
            elif called == "problem_response" and len(node.args) >= 2:
                status, code = _constant(node.args[0]), _constant(node.args[1])
                if isinstance(status, int) and isinstance(code, str):
                    add(code, status, "problem_response", f"{where}:{node.lineno}")
    return codes


def diagnostics() -> list[tuple[str, str, str]]:
    """(code, fixture, where in it the problem is) for each invalid-policy fixture (`# expect: CODE line N`)."""
    rows: dict[str, tuple[str, str, str]] = {}
    for path in sorted(FIXTURES.glob("*.yaml")):
        code = path.name.split(".")[0]
        head = path.read_bytes().decode("utf-8", errors="replace").splitlines()[:1]
        expect = head[0].removeprefix("# expect:").split() if head and head[0].startswith("# expect:") else []
        line = f"line {expect[2]}" if len(expect) >= 3 and expect[1] == "line" else ""
        rows.setdefault(code, (code, str(path.relative_to(ROOT)), line))
    return list(rows.values())


def page() -> str:
    lines = ["# Error codes", "",
             "Generated by `python -m problems.catalog` from the code and the invalid-policy fixtures; a test fails "
             "when this page is out of date.", "",
             "## Problems the API answers with", "",
             "Every error leaves the API as RFC 9457 problem details with a stable `code` (see docs/api.md). One "
             "error base, `problems.XiaopuError`, carries the code and the status in every layer; one handler "
             "answers it.", "",
             "| code | status | raised as | where |", "| --- | --- | --- | --- |"]
    for code, entry in sorted(collect().items()):
        phrase = HTTPStatus(entry.status).phrase
        raised = ", ".join(sorted(entry.raised_as))
        where = ", ".join(f"`{w}`" for w in sorted(entry.where))
        lines.append(f"| `{code}` | {entry.status} {phrase} | {raised} | {where} |")
    lines += ["", "Request validation adds `invalid_input` (422, each field named in `errors`), unknown routes "
              "`not_found` and `method_not_allowed`.", "",
              "## Diagnostics of a policy file", "",
              "`xiaopu validate`, `xiaopu publish` and the API print each problem as `file:line:col: code: message`. "
              "Each code has a fixture that produces it:", "",
              "| code | fixture | at |", "| --- | --- | --- |"]
    lines += [f"| `{code}` | `{fixture}` | {what} |" for code, fixture, what in diagnostics()]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m problems.catalog")
    parser.add_argument("--check", action="store_true", help="exit 1 when docs/errors.md is out of date")
    args = parser.parse_args()
    text = page()
    if args.check:
        if not PAGE.exists() or PAGE.read_text(encoding="utf-8") != text:
            print(f"{PAGE.relative_to(ROOT)} is out of date: run python -m problems.catalog", file=sys.stderr)
            return 1
        return 0
    PAGE.write_text(text, encoding="utf-8")
    print(f"wrote {PAGE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
