"""Command-line options read from a pydantic model, so the event filters have one definition.

The API reads ``store.query.EventFilters`` as a query-parameter model; the CLI adds one option
per field of the same model with :func:`with_model_options`, taking each option's help text and
limits from the field. Adding a filter to the model adds it to both.
"""

from __future__ import annotations

import datetime as dt
import functools
import inspect
import types
import typing
from collections.abc import Callable
from typing import Any

import typer
from annotated_types import Ge, Le
from pydantic import BaseModel
from pydantic.fields import FieldInfo

# Spellings the CLI had before its options came from the model (kept for users' scripts).
FLAGS: dict[str, tuple[str, ...]] = {"q": ("--query", "-q")}
DATE_FORMATS = ["%Y-%m-%d"]


def _bare(annotation: Any) -> Any:
    """``X | None`` -> X."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        rest = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        return rest[0] if len(rest) == 1 else str
    return annotation


def _option(name: str, field: FieldInfo) -> tuple[Any, Any]:
    """(annotation, typer.Option) for one model field."""
    kind = _bare(field.annotation)
    flags = FLAGS.get(name, ())
    help_text = field.description or name.replace("_", " ")
    if kind is dt.date:
        return dt.datetime | None, typer.Option(None, *flags, formats=DATE_FORMATS, help=help_text)
    if typing.get_origin(kind) is list:
        return list[str] | None, typer.Option(None, *flags, metavar="<str>", help=help_text)
    if kind is int:
        limits = {"min": m.ge for m in field.metadata if isinstance(m, Ge)}
        limits.update({"max": m.le for m in field.metadata if isinstance(m, Le)})
        return int | None, typer.Option(None, *flags, help=help_text, **limits)
    return str | None, typer.Option(None, *flags, help=help_text)  # text, and tuples written "a,b,c,d"


def _value(value: Any) -> Any:
    return value.date() if isinstance(value, dt.datetime) else value


def with_model_options(model: type[BaseModel], skip: tuple[str, ...] = ()) -> Callable[[Callable], Callable]:
    """Give a typer command one option per field of ``model`` (except ``skip``); the command
    receives the values the user set as a dict in its ``filters`` parameter."""
    fields = {name: field for name, field in model.model_fields.items() if name not in skip}

    def decorate(command: Callable) -> Callable:
        signature = inspect.signature(command)
        hints = typing.get_type_hints(command, include_extras=True)  # the command's own, resolved
        own = [
            p.replace(annotation=hints.get(p.name, p.annotation))
            for p in signature.parameters.values() if p.name != "filters"
        ]
        added = []
        for name, field in fields.items():
            annotation, option = _option(name, field)
            added.append(inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=option, annotation=annotation))

        @functools.wraps(command)
        def wrapper(**kwargs: Any) -> Any:
            chosen = {name: _value(kwargs.pop(name)) for name in fields if kwargs.get(name) not in (None, [])}
            for name in fields:
                kwargs.pop(name, None)
            return command(filters=chosen, **kwargs)

        wrapper.__signature__ = signature.replace(parameters=[*own, *added])  # what typer reads
        wrapper.__annotations__ = {p.name: p.annotation for p in (*own, *added)}
        return wrapper

    return decorate


__all__ = ["with_model_options"]
