"""A draft kept in git: exported as a policy tree (.tar.gz), unpacked, run through `xiaopu fmt`, packed and imported
again as a draft, it is the same files byte for byte; a hostile tree is refused before anything is stored."""

from __future__ import annotations

import io
import tarfile
from pathlib import Path

import httpx
import pytest

from cli.main import main
from store.policy_drafts import PolicyDraft
from tests.commerce.helpers import bearer, ok
from tests.conftest import MakeKey
from tests.policy_versions.test_drafts import FRESH_FRUIT_AT_16, edit, start

GZIP = {"Content-Type": "application/gzip"}


def unpacked(data: bytes, folder: Path) -> dict[str, bytes]:
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        tar.extractall(folder, filter="data")
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def packed(folder: Path) -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w:gz") as tar:  # as a person would pack it: their own times and owner
        tar.add(folder, arcname=".")
    return out.getvalue()


async def test_an_exported_draft_imported_again_is_byte_identical_after_fmt(
        client: httpx.AsyncClient, make_key: MakeKey, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    analyst = bearer(await make_key("policy_admin", person="Li Na <li.na@example.com>"))
    await ok(await start(client, analyst), 201)
    await ok(await edit(client, analyst, FRESH_FRUIT_AT_16))  # a grid edit: the export carries it
    exported = await client.get("/v1/policy-drafts/D-1/tree", headers=analyst)
    assert exported.status_code == 200 and exported.headers["content-type"] == "application/gzip"
    files = unpacked(exported.content, tmp_path / "tree")
    assert b'rate_bp: "16%"' in files["rules/commission.yaml"]

    assert main(["fmt", str(tmp_path / "tree")]) == 0
    assert capsys.readouterr().out == ""  # the export is already in the canonical layout: fmt changes nothing
    assert unpacked(packed(tmp_path / "tree"), tmp_path / "again") == files

    imported = await ok(await client.post("/v1/policy-drafts/D-2/tree", params={"name": "from git"},
                                          content=packed(tmp_path / "tree"), headers=analyst | GZIP), 201)
    assert imported["files"] == {path: text.decode() for path, text in files.items()}
    assert imported["check"]["examples"] and imported["name"] == "from git"
    again = await client.get("/v1/policy-drafts/D-2/tree", headers=analyst)
    assert again.content == exported.content  # byte for byte


async def test_a_tree_reaching_outside_itself_is_refused_and_nothing_is_stored(
        client: httpx.AsyncClient, make_key: MakeKey) -> None:
    analyst = bearer(await make_key("policy_admin"))
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w:gz") as tar:
        text = b"policy_set: x\n"
        member = tarfile.TarInfo("../policies.yaml")
        member.size = len(text)
        tar.addfile(member, io.BytesIO(text))
    refused = await client.post("/v1/policy-drafts/D-9/tree", params={"name": "evil"}, content=out.getvalue(),
                                headers=analyst | GZIP)
    assert refused.status_code == 422 and refused.json()["code"] == "path_outside_tree", refused.text
    assert not await PolicyDraft.exists(draft_id="D-9")
    reviewer = bearer(await make_key("reviewer"))
    assert (await client.post("/v1/policy-drafts/D-9/tree", params={"name": "x"}, content=b"",
                              headers=reviewer | GZIP)).status_code == 403


@pytest.mark.parametrize("path", [
    pytest.param("rules/%2e%2e/%2e%2e/evil.yaml", id="dot-dot"),
    pytest.param("/abs.yaml", id="absolute"),
    pytest.param("rules//x.yaml", id="empty-part"),
])
async def test_a_draft_file_outside_the_tree_is_refused_as_the_tree_refuses_it(
        client: httpx.AsyncClient, make_key: MakeKey, path: str) -> None:
    """A file saved (or imported as JSON) under a path the tree refuses had been stored: the draft's export then
    answered 422 `path_outside_tree` for ever, as no file leaves a draft."""
    analyst = bearer(await make_key("policy_admin"))
    await ok(await start(client, analyst), 201)
    before = (await PolicyDraft.get(draft_id="D-1")).files
    refused = await client.put(f"/v1/policy-drafts/D-1/files/{path}", headers=analyst, json={"text": "a: 1\n"})
    assert (refused.status_code, refused.json()["code"]) == (422, "path_outside_tree"), refused.text
    assert (await PolicyDraft.get(draft_id="D-1")).files == before
    assert (await client.get("/v1/policy-drafts/D-1/tree", headers=analyst)).status_code == 200
    named = path.replace("%2e", ".")
    imported = await client.post("/v1/policy-drafts", headers=analyst, json={
        "draft_id": "D-2", "name": "imported", "files": {**before, named: "a: 1\n"}})
    assert (imported.status_code, imported.json()["code"]) == (422, "path_outside_tree"), imported.text
    assert not await PolicyDraft.exists(draft_id="D-2")
