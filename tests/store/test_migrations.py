"""The Alembic migrations make exactly the models' schema (tables, columns, indexes) on SQLite and
PostgreSQL, so the migrations cannot drift from ``store/schema.py`` unnoticed."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect, text

from eventatlas.store.db import get_engine, init_db
from eventatlas.store.migrations import current_revision, head_revision, upgrade
from eventatlas.store.schema import Base


def schema_of(engine) -> dict[str, dict]:
    inspector = inspect(engine)
    tables = {}
    for name in inspector.get_table_names():
        if name == "alembic_version" or name.startswith("documents_fts"):
            continue
        tables[name] = {
            "columns": {
                column["name"]: (column["nullable"], type(column["type"]).__name__)
                for column in inspector.get_columns(name)
            },
            "indexes": {
                index["name"]: (tuple(index["column_names"]), bool(index["unique"]))
                for index in inspector.get_indexes(name)
                if index["name"] != "ix_documents_fts"
            },
            "primary_key": tuple(inspector.get_pk_constraint(name)["constrained_columns"]),
        }
    return tables


def expected_schema(engine) -> dict[str, dict]:
    # What the models make on this dialect, read back the same way.
    return schema_of(engine)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def two_empty_databases(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'migrated.db'}", f"sqlite:///{tmp_path / 'created.db'}"
    make = request.getfixturevalue("pg_schema_factory")
    return make(), make()


def test_upgrade_makes_the_models_schema(two_empty_databases):
    migrated_url, created_url = two_empty_databases
    migrated, created = get_engine(migrated_url), get_engine(created_url)
    assert current_revision(migrated) is None
    assert upgrade(migrated) == head_revision()
    Base.metadata.create_all(created)
    got, want = schema_of(migrated), schema_of(created)
    assert set(got) == set(Base.metadata.tables)
    for table in want:
        assert got[table]["columns"] == want[table]["columns"], f"columns of {table} differ: add a migration"
        assert got[table]["indexes"] == want[table]["indexes"], f"indexes of {table} differ: add a migration"
        assert got[table]["primary_key"] == want[table]["primary_key"]
    with migrated.connect() as connection:  # the full-text objects exist too
        if migrated.dialect.name == "sqlite":
            connection.execute(text("SELECT count(*) FROM documents_fts"))
        else:
            assert (
                connection.execute(
                    text(
                        "SELECT count(*) FROM pg_indexes WHERE indexname = 'ix_documents_fts' AND schemaname = current_schema()"
                    )
                ).scalar_one()
                == 1
            )
    assert upgrade(migrated) == head_revision()  # running it again changes nothing
    migrated.dispose()
    created.dispose()


def test_upgrade_adopts_a_database_made_by_init_db(sqlite_url):
    engine = get_engine(sqlite_url)
    init_db(engine)
    assert current_revision(engine) is None
    assert upgrade(engine) == head_revision()
    engine.dispose()


def test_db_upgrade_command_works_from_any_directory(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from eventatlas.ingest.cli import db_app

    monkeypatch.chdir(tmp_path)  # no alembic.ini here: the configuration comes from the package
    runner = CliRunner()
    result = runner.invoke(db_app, ["upgrade", "--db", "fresh.db"])
    assert result.exit_code == 0, result.output
    assert f"revision {head_revision()}" in result.output
    assert (tmp_path / "fresh.db").is_file()
    result = runner.invoke(db_app, ["current", "--db", "fresh.db"])
    assert result.exit_code == 0 and head_revision() in result.output
    result = runner.invoke(db_app, ["stats", "--db", "fresh.db"])
    assert result.exit_code == 0 and "documents" in result.output
