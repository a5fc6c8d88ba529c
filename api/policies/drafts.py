"""The policy workbench's JSON API: drafts of a policy set, their files edited as text or as decision-table
grids, each change checked at once (diagnostics, examples, lint), what-if inputs, the impact against the version
in force, and the four-eyes proposal with the draft's diff and impact attached.

Policy admins start and edit drafts (only the author edits a draft: 403 `not_draft_author`); reviewers and
policy admins read them, try inputs and read their impact."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import Query, Request, Response
from pydantic import Field, StringConstraints

from api.common.auth import Principal, require_role
from api.common.policy import Registry
from api.common.routing import api_router
from api.common.schemas import Id, RowCursor, Strict, UtcDatetime, utc
from api.policies.draft_responses import DraftOut, DraftProposedOut, DraftsOut, ImpactOut, WhatIfOut
from api.policies.endpoints import MAX_FILE_CHARS, MAX_FILES, FilePath, VersionRef
from engine.policy_tree import export_tree, import_tree
from workflows.common.errors import InvalidInput
from workflows.policies.candidate_check import CheckLimits
from workflows.policies.drafts import (
    IMPACT_DAYS,
    MAX_IMPACT_DAYS,
    draft_view,
    drafts_view,
    edit_table,
    find_draft,
    impact,
    propose_draft,
    save_file,
    start_draft,
    what_if,
)
from workflows.policies.proposals import proposal_view

router = api_router(prefix="/v1", tags=["policy drafts"])
Admin = Annotated[Principal, require_role("policy_admin")]
Reader = Annotated[Principal, require_role("reviewer", "policy_admin")]
Name = Annotated[str, StringConstraints(min_length=1, max_length=200, strip_whitespace=True)]
Word = Annotated[str, StringConstraints(min_length=1, max_length=200)]
CellText = Annotated[str, StringConstraints(max_length=2000)]
FileText = Annotated[str, StringConstraints(max_length=MAX_FILE_CHARS)]


def limits(request: Request) -> CheckLimits:
    return CheckLimits.of(request.app.state.settings)


class StartDraftRequest(Strict):
    draft_id: Id = Field(description="your id for the draft; the same request again changes nothing")
    name: Name
    from_: Literal["in_force"] | VersionRef | None = Field(
        default=None, alias="from", description='the version to start from: "in_force" (default), a label or a hash')
    files: dict[FilePath, FileText] | None = Field(
        default=None, max_length=MAX_FILES, description="an exported tree to import instead (policies.yaml and its "
        "rule files, by relative path)")


class FileRequest(Strict):
    text: FileText = Field(description="the whole text of the file; stored even when invalid")


class GridEdit(Strict):
    op: Literal["set_cell", "add_row", "remove_row", "move_row", "set_hit_policy", "set_default", "set_expected"]
    policy: Word
    row: Word | None = Field(default=None, description="the row's id (set_cell, add_row: the new id, remove_row, "
                             "move_row)")
    column: Word | None = Field(default=None, description="a table column, an output, or `description`")
    part: Literal["rate"] | None = Field(default=None, description="only the rate of an output `{rate, of}`")
    value: CellText = Field(default="", description="the cell in YAML flow words (empty leaves a column open); "
                            "add_row: the new row's description; set_hit_policy: the hit policy")
    after: Word | None = Field(default=None, description="add_row: the row the new one follows (default: last)")
    to: Annotated[int, Field(ge=0, le=10_000)] | None = Field(default=None, description="move_row: the new place")
    example: Word | None = Field(default=None, description="set_expected: the example's name")


class EditsRequest(Strict):
    file: FilePath
    edits: list[GridEdit] = Field(min_length=1, max_length=100, description="made in order, all or none")


class WhatIfRequest(Strict):
    policy: Word
    facts: dict[Annotated[str, StringConstraints(max_length=100)], Any] = Field(max_length=100)
    as_of: UtcDatetime | None = None


class ProposeRequest(Strict):
    message: Annotated[str, StringConstraints(min_length=1, max_length=2000)]
    effective_from: UtcDatetime | None = Field(default=None, description="when it should take over (the approver "
                                               "may choose another time)")
    impact_days: int = Field(default=IMPACT_DAYS, ge=1, le=MAX_IMPACT_DAYS,
                             description="the days of stored history, up to now, whose impact the proposal carries")


def _required(edit: GridEdit) -> dict[str, Any]:
    needs = {"set_cell": ("row", "column"), "add_row": ("row",), "remove_row": ("row",), "move_row": ("row", "to"),
             "set_hit_policy": (), "set_default": ("column",), "set_expected": ("example", "column")}[edit.op]
    missing = [n for n in needs if getattr(edit, n) is None]
    if missing:
        raise InvalidInput(f"{edit.op} needs {', '.join(missing)}", code="edit_value_invalid",
                           errors=[{"field": n, "message": "required for " + edit.op} for n in missing])
    return edit.model_dump(exclude_none=True)


@router.post("/policy-drafts", response_model=DraftOut, status_code=201)
async def start_policy_draft(body: StartDraftRequest, principal: Admin, request: Request,
                             response: Response) -> dict[str, Any]:
    """Start a draft from a stored version (the one in force by default) or import a tree of files; checked at
    once. The same request again answers the same draft (200); another body under the id is 409."""
    draft, created = await start_draft(body.draft_id, name=body.name, source=body.from_, files=body.files,
                                       author=principal.name, author_judge=principal.judge, now=utc(None),
                                       limits=limits(request))
    response.status_code = 201 if created else 200
    return await draft_view(draft)


TREE = "application/gzip"
MAX_TREE_BYTES = 8 * 2**20
TREE_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {"content": {TREE: {"schema": {"type": "string", "format": "binary"}}},
          "description": "the draft's files as a .tar.gz, each in the canonical layout (`xiaopu fmt`)"}}


@router.get("/policy-drafts/{draft_id}/tree", response_class=Response, responses=TREE_RESPONSE)
async def export_policy_draft(draft_id: Id, _: Reader) -> Response:
    """The draft as a policy tree to keep in git: `tar xzf` gives policies.yaml and rules/, laid out as `xiaopu fmt`
    writes them; the same files always give the same bytes."""
    draft = await find_draft(draft_id)
    return Response(export_tree(draft.files), media_type=TREE,
                    headers={"Content-Disposition": f'attachment; filename="{draft_id}.tar.gz"'})


@router.post("/policy-drafts/{draft_id}/tree", response_model=DraftOut, status_code=201,
             openapi_extra={"requestBody": {"required": True, "content": {
                 TREE: {"schema": {"type": "string", "format": "binary"}}}}})
async def import_policy_draft(draft_id: Id, name: Annotated[Name, Query()], principal: Admin, request: Request,
                              response: Response) -> dict[str, Any]:
    """Start the draft `draft_id` from a policy tree (`tar czf tree.tar.gz -C folder .`, or an export); the tree
    is refused with 422 and a code (a path outside the tree, a link, a file over 1 MB, ...) before anything is
    stored. The same tree again answers the same draft (200)."""
    data = await request.body()
    if len(data) > MAX_TREE_BYTES:
        raise InvalidInput(f"a policy tree has at most {MAX_TREE_BYTES} bytes", code="file_too_large")
    files = import_tree(data)
    if any("\x00" in text for text in files.values()):
        raise InvalidInput("a policy file holds a NUL character (U+0000)", code="nul_character")
    draft, created = await start_draft(draft_id, name=name, source=None, files=files,
                                       author=principal.name, author_judge=principal.judge, now=utc(None),
                                       limits=limits(request))
    response.status_code = 201 if created else 200
    return await draft_view(draft)


@router.get("/policy-drafts", response_model=DraftsOut)
async def list_policy_drafts(_: Reader, limit: Annotated[int, Query(ge=1, le=200)] = 50,
                             after: Annotated[RowCursor | None, Query()] = None) -> dict[str, Any]:
    """The drafts, oldest first, with their author, base version and whether they pass their checks."""
    return await drafts_view(limit, after)


@router.get("/policy-drafts/{draft_id}", response_model=DraftOut)
async def get_policy_draft(draft_id: Id, _: Reader) -> dict[str, Any]:
    """The draft: its files (the tree to export), its check, and the proposal made of it."""
    return await draft_view(await find_draft(draft_id))


@router.put("/policy-drafts/{draft_id}/files/{path:path}", response_model=DraftOut)
async def put_policy_draft_file(draft_id: Id, path: FilePath, body: FileRequest, principal: Admin,
                                request: Request) -> dict[str, Any]:
    """Replace (or add) one file's raw text; checked at once and stored even when invalid (the check says why)."""
    draft = await save_file(draft_id, path, body.text, judge=principal.judge, now=utc(None), limits=limits(request))
    return await draft_view(draft)


