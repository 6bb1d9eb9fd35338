"""Where a project is kept: a project file (SQLite) or a PostgreSQL database a team shares.

``--db`` takes either. A PostgreSQL project is named by a URL in libpq's form,
``postgresql://USER@HOST:PORT/DBNAME`` (a Unix socket as ``?host=/path``); the password may be
in the URL, in ``PGPASSWORD`` or in ``~/.pgpass`` (libpq reads both), and is never shown: every
message names the database by :attr:`DatabaseUrl.shown` and the server by
:attr:`DatabaseUrl.server`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

SCHEMES = ("postgresql", "postgres")


@dataclass(frozen=True, slots=True)
class DatabaseUrl:
    """A PostgreSQL project's URL. ``url`` (which may hold a password) is only for libpq."""

    url: str = field(repr=False)

    @classmethod
    def parse(cls, text: str) -> DatabaseUrl:
        parts = urlsplit(text)
        if parts.scheme not in SCHEMES:
            raise ValueError(f"not a PostgreSQL URL: {text!r}")
        if not parts.path.strip("/"):
            raise ValueError("a PostgreSQL URL names its database: "
                             "postgresql://USER@HOST:PORT/DBNAME")
        # libpq knows both schemes; peewee's driver adapter recognises the long one.
        return cls("postgresql" + text[len(parts.scheme):])

    @property
    def database(self) -> str:
        return unquote(urlsplit(self.url).path.lstrip("/"))

    @property
    def server(self) -> str:
        """``HOST:PORT`` (libpq's defaults when the URL names none), or the socket folder."""
        parts = urlsplit(self.url)
        hosts = parse_qs(parts.query).get("host")
        host = hosts[0] if hosts else (parts.hostname or "localhost")
        port = parts.port or parse_qs(parts.query).get("port", ["5432"])[0]
        return f"{host}:{port}"

    @property
    def shown(self) -> str:
        """The URL without its password, for messages and the window's title."""
        parts = urlsplit(self.url)
        netloc = parts.netloc.rpartition("@")
        user = netloc[0].partition(":")[0]
        host = netloc[2]
        where = f"{user}@{host}" if user else host
        query = f"?{parts.query}" if parts.query else ""
        return f"postgresql://{where}{parts.path}{query}"

    @property
    def name(self) -> str:
        """A short name for titles and backup files: the database's name."""
        return self.database

    def __str__(self) -> str:
        return self.shown


# A project is kept in a file or in a database.
Location = Path | DatabaseUrl


def parse_location(text: str | Location) -> Location:
    """``--db``'s value: a PostgreSQL URL, or else the path of a project file."""
    if isinstance(text, Path | DatabaseUrl):
        return text
    if text.partition("://")[0] in SCHEMES:
        return DatabaseUrl.parse(text)
    return Path(text).expanduser()


def shown(location: Location) -> str:
    """How messages name a project: its file's path, or its URL without a password."""
    return str(location)


def short_name(location: Location) -> str:
    """The window's title: the file's name, or the database's."""
    return location.name
