"""The policy workbench's pages: the drafts (start one from the version in force or any stored version), a
draft's decision tables as editable grids with the check after every change beside the cell at fault (the
examples expected against got, the lint's findings with the input that shows each), the raw text of each file
with its diagnostics, a what-if form per policy with the full explanation, the impact page (the diff in business
words and the simulation over stored history, with charts) and the proposal. A refused form keeps what was
typed. Policy admins edit their own drafts; reviewers read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response

from api.common.auth import Principal
from api.common.form_tokens import FORM_ID, new_form_id
from api.common.page_session import PagePolicyUser
from api.common.policy import Registry
from api.common.routing import serve_routes
from api.common.schemas import Id, RowCursor, UtcDatetime, utc
from api.policies.endpoints import FilePath
from api.policies.pages import _china_time
from reports.pages import china_and_utc, render
from reports.simulation import history_page
from store.api_keys import Role
from store.policy_drafts import PolicyDraft
from workflows.common.errors import InvalidInput, NotAllowed, NotFound, WorkflowError
from workflows.policies.candidate_check import CheckLimits
from workflows.policies.draft_check import checked_draft
from workflows.policies.draft_tables import Cell, Grid, grids, taxonomy
from workflows.policies.drafts import (
    IMPACT_DAYS,
    IN_FORCE,
    MAX_IMPACT_DAYS,
    edit_table,
    find_draft,
    impact,
    propose_draft,
    recent_drafts,
    save_file,
    start_draft,
    what_if,
)
from workflows.policies.soundness import PolicyRejected
from workflows.policies.timeline import recent_versions

router = APIRouter(prefix="/policy", include_in_schema=False)
ASSETS = Path(__file__).resolve().parent / "assets"
SCRIPTS = frozenset({"draft-editor.js", "draft-grid.js", "china-time.js"})
MAX_FORM_TEXT = 500_000
DRAFTS_PAGE = 50  # drafts per page, newest first
STARTING_POINTS = 200  # the newest versions a draft may start from on the page (any other through the API)


def _limits(request: Request) -> CheckLimits:
    return CheckLimits.of(request.app.state.settings)


def _admin(user: Principal) -> None:
    if user.role != Role.POLICY_ADMIN:
        raise NotAllowed("Only a policy admin may change drafts.")


def _text(form: Mapping[str, Any], name: str, limit: int = 2000) -> str:
    value = str(form.get(name, ""))
    if len(value) > limit:
        raise InvalidInput(f"{name} is longer than {limit} characters")
    return value


# --- the list ------------------------------------------------------------------------------------------------

async def _drafts_page(user: Principal, error: str = "", kept: dict[str, str] | None = None,
                       status: int = 200, before: int | None = None) -> HTMLResponse:
    """The drafts newest first, a page at a time (`before`: the oldest draft of the page before)."""
    page = await recent_drafts(DRAFTS_PAGE, before)
    for d in page["items"]:
        d["updated"] = china_and_utc(d["updated_at"])
    html = render("policy_drafts.html.j2", drafts=page["items"], older=page["older"], before=before,
                  form_id=new_form_id(), versions=(await recent_versions(STARTING_POINTS, None))["versions"],
                  error=error, kept=kept or {}, signed_in=user.name, can_edit=user.role == Role.POLICY_ADMIN)
    return HTMLResponse(html, status_code=status)


@router.get("/drafts", response_class=HTMLResponse)
async def drafts_page(user: PagePolicyUser, before: RowCursor | None = None) -> HTMLResponse:
    return await _drafts_page(user, before=before)


@router.post("/drafts")
async def start_form(request: Request, user: PagePolicyUser) -> Response:
    """Start the draft the form names (`form_id`): the form sent twice (a double click) starts one draft."""
    form = await request.form()
    kept = {"name": str(form.get("name", "")), "from": str(form.get("from", IN_FORCE))}
    form_id = str(form.get("form_id", ""))
    try:
        _admin(user)
        name = _text(form, "name", 200).strip()
        if not name:
            raise InvalidInput("Name the draft.")
        if not FORM_ID.fullmatch(form_id):
            raise InvalidInput("The form is not one this page sent: open the drafts page again.")
        draft, _ = await start_draft(f"draft_{form_id}", name=name, source=kept["from"] or IN_FORCE,
                                     files=None, author=user.name, author_judge=user.judge, now=utc(None),
                                     limits=_limits(request))
    except WorkflowError as exc:
        return await _drafts_page(user, exc.message, kept, exc.status)
    return RedirectResponse(f"/policy/drafts/{draft.draft_id}", status_code=303)


# --- one draft -------------------------------------------------------------------------------------------------

def _problem_text(p: Mapping[str, Any]) -> str:
    return f"{p['file']}:{p['line']}: {p['code']}: {p['message']}"


def _placed(grid: Grid, problems: list[dict[str, Any]], lint: list[dict[str, Any]], examples: list[dict[str, Any]],
            uncovered: list[dict[str, Any]], placed: set[int]) -> dict[str, Any]:
    """The grid with every problem of its lines beside the cell, row, example or policy at fault."""
    def mine(items: list[dict[str, Any]], start: int, end: int) -> list[dict[str, Any]]:
        return [p for p in items if p["file"] == grid.file and start <= p["line"] <= end]

    def beside(cells: list[Cell], found: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[str]]:
        out: list[dict[str, Any]] = [{"cell": c, "problems": []} for c in cells]
        rest = []
        for p in found:
            on_line = [o for o in out if o["cell"].line == p["line"]]
            if on_line:
                best = max((o for o in on_line if o["cell"].col <= p["col"]), key=lambda o: o["cell"].col,
                           default=on_line[0])
                best["problems"].append(f"{p['code']}: {p['message']}")
            else:
                rest.append(f"line {p['line']}: {p['code']}: {p['message']}")
            placed.add(id(p))
        return out, rest

    rows: list[dict[str, Any]] = []
    for row in grid.rows:
        found = mine(problems, row.line, row.end)
        cells, rest = beside(row.conditions + row.outputs, found)
        rows.append({"row": row, "cells": cells[:len(row.conditions)], "outputs": cells[len(row.conditions):],
                     "problems": rest, "lint": mine(lint, row.line, row.end),
                     "uncovered": mine(uncovered, row.line, row.end)})
    default_lines = [c.line for c in grid.default if c.text]
    default_cells, default_rest = beside(grid.default, mine(problems, min(default_lines, default=0),
                                                            max(default_lines, default=-1)))
    results = {(e["policy"], e["name"]): e for e in examples}
    shown_examples: list[dict[str, Any]] = []
    for ex in grid.examples:
        cells, rest = beside(ex.expected, mine(problems, ex.line, ex.end))
        result = results.get((grid.policy, ex.name))
        got = {o["name"]: o["got"] for o in result["outputs"]} if result else {}
        shown_examples.append({"ex": ex, "result": result, "cells": cells, "problems": rest, "got": got})
    policy_problems = [p for p in mine(problems, grid.line, grid.end) if id(p) not in placed]
    placed.update(id(p) for p in policy_problems)
    faulty = bool(policy_problems or mine(lint, grid.line, grid.end) or mine(uncovered, grid.line, grid.end)
                  or any(r["problems"] or any(c["problems"] for c in r["cells"] + r["outputs"]) for r in rows)
                  or any(e["result"] and not e["result"]["passed"] for e in shown_examples))
    return {"grid": grid, "rows": rows, "default": default_cells, "default_problems": default_rest, "faulty": faulty,
            "examples": shown_examples, "problems": [_problem_text(p) for p in policy_problems],
            "lint": mine(lint, grid.line, grid.end), "uncovered": mine(uncovered, grid.line, grid.end),
            "inputs": [(n, t) for n, t in grid.inputs.items()]}


async def _draft_page(draft: PolicyDraft, user: Principal, *, error: str = "", problems: list[str] | None = None,
                      kept_form: str = "", kept: Mapping[str, str] | None = None,
                      what_if_answer: dict[str, Any] | None = None, status: int = 200) -> HTMLResponse:
    check = draft.checked or {}
    diagnostics = list(check.get("diagnostics", []))
    placed: set[int] = set()
    policies = []
    for path in sorted(p for p in draft.files if p != "policies.yaml"):
        for grid in grids(path, draft.files[path]):
            policies.append(_placed(grid, diagnostics, check.get("lint", []), check.get("examples", []),
                                    check.get("uncovered", []), placed))
    elsewhere = [_problem_text(d) for d in diagnostics if id(d) not in placed]
    counts = {path: sum(1 for d in diagnostics if d["file"] == path) for path in draft.files}
    groups = taxonomy(draft.files.get("policies.yaml", ""))
    html = render("policy_draft.html.j2", draft=draft, check=check, policies=policies, elsewhere=elsewhere,
                  groups=groups,
                  files=sorted(draft.files), counts=counts, error=error, problems=problems or [],
                  kept_form=kept_form, kept=kept or {}, what_if=what_if_answer, signed_in=user.name,
                  updated=china_and_utc(draft.updated_at), created=china_and_utc(draft.created_at),
                  can_edit=user.role == Role.POLICY_ADMIN and user.judge == draft.author_judge
                  and not draft.proposal_id)
    return HTMLResponse(html, status_code=status)


@router.get("/drafts/{draft_id}", response_class=HTMLResponse)
async def draft_page(draft_id: Id, user: PagePolicyUser) -> HTMLResponse:
    return await _draft_page(await find_draft(draft_id), user)


def _row_edits(grid: Grid, form: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The cells of a row (or the default) whose typed text differs from the file's."""
    target = str(form.get("target", ""))
    if target == "default":
        cells, base = grid.default, {"op": "set_default", "policy": grid.policy}
    else:
        row = next((r for r in grid.rows if r.id == str(form.get("row", ""))), None)
        if row is None:
            raise InvalidInput(f"the table has no row {form.get('row')!r} (any more)", code="edit_target_missing")
        cells, base = row.conditions + row.outputs, {"op": "set_cell", "policy": grid.policy, "row": row.id}
    edits = []
    for cell in cells:
        if cell.rate is not None and f"rate:{cell.name}" in form:
            typed = _text(form, f"rate:{cell.name}")
            if typed.strip() != cell.rate:
                edits.append({**base, "column": cell.name, "part": "rate", "value": typed})
        elif f"cell:{cell.name}" in form:
            typed = _text(form, f"cell:{cell.name}")
            if typed.strip() != cell.text:
                edits.append({**base, "column": cell.name, "value": typed})
    return edits


