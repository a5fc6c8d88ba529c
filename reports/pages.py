"""Jinja2 pages: strict about undefined names, and escaping every `.html.j2` template."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"

_env = Environment(loader=FileSystemLoader(TEMPLATES), undefined=StrictUndefined,
                   autoescape=lambda name: name is None or name.endswith((".html", ".html.j2")))


def render(template: str, **context: Any) -> str:
    return _env.get_template(template).render(**context)
