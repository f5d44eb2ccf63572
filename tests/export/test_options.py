import datetime as dt

import typer
from pydantic import BaseModel, Field
from typer.testing import CliRunner

from eventatlas.export.options import with_model_options


class Filters(BaseModel):
    since: dt.date | None = Field(None, description="first day")
    kinds: list[str] | None = Field(None, description="kinds (repeatable)")
    level: int | None = Field(None, ge=1, le=3, description="precision")
    q: str | None = Field(None, description="words to find")
    hidden: str | None = None


def command_app(seen: list[dict]) -> typer.Typer:
    @with_model_options(Filters, skip=("hidden",))
    def command(limit: int = typer.Option(10, help="rows"), filters: dict | None = None) -> None:
        seen.append({"limit": limit, **(filters or {})})

    app = typer.Typer()
    app.command()(command)
    return app


def test_every_model_field_becomes_an_option_with_its_help_and_limits():
    app = command_app([])
    help_text = CliRunner().invoke(app, ["--help"]).stdout
    for flag, words in (("--since", "first day"), ("--kinds", "repeatable"), ("--level", "1<=x<=3"), ("--query", "words")):
        assert flag in help_text and words in help_text
    assert "--hidden" not in help_text and "--filters" not in help_text


def test_the_command_receives_only_the_values_set():
    seen: list[dict] = []
    app = command_app(seen)
    result = CliRunner().invoke(app, ["--since", "2024-03-01", "--kinds", "a", "--kinds", "b", "-q", "x", "--limit", "3"])
    assert result.exit_code == 0, result.output
    assert seen == [{"limit": 3, "since": dt.date(2024, 3, 1), "kinds": ["a", "b"], "q": "x"}]
    assert CliRunner().invoke(app, ["--level", "7"]).exit_code == 2  # out of the field's range
    assert CliRunner().invoke(app, ["--since", "March"]).exit_code == 2
