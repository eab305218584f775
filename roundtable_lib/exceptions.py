"""One small exception class per way things go wrong.

Every message is meant to be shown as it is to the person who caused it (a chair at a form,
an organiser at the command line), so it says what was wrong and, where it can, what to do.
"""


class RoundtableError(Exception):
    """Base class: anything the workbook refuses, with a message a person can act on."""


class MeetingError(RoundtableError):
    """The meeting definition file is wrong. The message names the file, the field and the problem."""


class ValidationError(RoundtableError, ValueError):
    """What was typed cannot be saved as it is. Nothing was written."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.field = field


class NotFound(RoundtableError, LookupError):
    """No such item, poll, participant or history entry."""


class ReadOnlyStore(RoundtableError):
    """A write was attempted through a read-only store (every dashboard has one)."""


class StoreError(RoundtableError):
    """The database cannot be opened or used (missing file, wrong file, newer schema)."""
