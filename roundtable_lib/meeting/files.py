"""Reading a file a person hands the workbook: a plain file, size-capped, UTF-8 text.

The meeting definition, a capacity-assessment CSV and a carry-forward package all come from
someone's laptop, a USB stick or an e-mail, and each is hostile until checked. :func:`read_text`
is the one reader all three use, so they refuse the same things the same way:

- only a regular file (or a link to one): a folder, a FIFO or a device such as ``/dev/zero`` is
  refused before it is opened, because reading a pipe waits for a writer forever and a device
  may never end;
- its size is checked before reading, and no more than the limit is ever read;
- missing, unreadable, not UTF-8, or holding NUL bytes (a spreadsheet or other binary file):

each becomes one line naming the file and what to do, raised as the caller's own exception
(``ValidationError``, ``MeetingError``, ``PackageError``). Nothing is ever written. Each caller
describes what it expected with an :class:`Expected`, so its limit and its words stay its own.

Each message is in English and Thai (:mod:`roundtable_lib.meeting.refusals`): a Thai chair
picking a findings file reads why in Thai; the command line reads the English.

Pure: may import the standard library, :mod:`roundtable_lib.exceptions` and
:mod:`roundtable_lib.meeting.refusals`.
"""

import codecs
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from roundtable_lib.exceptions import RoundtableError
from roundtable_lib.meeting.refusals import words

# O_NONBLOCK: if a path is swapped for a FIFO between the check and the open, opening it must not
# wait for a writer (it would, without this flag). It changes nothing for a regular file.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


@dataclass(frozen=True)
class Expected:
    """What one entry point expects to be handed: its size limit and the words of its messages,
    each a text or an ``(en, th)`` pair (a file a Thai chair may hand: the findings)."""

    what: str | tuple  # "No {what} at {path}"
    path_of: str | tuple  # "Type the path of {path_of} first", "give the path of {path_of}"
    max_bytes: int
    too_big: str | tuple  # completes "{path} is larger than 5 MB: ..."
    save_as: str | tuple  # completes "{path} is not UTF-8 text (line 3): ..."
    error: Callable[[str], Exception] = RoundtableError  # called with the message; the result is raised


@dataclass(frozen=True)
class HandedFile:
    """A file's text (a UTF-8 byte order mark removed) and the bytes it was read from."""

    text: str
    raw: bytes


class _Refused(Exception):
    """One reason the file cannot be used: the label ``key`` and its values (see
    :func:`~roundtable_lib.meeting.refusals.words`)."""

    def __init__(self, key, **values):
        super().__init__(key)
        self.words = words(key, **values)


def _raised(expected, refused):
    """The caller's own exception saying ``refused`` in English, carrying its Thai."""
    en, th = refused.words
    error = expected.error(en)
    error.th = th
    return error


def read_text(path, expected):
    """The text of the file at ``path``, checked as :class:`Expected` says; otherwise
    ``expected.error(message)`` is raised with one line naming the file and what to do."""
    try:
        raw = _read_plain_file(path, expected)
        return HandedFile(text=_decoded(raw, shown_path(path), expected), raw=raw)
    except _Refused as exc:
        raise _raised(expected, exc) from None


def handed_bytes(raw, name, expected):
    """The text of a file handed over as bytes (chosen in the browser's file picker), checked
    as :func:`read_text` checks a file on disk: the same size limit, UTF-8, no binary data, and
    the same one line naming the file (``name``) raised as ``expected.error``."""
    shown = shown_path(name)
    try:
        if len(raw) > expected.max_bytes:
            raise _too_big(shown, expected)
        return HandedFile(text=_decoded(bytes(raw), shown, expected), raw=bytes(raw))
    except _Refused as exc:
        raise _raised(expected, exc) from None


def typed_path(text, base=None):
    """The path a person typed or pasted, as a :class:`Path` (or "" for nothing typed).

    White space around it and one pair of quotes are removed (a file manager's "Copy path" and
    Windows' "Copy as path" add them), ``~`` is the person's home folder, and a relative path
    is read from ``base`` (default: the current folder, the notebook's own), so a message can
    name the whole path that was looked for."""
    text = str(text or "").strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        text = text[1:-1].strip()
    if not text:
        return ""
    path = Path(text).expanduser()
    return path if path.is_absolute() else Path(base or os.getcwd()) / path


def shown_path(path, limit=120):
    """``path`` as quoted in a one-line message: control characters escaped (a file name may
    hold a newline), undecodable bytes as escapes, and a long path cut in the middle so that
    the file name at its end stays readable."""
    text = "".join(c if c.isprintable() else ascii(c)[1:-1] for c in str(path))
    if len(text) <= limit:
        return text
    head = (limit - 1) // 3
    return text[:head] + "…" + text[-(limit - 1 - head) :]


def _read_plain_file(path, expected):
    if not str(path).strip():
        raise _Refused("handed.type_path", path_of=expected.path_of)
    path = Path(path)
    shown = shown_path(path)
    try:
        _check_kind(os.stat(path).st_mode, shown, expected)  # follows links: a link to a plain file is fine
        fd = os.open(path, _OPEN_FLAGS)
        with open(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            _check_kind(info.st_mode, shown, expected)  # what was opened, in case the path changed meanwhile
            if info.st_size > expected.max_bytes:
                raise _too_big(shown, expected)
            raw = handle.read(expected.max_bytes + 1)  # never more than the limit, even if it grew
    except (FileNotFoundError, NotADirectoryError):
        raise _Refused("handed.missing", what=expected.what, shown=shown) from None
    except IsADirectoryError:
        raise _folder(shown, expected) from None
    except PermissionError:
        raise _Refused("handed.permission", shown=shown) from None
    except OSError as exc:
        raise _Refused("handed.unreadable", shown=shown, reason=exc.strerror or type(exc).__name__) from None
    if len(raw) > expected.max_bytes:
        raise _too_big(shown, expected)
    return raw


def _check_kind(mode, shown, expected):
    if stat.S_ISDIR(mode):
        raise _folder(shown, expected)
    if not stat.S_ISREG(mode):
        raise _Refused("handed.not_plain", shown=shown, path_of=expected.path_of)


def _folder(shown, expected):
    return _Refused("handed.folder", shown=shown, path_of=expected.path_of)


def _too_big(shown, expected):
    return _Refused("handed.too_big", shown=shown, size=_size(expected.max_bytes), too_big=expected.too_big)


def _size(limit):
    """A limit as people say it: 5 MiB and 1,000,000 bytes are "5 MB" and "1 MB"."""
    for unit in (1024 * 1024, 1_000_000):
        if limit >= unit and limit % unit == 0:
            return f"{limit // unit} MB"
    return f"{limit:,} bytes"


def _decoded(raw, shown, expected):
    # A byte order mark is how Notepad and Excel say "UTF-8"; it is never part of the text.
    body = raw.removeprefix(codecs.BOM_UTF8)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = body[: exc.start].count(b"\n") + 1
        raise _Refused("handed.not_utf8", shown=shown, line=f"{line:,}", save_as=expected.save_as) from None
    if "\x00" in text:
        raise _Refused("handed.binary", shown=shown, save_as=expected.save_as)
    return text
