"""Errors of the policy engine: every problem carries a stable machine code and a human message."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from problems import XiaopuError


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem in a policy file, printed the OPA way: `file:line:col: code: message`."""

    file: str
    line: int
    col: int
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.code}: {self.message}"


class PolicyError(XiaopuError):
    """Base class of everything the engine raises on purpose."""

    status = 500
    code = "policy_error"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message, code=code)


class PolicySetInvalid(PolicyError):
    """The policy set failed validation; `diagnostics` lists every problem found, not just the first."""

    status = 422
    code = "policy_invalid"

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics = sorted(diagnostics)
        lines = "\n".join(str(d) for d in self.diagnostics)
        super().__init__(f"{len(self.diagnostics)} problem(s) in the policy set:\n{lines}")


class FactError(PolicyError):
    """Input facts are missing, of the wrong type or outside what the engine can take safely.

    `problems` lists every (field, message) found, so an API can name each bad field at once.
    """

    status = 422
    code = "invalid_fact"
    title = "Invalid input"

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{f}: {m}" for f, m in problems))

    def field_errors(self) -> list[dict[str, str]]:
        return [{"field": name, "code": self.code, "message": message} for name, message in self.problems]


class UnknownPolicy(PolicyError):
    status = 404
    code = "unknown_policy"


class EvaluationError(PolicyError):
    """The engine could not produce a decision (e.g. two rows matched in a `unique` table)."""

    status = 500
    code = "evaluation_failed"
    title = "Policy could not decide"


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """' (did you mean "x"?)' for the closest candidate, or '' when nothing is close."""
    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f' (did you mean "{close[0]}"?)' if close else ""