def _form_edits(grid: Grid, form: Mapping[str, Any]) -> list[dict[str, Any]]:
    target, action = str(form.get("target", "")), str(form.get("action", "save"))
    policy = grid.policy
    if target == "hit_policy":
        return [{"op": "set_hit_policy", "policy": policy, "value": _text(form, "hit_policy")}]
    if target == "add_row":
        row_id = _text(form, "new_row", 200).strip()
        if not row_id:
            raise InvalidInput("Give the new row an id.", code="edit_value_invalid")
        return [{"op": "add_row", "policy": policy, "row": row_id, "after": str(form.get("after", "")) or None,
                 "value": _text(form, "description")}]
    if target == "example":
        name = str(form.get("example", ""))
        ex = next((e for e in grid.examples if e.name == name), None)
        if ex is None:
            raise InvalidInput(f"the policy has no example {name!r} (any more)", code="edit_target_missing")
        return [{"op": "set_expected", "policy": policy, "example": name, "column": c.name,
                 "value": _text(form, f"expect:{c.name}")} for c in ex.expected
                if f"expect:{c.name}" in form and _text(form, f"expect:{c.name}").strip() != c.text]
    if target == "row" and action in ("up", "down", "remove"):
        ids = [r.id for r in grid.rows]
        row_id = str(form.get("row", ""))
        if row_id not in ids:
            raise InvalidInput(f"the table has no row {row_id!r} (any more)", code="edit_target_missing")
        if action == "remove":
            return [{"op": "remove_row", "policy": policy, "row": row_id}]
        to = ids.index(row_id) + (-1 if action == "up" else 1)
        return [{"op": "move_row", "policy": policy, "row": row_id, "to": to}] if 0 <= to < len(ids) else []
    if target in ("row", "default"):
        return _row_edits(grid, form)
    raise InvalidInput(f"no such change {target!r}", code="edit_value_invalid")


