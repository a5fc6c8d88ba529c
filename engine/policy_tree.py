"""A policy tree as one file a person can keep in git or open with `tar`: the workbench's draft export and import.

`export_tree(files)` is a `.tar.gz` of the manifest and the rule files under their relative paths, each in the
canonical layout (engine.layout), with fixed times, owners and modes: the same files always give the same bytes.
`import_tree(data)` reads such a file back, and refuses what could not be a policy tree.
"""

from __future__ import annotations

import gzip
import io
import tarfile
import zlib
from collections.abc import Mapping
from pathlib import PurePosixPath

from engine.errors import PolicyError
from engine.layout import canonical

MAX_FILES = 64
MAX_FILE_BYTES = 1_000_000
# An archive of MAX_FILES files of MAX_FILE_BYTES, with their headers: more, unpacked, is refused unread.
MAX_TREE_BYTES = MAX_FILES * (MAX_FILE_BYTES + 4 * tarfile.BLOCKSIZE) + 2 * tarfile.RECORDSIZE


class TreeRefused(PolicyError, ValueError):
    """An archive that is not a policy tree: `code` says why (not_a_tree, path_outside_tree, duplicate_path,
    not_a_file, not_utf8, file_too_large, too_many_files)."""

    status = 422
    code = "not_a_tree"


def export_tree(files: Mapping[str, str]) -> bytes:
    """The files (relative path -> text, as `engine.policy_bundle` gives them) as a deterministic `.tar.gz`,
    each in the canonical layout, sorted by path. Raises TreeRefused for a path or a tree import would refuse,
    engine.layout.LayoutError for a text that is not YAML."""
    if len(files) > MAX_FILES:
        raise TreeRefused(f"a policy tree has at most {MAX_FILES} files, not {len(files)}", code="too_many_files")
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for path in sorted(files):
            data = canonical(files[path], checked_path(path)).encode("utf-8")
            if len(data) > MAX_FILE_BYTES:
                raise TreeRefused(f"{path} has {len(data)} bytes; a policy file has at most {MAX_FILE_BYTES}",
                                  code="file_too_large")
            info = tarfile.TarInfo(path)
            info.size, info.mtime, info.mode, info.uid, info.gid, info.uname, info.gname = \
                len(data), 0, 0o644, 0, 0, "", ""
            tar.addfile(info, io.BytesIO(data))
    return gzip.compress(out.getvalue(), compresslevel=9, mtime=0)


def import_tree(data: bytes) -> dict[str, str]:
    """The files of an archive `export_tree` wrote (or `tar czf` of a policy folder), by relative path.

    Refused with TreeRefused: an archive that is not a `.tar.gz`, a path outside the tree (absolute, `..`), a
    path twice, anything but a regular file (links, devices), text that is not UTF-8, a file over
    MAX_FILE_BYTES, more than MAX_FILES files."""
    tar_bytes = _gunzip(data)
    files: dict[str, str] = {}
    try:
        with tarfile.open(fileobj=io.BytesIO(tar_bytes), mode="r:") as tar:
            for member in tar:
                name = member.name.removeprefix("./")  # `tar czf draft.tar.gz -C folder .`
                if member.isdir():
                    if name not in (".", ""):
                        checked_path(name.rstrip("/"))
                    continue
                path = checked_path(name)
                if not member.isfile():
                    raise TreeRefused(f"{path} is not a regular file (a link or a device)", code="not_a_file")
                if path in files:
                    raise TreeRefused(f"{path} is in the archive twice", code="duplicate_path")
                if len(files) == MAX_FILES:
                    raise TreeRefused(f"a policy tree has at most {MAX_FILES} files", code="too_many_files")
                if member.size > MAX_FILE_BYTES:
                    raise TreeRefused(f"{path} has {member.size} bytes; a policy file has at most {MAX_FILE_BYTES}",
                                      code="file_too_large")
                stream = tar.extractfile(member)
                content = stream.read() if stream is not None else b""
                try:
                    files[path] = content.decode("utf-8")
                except UnicodeDecodeError as exc:
                    raise TreeRefused(f"{path} is not UTF-8 (byte {exc.start + 1}); save it as UTF-8",
                                      code="not_utf8") from None
    except tarfile.TarError as exc:
        raise TreeRefused(f"the archive is not a tar file: {exc}") from None
    return files


def _gunzip(data: bytes) -> bytes:
    """The tar inside the gzip, never more than MAX_TREE_BYTES of it (a small archive may unpack to gigabytes)."""
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)  # gzip header and trailer
    try:
        tar_bytes = inflater.decompress(data, MAX_TREE_BYTES + 1)
    except zlib.error as exc:
        raise TreeRefused(f"the archive is not a .tar.gz: {exc}") from None
    if len(tar_bytes) > MAX_TREE_BYTES:
        raise TreeRefused(f"the archive unpacks to more than {MAX_FILES} files of at most {MAX_FILE_BYTES} bytes",
                          code="file_too_large")
    if not inflater.eof:
        raise TreeRefused("the archive is not a complete .tar.gz")
    return tar_bytes


def checked_path(name: str) -> str:
    """A path inside the tree, relative, with no `..`, `.` or empty part and no backslash; else TreeRefused."""
    path = PurePosixPath(name)
    if not name or path.is_absolute() or "\\" in name or any(part in ("", ".", "..") for part in name.split("/")):
        raise TreeRefused(f"{name!r} is not a path inside the policy tree (relative, without '..')",
                          code="path_outside_tree")
    return name
