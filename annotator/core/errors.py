"""The errors users see: one line naming the file, the line or record, and the problem."""

from __future__ import annotations

# Line breaks (all that str.splitlines() splits on) and other control characters, written out
# as escapes: a message quoting the input (a span's text across a line break, a tag holding a
# vertical tab or a NUL) still prints as one line, and prints.
_CONTROLS = {code: chr(code).encode("unicode_escape").decode("ascii")
             for code in [*range(0x20), 0x7F, 0x85, 0x2028, 0x2029] if code != ord("\t")}


def one_line(text: str) -> str:
    """``text`` with line breaks and control characters written as escapes (``\\n``)."""
    return text.translate(_CONTROLS)


class AnnotatorError(Exception):
    """Base class for errors that are reported to the user as one line, never a traceback."""

    def __str__(self) -> str:
        return one_line(super().__str__())


class InputError(AnnotatorError):
    """Malformed input: names the file, the line (or record) and what is wrong."""

    def __init__(self, problem: str, *, path: str | None = None, line: int | None = None,
                 record: int | None = None) -> None:
        self.problem = problem
        self.path = path
        self.line = line
        self.record = record
        super().__init__(self.message)

    @property
    def message(self) -> str:
        """``FILE, line N: problem``; without a file, the problem alone (never a made-up
        file name: such a problem is about what was asked, not about a file)."""
        where = [self.path] if self.path else []
        if self.line is not None:
            where.append(f"line {self.line}")
        elif self.record is not None:
            where.append(f"record {self.record}")
        return f"{', '.join(where)}: {self.problem}" if where else self.problem

    def located(self, path: str | None = None, line: int | None = None,
                record: int | None = None) -> InputError:
        """The same problem with the location filled in where it was missing."""
        return InputError(
            self.problem,
            path=self.path or path,
            line=self.line if self.line is not None else line,
            record=self.record if self.record is not None else record,
        )


class OverlapError(AnnotatorError):
    """An edit would make two spans of one document overlap."""


class EventError(AnnotatorError):
    """An event that breaks a rule: a trigger that is not an EVENT span, an argument whose label
    its role does not take or that is not a span of the event's document, an unknown type."""


class LabelError(AnnotatorError):
    """A change to the project's labels that breaks a rule of the list (a name, key or colour
    of the wrong form or already taken, a label still in use), or a name that is not a label
    of the project."""


class ProjectFileError(AnnotatorError):
    """The project file cannot be opened: not a project file, newer schema, unwritable."""


class StorageError(ProjectFileError):
    """Reading or writing an open project file failed; the write it was part of was rolled
    back, so the file holds what it held before. The message names the file and the cause."""


class ProjectBusy(StorageError):
    """Another process held the project file's write lock longer than the busy timeout."""


class ProjectUnreachable(StorageError):
    """The server of a project kept in PostgreSQL cannot be reached (stopped, the network
    down, the connection lost); what was being written was rolled back. The next call tries
    to connect again."""


class WriteError(StorageError):
    """The project file could not be written: read-only, disk full, or an I/O error.

    ``reason`` is ``"read-only"``, ``"disk full"`` or ``"i/o"``; the window says "your edit
    could not be saved" with the message and keeps the edit to try again.
    """

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


class Cancelled(AnnotatorError):
    """Long work was cancelled by the user; nothing was written."""
