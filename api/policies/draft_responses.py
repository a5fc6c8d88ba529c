"""Response bodies of the policy-draft endpoints (the workbench's JSON API)."""

from __future__ import annotations

from typing import Any

from api.policies.responses import DiffOutChange, Out, ProposalOut


class CheckProblemOut(Out):
    file: str
    line: int
    col: int
    code: str
    message: str


class ExampleOutputOut(Out):
    name: str
    expected: str
    got: str | None


class ExampleResultOut(Out):
    policy: str
    name: str
    file: str
    line: int
    passed: bool
    problems: list[str]
    outputs: list[ExampleOutputOut]


class LintFindingOut(CheckProblemOut):
    example: dict[str, str]


class DraftCheckOut(Out):
    valid: bool
    passed: bool
    examples_failed: int
    diagnostics: list[CheckProblemOut]
    examples: list[ExampleResultOut]
    uncovered: list[CheckProblemOut]
    lint: list[LintFindingOut]


class DraftSummaryOut(Out):
    draft_id: str
    name: str
    author: str
    base_version: str
    created_at: str
    updated_at: str
    proposal_id: str | None
    valid: bool
    passed: bool


class DraftsOut(Out):
    items: list[DraftSummaryOut]
    next: int | None


class DraftOut(DraftSummaryOut):
    files: dict[str, str]
    check: DraftCheckOut
    proposal: ProposalOut | None
    proposed_diff: list[dict[str, Any]] | None
    proposed_impact: dict[str, Any] | None


class WhatIfOut(Out):
    decision: dict[str, Any]
    text: str


class ImpactOut(Out):
    in_force: str
    candidate: str
    changes: list[DiffOutChange]
    simulation: dict[str, Any]


class DraftProposedOut(Out):
    draft: DraftOut
    proposal: ProposalOut
