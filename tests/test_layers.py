"""The dependency direction of the house: api -> workflows -> (engine, store); nothing imports api or cli;
store imports nothing of ours but store and problems (the error base, which imports nothing of ours); engine
is a pure library (no web framework, ORM or templates), and engine/runtime.py is the only importer of
durable_rules."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("problems", "engine", "store", "workflows", "reports", "api", "cli")
FORBIDDEN = {
    "problems": {"engine", "store", "workflows", "reports", "api", "cli", "fastapi", "tortoise", "pydantic"},
    "engine": {"store", "workflows", "reports", "api", "cli", "fastapi", "tortoise", "jinja2", "starlette"},
    "store": {"engine", "workflows", "reports", "api", "cli"},
    "workflows": {"api", "cli", "reports", "fastapi"},
    "reports": {"api", "cli", "store", "workflows"},
    "api": {"cli"},
    "cli": {"api"},
}


def imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("package", PACKAGES)
def test_dependency_direction(package: str) -> None:
    wrong = sorted(f"{path.relative_to(ROOT)} imports {name}" for path in (ROOT / package).rglob("*.py")
                   for name in imports(path) if name.split(".")[0] in FORBIDDEN[package])
    assert wrong == []


def test_only_the_runtime_imports_durable_rules() -> None:
    importers = sorted(str(path.relative_to(ROOT)) for package in PACKAGES for path in (ROOT / package).rglob("*.py")
                       if any(name.split(".")[0] == "durable" for name in imports(path)))
    assert importers == ["engine/runtime.py"]
