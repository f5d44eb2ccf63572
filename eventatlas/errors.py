"""Exceptions the CLI turns into one-line messages and exit codes."""


class EventAtlasError(Exception):
    """Base class for errors meant for the user."""


class InputError(EventAtlasError):
    """An input that cannot be used: missing, a directory, binary, empty after cleaning,
    undecodable, malformed. The message names the input and says why, on one line."""

    def __init__(self, source: str, reason: str):
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")
