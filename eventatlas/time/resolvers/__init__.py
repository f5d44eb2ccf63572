"""The resolvers of the temporal grammar, by the name ``data/patterns.json`` gives each rule.

A resolver turns one regex match into a :class:`~eventatlas.time.values.TimeValue` given a
:class:`~eventatlas.time.context.Context`, or returns None to reject the match.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from eventatlas.time.context import Context
from eventatlas.time.resolvers import business, days, holidays, periods, references
from eventatlas.time.values import TimeValue

Resolver = Callable[[re.Match, Context], TimeValue | None]


def _registry() -> dict[str, Resolver]:
    found: dict[str, Resolver] = {}
    for module in (days, periods, business, holidays, references):
        for name, function in vars(module).items():
            if name.startswith("r_") and callable(function) and function.__module__ == module.__name__:
                found[name[2:]] = function
    return found


RESOLVERS: dict[str, Resolver] = _registry()
span_only_reference = references.span_only_reference

__all__ = ["RESOLVERS", "Resolver", "span_only_reference"]
