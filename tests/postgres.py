"""A real PostgreSQL server for the tests, started in a temporary folder (the ``pgserver`` wheel
ships the server's binaries): no system package, no root, a Unix socket only.

Run as root, pgserver runs the server as a system user of its own, so the folder is made
readable by others. pgserver asks platformdirs for the runtime folder when it is imported,
which warns where ``XDG_RUNTIME_DIR`` is unset: it is set to a private folder first.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import psycopg

_names = itertools.count(1)


def _runtime_dir() -> None:
    if not os.environ.get("XDG_RUNTIME_DIR") or not Path(os.environ["XDG_RUNTIME_DIR"]).is_dir():
        folder = tempfile.mkdtemp(prefix="annotator-runtime-")
        os.chmod(folder, 0o700)
        os.environ["XDG_RUNTIME_DIR"] = folder


class Server:
    """One server in a folder of its own; each test gets a database of its own."""

    def __init__(self) -> None:
        _runtime_dir()
        import pgserver

        self.folder = Path(tempfile.mkdtemp(prefix="annotator-pg-"))
        self.folder.chmod(0o755)
        self.data = self.folder / "data"
        self._server: Any = pgserver.get_server(self.data, cleanup_mode="delete")
        self.uri: str = self._server.get_uri()
        self._shared: str | None = None

    def url(self, database: str, schema: str | None = None) -> str:
        """The libpq URL of ``database`` on this server (over its Unix socket), working in
        ``schema`` when one is given."""
        base, _, query = self.uri.partition("?")
        if schema is not None:
            query += f"&options=-csearch_path%3D{schema}"
        return f"{base.rsplit('/', 1)[0]}/{database}?{query}"

    def admin(self) -> psycopg.Connection[Any]:
        return psycopg.connect(self.uri, autocommit=True)

    def new_database(self) -> str:
        """A new empty database; returns its URL."""
        name = f"annotator_test_{os.getpid()}_{next(_names)}"
        with self.admin() as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def drop_database(self, url: str) -> None:
        name = url.rsplit("/", 1)[1].partition("?")[0]
        with self.admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def new_schema(self) -> str:
        """An empty schema of the tests' shared database, as a project URL: to libpq and to
        the annotator it is an empty database (a new database per test costs a third of a
        second; a schema, a millisecond)."""
        if self._shared is None:
            self._shared = f"annotator_tests_{os.getpid()}"
            with self.admin() as conn:
                conn.execute(f'CREATE DATABASE "{self._shared}"')
        name = f"t{next(_names)}"
        with psycopg.connect(self.url(self._shared), autocommit=True) as conn:
            conn.execute(f'CREATE SCHEMA "{name}"')
        return self.url(self._shared, name)

    def drop_schema(self, url: str) -> None:
        name = url.rpartition("%3D")[2]
        assert self._shared is not None
        with psycopg.connect(self.url(self._shared), autocommit=True) as conn:
            conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                         " WHERE datname = %s AND pid != pg_backend_pid()", (self._shared,))
            conn.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')

    def stop(self) -> None:
        """Stop the server as its administrator would (connections are cut)."""
        from pgserver._commands import pg_ctl

        pg_ctl(["-w", "-m", "fast", "stop"], pgdata=self.data, user=self._server.system_user)

    def start(self) -> None:
        self._server.ensure_postgres_running()
        self.uri = self._server.get_uri()

    def close(self) -> None:
        """Stop at once (a connection a test left open would make the default shutdown wait
        for it) and remove the folder."""
        with contextlib.suppress(Exception):
            self.stop()
        self._server.cleanup()
        shutil.rmtree(self.folder, ignore_errors=True)
