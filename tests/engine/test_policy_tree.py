"""A policy tree exported to a .tar.gz and imported again: the workbench's drafts, kept in git or opened with tar."""

from __future__ import annotations

import gzip
import io
import tarfile
from pathlib import Path

import pytest

from cli.main import main
from engine import load_policy_bundle, load_policy_set, policy_bundle
from engine.layout import dump, load
from engine.policy_tree import MAX_FILE_BYTES, MAX_FILES, TreeRefused, export_tree, import_tree

ROOT = Path(__file__).resolve().parents[2]
LONG_DESCRIPTION = ("Fresh fruit earns 16% (a 5 kg box of apples at RMB 28.90 pays RMB 4.62): the rate the program "
                    "pays on fruit from the next season.")


def shipped() -> dict[str, str]:
    return policy_bundle(load_policy_set(ROOT))


def a_draft() -> dict[str, str]:
    """The shipped set as the workbench edits it: fresh fruit at 16% (engine.layout.load, change, dump)."""
    files = shipped()
    document = load(files["rules/commission.yaml"])
    row = document["policies"][0]["table"]["rows"][0]
    assert row["id"] == "fresh_fruit_rate"
    row["then"]["rate_bp"] = row["then"]["commission"]["rate"] = "16%"
    row["description"] = LONG_DESCRIPTION
    files["rules/commission.yaml"] = dump(document)
    return files


def tar_gz(*members: tuple[tarfile.TarInfo, bytes]) -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w:gz") as tar:
        for info, data in members:
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return out.getvalue()


def regular(name: str, data: bytes = b"domain: x\n") -> tuple[tarfile.TarInfo, bytes]:
    return tarfile.TarInfo(name), data


def write(folder: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_bytes(text.encode("utf-8"))


@pytest.mark.parametrize("files", [shipped, a_draft], ids=["shipped", "draft"])
def test_an_exported_tree_imported_again_is_byte_identical_after_fmt(files: object, tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert callable(files)
    exported = export_tree(files())
    imported = import_tree(exported)
    write(tmp_path, imported)
    assert main(["fmt", str(tmp_path)]) == 0
    assert capsys.readouterr().out == ""  # nothing to change: the export is in the canonical layout
    on_disk = {rel: (tmp_path / rel).read_bytes() for rel in imported}
    assert on_disk == {rel: text.encode("utf-8") for rel, text in imported.items()}
    assert export_tree(imported) == exported
    # the same policies as the files exported
    assert load_policy_bundle(imported).policies.keys() == load_policy_bundle(files()).policies.keys()


def test_the_draft_is_exported_in_the_canonical_layout_with_its_change() -> None:
    draft = a_draft()
    imported = import_tree(export_tree(draft))
    # dump() broke the long description over two lines; the export has it on one
    assert f'description: "{LONG_DESCRIPTION}"\n' not in draft["rules/commission.yaml"]
    assert f'          description: "{LONG_DESCRIPTION}"\n' in imported["rules/commission.yaml"]
    assert 'then: {rate_bp: "16%", commission: {rate: "16%", of: line_amount}, basis: program_rate}' \
        in imported["rules/commission.yaml"]
    assert load_policy_bundle(imported).content_hash != load_policy_bundle(shipped()).content_hash


def test_the_export_is_deterministic_and_tar_reads_it() -> None:
    files = shipped()
    exported = export_tree(files)
    assert export_tree(dict(reversed(list(files.items())))) == exported
    with tarfile.open(fileobj=io.BytesIO(exported), mode="r:gz") as tar:
        members = tar.getmembers()
    assert [m.name for m in members] == sorted(files)
    assert {(m.mtime, m.uid, m.gid, m.uname, m.gname, m.mode) for m in members} == {(0, 0, 0, "", "", 0o644)}
    assert gzip.decompress(exported)  # a plain gzip stream, header time 0
    assert exported[4:8] == b"\0\0\0\0"


def test_a_folder_packed_with_tar_is_imported(tmp_path: Path) -> None:
    files = shipped()
    write(tmp_path, files)
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w:gz") as tar:
        tar.add(tmp_path, arcname=".")
    assert import_tree(out.getvalue()) == files


@pytest.mark.parametrize(("archive", "code"), [
    (lambda: tar_gz(regular("../policies.yaml")), "path_outside_tree"),
    (lambda: tar_gz(regular("rules/../../etc/passwd")), "path_outside_tree"),
    (lambda: tar_gz(regular("/etc/policies.yaml")), "path_outside_tree"),
    (lambda: tar_gz(regular("rules\\commission.yaml")), "path_outside_tree"),
    (lambda: tar_gz(regular("policies.yaml"), regular("policies.yaml")), "duplicate_path"),
    (lambda: tar_gz(regular("rules/bad.yaml", b"description: caf\xe9\n")), "not_utf8"),
    (lambda: tar_gz(regular("rules/big.yaml", b"#" * (MAX_FILE_BYTES + 1))), "file_too_large"),
    (lambda: tar_gz(*(regular(f"rules/r{i}.yaml") for i in range(MAX_FILES + 1))), "too_many_files"),
    (lambda: b"policies.yaml: not an archive", "not_a_tree"),
    (lambda: gzip.compress(b"not a tar file" * 100), "not_a_tree"),
    (lambda: gzip.compress(b"\0" * (MAX_FILES * (MAX_FILE_BYTES + 4096) + 1)), "file_too_large"),
], ids=["parent", "parent_inside", "absolute", "backslash", "twice", "not_utf8", "too_large", "too_many",
        "not_gzip", "not_tar", "gzip_bomb"])
def test_import_refuses_what_is_not_a_policy_tree(archive: object, code: str) -> None:
    assert callable(archive)
    with pytest.raises(TreeRefused) as err:
        import_tree(archive())
    assert err.value.code == code and isinstance(err.value, ValueError)


def test_import_refuses_links() -> None:
    link = tarfile.TarInfo("rules/commission.yaml")
    link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
    with pytest.raises(TreeRefused) as err:
        import_tree(tar_gz((link, b"")))
    assert err.value.code == "not_a_file"


def test_export_refuses_a_path_outside_the_tree() -> None:
    with pytest.raises(TreeRefused) as err:
        export_tree({"../policies.yaml": "policy_set: x\n"})
    assert err.value.code == "path_outside_tree"
