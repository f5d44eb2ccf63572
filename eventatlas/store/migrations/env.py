"""Alembic environment for EventAtlas. Run through ``eventatlas db upgrade`` (or
``eventatlas.store.migrations.upgrade``), which passes the connection in; no alembic.ini needed."""

from __future__ import annotations

from alembic import context
from sqlalchemy import engine_from_config, pool

from eventatlas.store.schema import Base

config = context.config
target_metadata = Base.metadata


def include_object(obj, name, type_, reflected, compare_to):
    # The SQLite full-text table (and FTS5's shadow tables) are made by the migrations' own SQL,
    # not by the models: autogenerate must not propose dropping them.
    return not (type_ == "table" and name.startswith("documents_fts"))


def run_migrations_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
        include_object=include_object,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        include_object=include_object,
        # SQLite cannot ALTER most things; batch mode rebuilds tables when a later revision needs it.
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = engine_from_config(
        config.get_section(config.config_ini_section, {}), prefix="sqlalchemy.", poolclass=pool.NullPool
    )
    with engine.connect() as connection:
        _run(connection)


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
