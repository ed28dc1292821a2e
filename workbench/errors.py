"""The one exception family the shells turn into a clean message.

Any problem a user can fix (missing model, unreadable file, bad glossary row, stale save) is raised
as a :class:`WorkbenchError` subclass with a sentence that says what to do; the CLI prints it as
``Error: …`` with exit code 2 and the UI shows it as an error box — never a traceback.
"""


class WorkbenchError(Exception):
    """Base class for user-facing errors."""