@router.post("/drafts/{draft_id}/edits")
async def edit_form(draft_id: Id, request: Request, user: PagePolicyUser) -> Response:
    form = await request.form()
    draft = await find_draft(draft_id)
    path, policy = str(form.get("file", "")), str(form.get("policy", ""))
    kept = {k: str(v) for k, v in form.items() if k != "csrf_token"}
    try:
        _admin(user)
        grid = next((g for g in grids(path, draft.files.get(path, "")) if g.policy == policy), None)
        if grid is None:
            raise InvalidInput(f"the draft has no policy {policy!r} in {path!r}", code="edit_target_missing")
        edits = _form_edits(grid, form)
        if edits:
            await edit_table(draft_id, path, edits, judge=user.judge, now=utc(None), limits=_limits(request))
    except WorkflowError as exc:
        return await _draft_page(await find_draft(draft_id), user, error=exc.message, kept=kept,
                                 kept_form=str(form.get("form_id", "")), status=exc.status)
    return RedirectResponse(f"/policy/drafts/{draft_id}", status_code=303)


def _facts(form: Mapping[str, Any], inputs: dict[str, str]) -> dict[str, Any]:
    """The what-if form's inputs, typed as their declarations say; empty fields are left out."""
    facts: dict[str, Any] = {}
    for name, type_ in inputs.items():
        text = _text(form, f"fact:{name}").strip()
        if not text:
            continue
        if type_ == "integer" and text.lstrip("-").isdigit():
            facts[name] = int(text)
        elif type_ == "boolean" and text.lower() in ("true", "false"):
            facts[name] = text.lower() == "true"
        else:
            facts[name] = text
    return facts


