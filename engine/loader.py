"""Load a policy set: the manifest `policies.yaml` and the rule files it lists, validated as a whole."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from collections.abc import Callable, Mapping
from pathlib import Path as FsPath
from typing import Any

import yaml

from engine.errors import Diagnostic, FactError, PolicySetInvalid
from engine.facts import coerce_facts
from engine.fields import NAME_RE, bare_rates_are_bp
from engine.guardrails import check_guardrails
from engine.model import PolicySet, Taxonomy
from engine.policy_parser import parse_policy
from engine.structure import Reporter
from engine.yaml_source import load_source

MANIFEST = "policies.yaml"
MANIFEST_KEYS = ("policy_set", "version", "taxonomy", "files")
MANIFEST_OPTIONAL = ("description", "effective_from", "money", "program", "four_eyes")
FILE_KEYS = ("domain", "policies")
FILE_OPTIONAL = ("description",)
GROUP_KEYS = ("title", "categories")
GROUP_OPTIONAL = ("core",)


# Sets already loaded in this process, by folder and the exact texts of every file: loading the same files
# again (each app a test builds, each command) gives the same set without parsing it again. A loaded
# PolicySet is never changed after loading.
_LOADED: dict[str, PolicySet] = {}
_LOADED_LIMIT = 32


def load_policy_set(root: str | FsPath = ".") -> PolicySet:
    """Read `root/policies.yaml` and its rule files; raise PolicySetInvalid listing every problem."""
    key = _fingerprint(FsPath(root))
    if key is not None and key in _LOADED:
        return _LOADED[key]
    pset = _load_from_folder(FsPath(root))
    if key is not None:
        _keep(_LOADED, key, pset)
    return pset


def _keep(kept: dict[Any, PolicySet], key: Any, pset: PolicySet) -> PolicySet:
    """`pset` kept under `key`, the oldest let go past _LOADED_LIMIT."""
    if len(kept) >= _LOADED_LIMIT:
        kept.pop(next(iter(kept)))
    kept[key] = pset
    return pset


def _fingerprint(root: FsPath) -> str | None:
    """The folder and the texts of the manifest and every file it lists, hashed; None when they cannot all
    be read (the full load then reports why)."""
    manifest_path = root / MANIFEST if root.is_dir() else root
    try:
        manifest_text = manifest_path.read_text(encoding="utf-8")
        listed = _listed_files(manifest_text)
        digest = hashlib.sha256(f"{manifest_path.resolve()}\0{manifest_text}".encode())
        for rel in listed:
            digest.update(f"\0{rel}\0".encode() + (manifest_path.parent / str(rel)).read_bytes())
    except (OSError, UnicodeError, yaml.YAMLError, AttributeError, TypeError):
        return None
    return digest.hexdigest()


@functools.lru_cache(maxsize=_LOADED_LIMIT)
def _listed_files(manifest_text: str) -> tuple[str, ...]:
    """The files a manifest lists (parsed once per manifest text: the fingerprint is taken on every load)."""
    return tuple(str(rel) for rel in yaml.safe_load(manifest_text).get("files", []))


def _load_from_folder(root: FsPath) -> PolicySet:
    manifest_path = root / MANIFEST if root.is_dir() else root
    try:
        manifest_text = manifest_path.read_text(encoding="utf-8")
    except OSError as exc:
        raise PolicySetInvalid([Diagnostic(str(manifest_path), 1, 1, "file_not_found", str(exc))]) from exc
    except UnicodeDecodeError as exc:
        raise PolicySetInvalid([not_utf8(manifest_path.name, exc)]) from exc
    folder = manifest_path.parent

    def read(rel: str) -> str:
        return (folder / rel).read_text(encoding="utf-8")

    return _load(manifest_text, read, str(folder), manifest_path.name)


def load_policy_bundle(files: Mapping[str, str], *, candidate: bool = False) -> PolicySet:
    """Load a policy set from its texts: `policies.yaml` and each rule file under its relative path (a stored
    version). Same checks and content hash as `load_policy_set` on the same files, except that a stored version
    may write rates as bare basis points, as every version did before units were required; a `candidate` (a
    set to publish) may not. The same texts loaded again give the same set without parsing them again (a stored
    version is read by the timeline, proposals, rollbacks and replays alike)."""
    if not all(isinstance(text, str) for text in files.values()):
        return _load_bundle(files, candidate)  # refused by the load, as it says
    key = (_texts_digest(files), candidate)
    if key in _BUNDLES:
        return _BUNDLES[key]
    return _keep(_BUNDLES, key, _load_bundle(files, candidate))


_BUNDLES: dict[tuple[str, bool], PolicySet] = {}  # as _LOADED, by the texts of every file and `candidate`


def _texts_digest(files: Mapping[str, str]) -> str:
    digest = hashlib.sha256()
    for rel in sorted(files):
        digest.update(f"{rel}\0{files[rel]}\0".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _load_bundle(files: Mapping[str, str], candidate: bool) -> PolicySet:
    if not candidate:
        token = bare_rates_are_bp.set(True)
        try:
            return _load_bundle(files, True)
        finally:
            bare_rates_are_bp.reset(token)
    if MANIFEST not in files:
        raise PolicySetInvalid([Diagnostic(MANIFEST, 1, 1, "file_not_found", f"the bundle has no {MANIFEST}")])

    def read(rel: str) -> str:
        try:
            return files[rel]
        except KeyError:
            raise FileNotFoundError(rel) from None

    return _load(files[MANIFEST], read, "", MANIFEST)


def policy_bundle(pset: PolicySet) -> dict[str, str]:
    """The texts a loaded set was read from, by relative path (what `load_policy_bundle` takes back)."""
    return dict(pset.sources)


def not_utf8(file: str, exc: UnicodeDecodeError | UnicodeEncodeError) -> Diagnostic:
    """Where a file stops being UTF-8: bytes that do not decode, or text that cannot be encoded (a lone
    surrogate arriving in JSON). Line and column count from 1; the column is in bytes or characters."""
    if isinstance(exc, UnicodeDecodeError):
        data = exc.object[:exc.start]
        line, col = data.count(b"\n") + 1, exc.start - data.rfind(b"\n")
    else:
        text = exc.object[:exc.start]
        line, col = text.count("\n") + 1, exc.start - text.rfind("\n")
    return Diagnostic(file, line, col, "not_utf8", f"the file is not valid UTF-8 here ({exc.reason}); save it as UTF-8")


def _load(manifest_text: str, read: Callable[[str], str], root: str, manifest_name: str) -> PolicySet:
    try:
        manifest_bytes = manifest_text.encode()
    except UnicodeEncodeError as exc:
        raise PolicySetInvalid([not_utf8(manifest_name, exc)]) from None
    digest = hashlib.sha256()
    digest.update(b"policies.yaml\0" + manifest_bytes + b"\0")
    doc = load_source(manifest_name, manifest_text)
    rep = Reporter(doc)
    if doc.data is None and doc.problems:  # a syntax error: nothing more can be said about the file
        raise PolicySetInvalid(doc.problems)
    node = rep.mapping(doc.data, (), MANIFEST_KEYS, MANIFEST_OPTIONAL, "the manifest")
    taxonomy = _parse_taxonomy(node.get("taxonomy"), rep)
    effective = node.get("effective_from")
    if effective is not None and not (isinstance(effective, dt.datetime) and effective.tzinfo):
        rep(("effective_from",), "type_mismatch", "effective_from is a time with a UTC offset")
        effective = None
    four_eyes = node.get("four_eyes", True)
    if not isinstance(four_eyes, bool):
        rep(("four_eyes",), "type_mismatch", "four_eyes is true (a second person approves every change) or false")
        four_eyes = True
    program_node = node.get("program")
    program: dict[str, Any] = program_node if isinstance(program_node, dict) else {}
    pset = PolicySet(name=str(node.get("policy_set", "")), version=str(node.get("version", "")),
                     effective_from=effective, description=rep.text(node, "description", ()),
                     content_hash="", root=root, taxonomy=taxonomy, program=program, four_eyes=four_eyes)
    pset.sources[MANIFEST] = manifest_text
    diagnostics = rep.diagnostics
    for i, rel in enumerate(rep.list_of(node, "files", ())):
        diagnostics += _load_rule_file(read, rel, ("files", i), rep, pset, digest)
    pset.content_hash = digest.hexdigest()
    diagnostics += check_guardrails(pset, rep)
    diagnostics += _check_example_facts(pset)
    if diagnostics:
        raise PolicySetInvalid(diagnostics)
    return pset


def _parse_taxonomy(node: Any, rep: Reporter) -> Taxonomy:
    tax = Taxonomy(groups={}, titles={}, core_groups=())
    if not isinstance(node, dict):
        rep(("taxonomy",), "wrong_type", "taxonomy is a mapping of category groups")
        return tax
    seen: dict[str, str] = {}
    core = []
    for group, decl in node.items():
        path = ("taxonomy", group)
        decl = rep.mapping(decl, path, GROUP_KEYS, GROUP_OPTIONAL, f"category group {group!r}")
        cats = tuple(c for c in rep.list_of(decl, "categories", path) if isinstance(c, str))
        for c in cats:
            if not NAME_RE.match(c):
                rep(path, "invalid_name", f"category {c!r} must be lower_snake_case")
            if c in seen:
                rep(path, "duplicate_category", f"category {c!r} is in both {seen[c]!r} and {group!r}")
            seen[c] = group
        tax.groups[group] = cats
        tax.titles[group] = rep.text(decl, "title", path)
        if decl.get("core", False) is True:
            core.append(group)
    tax.core_groups = tuple(core)
    return tax


def _load_rule_file(read: Callable[[str], str], rel: Any, path: tuple[str | int, ...], rep: Reporter, pset: PolicySet,
                    digest: Any) -> list[Diagnostic]:
    if not isinstance(rel, str):
        rep(path, "wrong_type", "each entry of files is a path relative to policies.yaml")
        return []
    try:
        text = read(rel)
        encoded = text.encode()
    except (UnicodeDecodeError, UnicodeEncodeError) as exc:
        return [not_utf8(rel, exc)]
    except OSError:
        rep(path, "file_not_found", f"rule file {rel!r} does not exist")
        return []
    digest.update(rel.encode() + b"\0" + encoded + b"\0")
    pset.sources[rel] = text
    frep = Reporter(load_source(rel, text))
    if frep.doc.data is None and frep.doc.problems:
        return frep.diagnostics
    node = frep.mapping(frep.doc.data, (), FILE_KEYS, FILE_OPTIONAL, "a rule file")
    for i, pnode in enumerate(frep.list_of(node, "policies", ())):
        policy = parse_policy(pnode, ("policies", i), frep, pset.taxonomy)
        if policy is None:
            continue
        if policy.id in pset.policies:
            frep(("policies", i, "id"), "duplicate_policy",
                 f"policy {policy.id!r} is also defined in {pset.policies[policy.id].file}")
            continue
        pset.policies[policy.id] = policy
    return frep.diagnostics


def _check_example_facts(pset: PolicySet) -> list[Diagnostic]:
    """Example facts must be valid inputs, the same way the API would check them."""
    found = []
    for policy in pset.policies.values():
        for ex in policy.examples:
            if ex.facts is None:
                continue
            try:
                coerce_facts(policy, ex.facts, categories=pset.taxonomy.categories, money_ints_are_fen=False,
                             rate_ints_are_bp=False)
            except FactError as exc:
                for name, message in exc.problems:
                    found.append(Diagnostic(policy.file, ex.line, 1, "invalid_example",
                                            f"example {ex.name!r}: {name}: {message}"))
    return found
