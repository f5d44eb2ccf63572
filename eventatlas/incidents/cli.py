"""``eventatlas incidents``: show an incident, split a wrong merge, merge two that are one, and
link stored events no incident holds yet (a database made before incidents)."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from eventatlas.errors import InputError
from eventatlas.ingest.cli import DbOption

incidents_app = typer.Typer(
    help="Correct incidents: show one, split a wrong merge, merge two that are one.", no_args_is_help=True
)


@incidents_app.command("link")
def link(db: DbOption = None) -> None:
    """Link stored events that no incident holds yet (a database made before incidents)."""
    from eventatlas.incidents.store import link_stored_events

    engine = _engine(db)
    try:
        linked = link_stored_events(engine)
    finally:
        engine.dispose()
    typer.echo(f"linked {linked} reports")


def _engine(db: str | None):
    from eventatlas.store.db import get_engine, missing_database

    missing = missing_database(db)
    if missing:
        raise InputError(missing, "no such database file (ingest some articles first, or pass --db)")
    return get_engine(db)


@incidents_app.command("show")
def show(incident_id: str, db: DbOption = None) -> None:
    """Print an incident (merged fields, sources with their evidence) as JSON."""
    from eventatlas.store.db import session_factory
    from eventatlas.store.incidents import incident_dict, resolve_incident_id
    from eventatlas.store.schema import IncidentRow

    engine = _engine(db)
    with session_factory(engine)() as session:
        row = session.get(IncidentRow, resolve_incident_id(session, incident_id))
        if row is None:
            raise InputError(incident_id, "no such incident")
        typer.echo(json.dumps(incident_dict(row), indent=2, ensure_ascii=False, default=str))
    engine.dispose()


@incidents_app.command("split")
def split(
    incident_id: str,
    report_ids: Annotated[list[str], typer.Argument(help="the reports (event ids) to move to a new incident")],
    db: DbOption = None,
) -> None:
    """Move some reports of an incident into a new incident; the two are kept apart from then on."""
    from eventatlas.incidents.store import split_incident

    engine = _engine(db)
    try:
        with engine.begin() as connection:
            new_id = split_incident(connection, incident_id, report_ids)
    except KeyError:
        raise InputError(incident_id, "no such incident") from None
    except ValueError as error:
        raise InputError(incident_id, str(error)) from None
    finally:
        engine.dispose()
    typer.echo(new_id)


@incidents_app.command("merge")
def merge(survivor_id: str, other_id: str, db: DbOption = None) -> None:
    """Merge OTHER into SURVIVOR; OTHER's id redirects to SURVIVOR from now on."""
    from eventatlas.incidents.store import merge_incidents

    engine = _engine(db)
    try:
        with engine.begin() as connection:
            survivor = merge_incidents(connection, survivor_id, other_id)
    except KeyError as error:
        raise InputError(str(error.args[0]), "no such incident") from None
    finally:
        engine.dispose()
    typer.echo(survivor)