@router.post("/drafts/{draft_id}/what-if", response_class=HTMLResponse)
async def what_if_form(draft_id: Id, request: Request, user: PagePolicyUser) -> HTMLResponse:
    form = await request.form()
    draft = await find_draft(draft_id)
    policy, path = str(form.get("policy", "")), str(form.get("file", ""))
    kept = {k: str(v) for k, v in form.items() if k != "csrf_token"}
    grid = next((g for g in grids(path, draft.files.get(path, "")) if g.policy == policy), None)
    try:
        if grid is None:
            raise InvalidInput(f"the draft has no policy {policy!r} in {path!r}", code="edit_target_missing")
        facts = _facts(form, {n: t for n, t in grid.inputs.items()})
        answer = await what_if(draft, policy, facts, _china_time(str(form.get("as_of", ""))), _limits(request))
    except WorkflowError as exc:
        return await _draft_page(draft, user, error=exc.message, problems=exc.extra.get("problems"),
                                 kept=kept, kept_form=f"what-if-{policy}", status=exc.status,
                                 what_if_answer={"policy": policy, "error": exc.message,
                                                 "errors": exc.extra.get("errors", [])})
    return await _draft_page(draft, user, kept=kept, kept_form=f"what-if-{policy}",
                             what_if_answer={"policy": policy, **answer})


# --- the raw files ---------------------------------------------------------------------------------------------

async def _file_page(draft: PolicyDraft, path: str, user: Principal, *, text: str | None = None, error: str = "",
                     status: int = 200) -> HTMLResponse:
    check = draft.checked or {}
    problems = [p for key in ("diagnostics", "uncovered", "lint") for p in check.get(key, []) if p["file"] == path]
    failing = [e for e in check.get("examples", []) if e["file"] == path and not e["passed"]]
    html = render("policy_draft_file.html.j2", draft=draft, path=path,
                  text=draft.files.get(path, "") if text is None else text, problems=sorted(
                      problems, key=lambda p: p["line"]), failing=failing, error=error, signed_in=user.name,
                  can_edit=user.role == Role.POLICY_ADMIN and user.judge == draft.author_judge
                  and not draft.proposal_id)
    return HTMLResponse(html, status_code=status)


@router.get("/drafts/{draft_id}/files/{path:path}", response_class=HTMLResponse)
async def file_page(draft_id: Id, path: FilePath, user: PagePolicyUser) -> HTMLResponse:
    return await _file_page(await find_draft(draft_id), path, user)


@router.post("/drafts/{draft_id}/files/{path:path}", response_class=HTMLResponse)
async def file_form(draft_id: Id, path: FilePath, request: Request, user: PagePolicyUser) -> HTMLResponse:
    """Store the text (even when invalid: the page shows why) and show the file again with its check."""
    form = await request.form()
    text = str(form.get("text", "")).replace("\r\n", "\n")
    try:
        _admin(user)
        if len(text) > MAX_FORM_TEXT:
            raise InvalidInput(f"a file holds at most {MAX_FORM_TEXT} characters")
        draft = await save_file(draft_id, path, text, judge=user.judge, now=utc(None), limits=_limits(request))
    except WorkflowError as exc:
        return await _file_page(await find_draft(draft_id), path, user, text=text, error=exc.message,
                                status=exc.status)
    return await _file_page(draft, path, user)