@router.post("/policy-drafts/{draft_id}/edits", response_model=DraftOut)
async def edit_policy_draft(draft_id: Id, body: EditsRequest, principal: Admin, request: Request) -> dict[str, Any]:
    """Grid edits of a decision table in one file (set a cell, add, remove or move a row, set the hit policy, the
    default, an example's expected output); written through the layout, so only the edited values change."""
    edits = [_required(e) for e in body.edits]
    draft = await edit_table(draft_id, body.file, edits, judge=principal.judge, now=utc(None), limits=limits(request))
    return await draft_view(draft)


@router.post("/policy-drafts/{draft_id}/what-if", response_model=WhatIfOut)
async def policy_draft_what_if(draft_id: Id, body: WhatIfRequest, _: Reader, request: Request) -> dict[str, Any]:
    """Decide one input with the draft: the outputs, the rules that fired with the values they matched, and the
    rules that did not with how near they came. Changes nothing."""
    return await what_if(await find_draft(draft_id), body.policy, body.facts, body.as_of, limits(request))


@router.get("/policy-drafts/{draft_id}/impact", response_model=ImpactOut)
async def policy_draft_impact(draft_id: Id, _: Reader, request: Request, registry: Registry,
                              since: UtcDatetime | None = None, until: UtcDatetime | None = None) -> dict[str, Any]:
    """The draft against the version in force: the changes in business words, and the stored history in
    [since, until) (default: the last 30 days) replayed under both. A draft that fails its checks is 422."""
    now = utc(None)
    until = until or now
    return await impact(await find_draft(draft_id), registry, since=since or until - dt.timedelta(days=IMPACT_DAYS),
                        until=until, now=now, limits=limits(request))


@router.post("/policy-drafts/{draft_id}/proposal", response_model=DraftProposedOut, status_code=202)
async def propose_policy_draft(draft_id: Id, body: ProposeRequest, principal: Admin, request: Request,
                               response: Response, registry: Registry) -> dict[str, Any]:
    """Check the draft in a child process, store it as a version and propose it under four eyes, with its diff
    and impact (the last `impact_days`, 30 by default) attached; another person approves it at
    `POST /v1/policy-proposals/{id}/approval`. Proposing again answers the same proposal (200)."""
    draft, proposal, created = await propose_draft(
        draft_id, message=body.message, effective_from=body.effective_from, author=principal.name,
        judge=principal.judge, registry=registry, now=utc(None), limits=limits(request), impact_days=body.impact_days)
    response.status_code = 202 if created else 200
    return {"draft": await draft_view(draft), "proposal": proposal_view(proposal)}
