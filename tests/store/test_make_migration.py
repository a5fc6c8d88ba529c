"""The documented way to add a model works end to end: generate one file, apply it on both databases."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from aerich.exceptions import NotSupportError
from tortoise.context import TortoiseContext

from store import make_migration
from store.api_keys import create_key
from store.db import APP, MIGRATIONS_LOCATION, MODEL_MODULES, migrate, tortoise_config
from tests.store.sample_models_v2 import Parcel

V1 = (*MODEL_MODULES, "tests.store.sample_models_v1")
V2 = (*MODEL_MODULES, "tests.store.sample_models_v2")


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """A copy of the committed migrations plus two generated ones: a new table, then a new column."""
    location = tmp_path_factory.mktemp("migrations")
    app_dir = location / APP
    shutil.copytree(MIGRATIONS_LOCATION / APP, app_dir)
    made = []
    for name, modules in (("add_parcels", V1), ("add_parcel_status", V2)):
        result = make_migration.run(name, tuple(make_migration.DIALECT_URLS), write=True, app_dir=app_dir,
                                    modules=modules)
        assert result is not None and result.version.endswith(f"_{name}.py")
        made.append(result.version)
    assert make_migration.run("nothing", ("sqlite",), write=False, app_dir=app_dir, modules=V2) is None
    return location, made


def test_generated_files_carry_sql_for_both_dialects(generated: tuple[Path, list[str]]) -> None:
    location, made = generated
    first, second = ((location / APP / name).read_text() for name in made)
    assert first.count("CREATE TABLE") >= 2 and "sample_parcels" in first  # one per dialect
    assert '"sqlite":' in second and '"postgres":' in second and "status" in second


async def test_generated_migrations_apply_and_the_new_table_works(generated: tuple[Path, list[str]],
                                                                  database_url: str) -> None:
    location, made = generated
    applied = await migrate(database_url, location=location)
    assert applied[-2:] == made
    assert await migrate(database_url, location=location) == []
    async with TortoiseContext() as ctx:
        await ctx.init(config=tortoise_config(database_url, V2))
        key, _ = await create_key("storefront", party="default")
        await Parcel.create(parcel_id="P-1", issued_by=key, amount_fen=520, status="new")
        assert await Parcel.filter(status="new").count() == 1


def test_invalid_names_are_refused() -> None:
    with pytest.raises(SystemExit):
        make_migration.main(["Add Orders!"])


def test_a_change_sqlite_cannot_make_is_refused_with_advice(generated: tuple[Path, list[str]], tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    location, _ = generated
    shutil.copytree(location / APP, tmp_path / APP)
    with pytest.raises(NotSupportError):
        make_migration.run("parcel_status_required", tuple(make_migration.DIALECT_URLS), write=True,
                           app_dir=tmp_path / APP, modules=(*MODEL_MODULES, "tests.store.sample_models_v3"))
    assert sorted(p.name for p in (tmp_path / APP).iterdir()) == sorted(p.name for p in (location / APP).iterdir())

    def refuse(*args: object, **kwargs: object) -> None:
        raise NotSupportError("Alter column null is unsupported in SQLite.")

    monkeypatch.setattr(make_migration, "run", refuse)
    assert make_migration.main(["parcel_status_required"]) == 1
    assert "add a new column or table instead" in capsys.readouterr().err