@router.post("/drafts/{draft_id}/check")
async def live_check(draft_id: Id, request: Request, user: PagePolicyUser) -> JSONResponse:
    """The check of one file's text as typed in the raw editor, not stored (draft-editor.js calls it): the
    problems of that file by line."""
    form = await request.form()
    draft = await find_draft(draft_id)
    path, text = str(form.get("path", "")), str(form.get("text", "")).replace("\r\n", "\n")
    if path not in draft.files or len(text) > MAX_FORM_TEXT:
        raise InvalidInput(f"the draft has no file {path!r}, or the text is too long", code="file_not_in_draft")
    check = await checked_draft({**draft.files, path: text}, _limits(request))
    problems = sorted((p for key in ("diagnostics", "uncovered", "lint") for p in check[key] if p["file"] == path),
                      key=lambda p: p["line"])
    problems += [{"file": path, "line": e["line"], "col": 1, "code": "example_failed",
                  "message": f"{e['policy']}: {e['name']}: {'; '.join(e['problems'])}"}
                 for e in check["examples"] if e["file"] == path and not e["passed"]]
    return JSONResponse({"valid": check["valid"], "passed": check["passed"], "problems": problems})


@router.get("/assets/{name}", include_in_schema=False)
async def page_script(name: str) -> FileResponse:
    """The pages' static scripts (the pages allow scripts of this site only, none inline)."""
    if name not in SCRIPTS:
        raise NotFound(f"no script {name!r}", code="not_found")
    return FileResponse(ASSETS / name, media_type="text/javascript")


# --- impact and proposal ---------------------------------------------------------------------------------------

@router.get("/drafts/{draft_id}/impact", response_class=HTMLResponse)
async def impact_page(draft_id: Id, request: Request, user: PagePolicyUser, registry: Registry,
                      since: UtcDatetime | None = None, until: UtcDatetime | None = None) -> HTMLResponse:
    """The diff against the version in force and the stored history replayed (default: the last 30 days), with
    charts; the author proposes the draft from here."""
    draft = await find_draft(draft_id)
    now = utc(None)
    until = until or now
    try:
        report = await impact(draft, registry, since=since or until - dt.timedelta(days=IMPACT_DAYS), until=until,
                              now=now, limits=_limits(request))
    except PolicyRejected as exc:
        return await _draft_page(draft, user, error=f"The impact needs a draft that passes its checks: {exc.message}",
                                 problems=exc.extra.get("problems"), status=exc.status)
    return HTMLResponse(_impact_html(draft, user, report))


def _impact_html(draft: PolicyDraft, user: Principal, report: dict[str, Any], error: str = "",
                 kept: Mapping[str, str] | None = None) -> str:
    return history_page(report["simulation"], signed_in=user.name, template="policy_draft_impact.html.j2",
                        draft=draft, changes=report["changes"], in_force=report["in_force"], error=error,
                        kept=kept or {}, can_propose=user.role == Role.POLICY_ADMIN
                        and user.judge == draft.author_judge and not draft.proposal_id)


@router.post("/drafts/{draft_id}/proposal")
async def propose_form(draft_id: Id, request: Request, user: PagePolicyUser, registry: Registry) -> Response:
    form = await request.form()
    kept = {k: str(form.get(k, "")) for k in ("message", "effective_from", "impact_days")}
    try:
        _admin(user)
        message = _text(form, "message").strip()
        if not message:
            raise InvalidInput("Say what the change is for, in the message.")
        days = kept["impact_days"].strip() or str(IMPACT_DAYS)
        if not (days.isascii() and days.isdigit() and 1 <= int(days) <= MAX_IMPACT_DAYS):
            raise InvalidInput(f"The impact reads 1 to {MAX_IMPACT_DAYS} days of stored history, not {days!r}.")
        draft, proposal, _ = await propose_draft(
            draft_id, message=message, effective_from=_china_time(kept["effective_from"]), author=user.name,
            judge=user.judge, registry=registry, now=utc(None), limits=_limits(request), impact_days=int(days))
    except WorkflowError as exc:
        return await _draft_page(await find_draft(draft_id), user, error=exc.message,
                                 problems=exc.extra.get("problems"), kept=kept, kept_form="propose",
                                 status=exc.status)
    return RedirectResponse(f"/policy/proposals/{proposal.proposal_id}", status_code=303)


def install_draft_pages(app: FastAPI) -> None:
    serve_routes(app, router)
