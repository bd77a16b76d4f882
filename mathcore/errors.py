"""The project's single error type."""


class ValidationError(ValueError):
    """An argument outside what a function allows.

    The message is one line: ``"<name> = <value>: <what is allowed>"``, e.g. ``"step = -0.1: must be > 0"``.
    """
