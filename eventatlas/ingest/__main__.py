"""``python -m eventatlas.ingest ...``: the ingest command on its own (what ``eventatlas ingest``
runs), usable before or without the full CLI."""

import typer

from eventatlas.ingest.cli import ingest_command

app = typer.Typer(add_completion=False)
app.command()(ingest_command)

if __name__ == "__main__":
    app()
