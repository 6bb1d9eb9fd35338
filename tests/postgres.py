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


# Runs the tests against a server of one's own instead (a team's Debian `postgresql`, say):
# the URL of a database in which the tests may create schemas and databases.
EXTERNAL = "ANNOTATOR_TEST_POSTGRES"


class Server:
    """One server in a folder of its own (or the one ``ANNOTATOR_TEST_POSTGRES`` names); each
    test gets a schema or a database of its own."""

    def __init__(self, own: bool = False) -> None:
        """``own``: always a server of the tests' own (one a test stops and starts)."""
        self._shared: str | None = None
        self._server: Any = None
        external = os.environ.get(EXTERNAL)
        if external and not own:
            self.uri: str = external
            self._shared = external.rsplit("/", 1)[1].partition("?")[0]
            return
        _runtime_dir()
        import pgserver

        self.folder = Path(tempfile.mkdtemp(prefix="annotator-pg-"))
        self.folder.chmod(0o755)
        self.data = self.folder / "data"
        self._server = pgserver.get_server(self.data, cleanup_mode="delete")
        self.uri = self._server.get_uri()

    def url(self, database: str, schema: str | None = None) -> str:
        """The libpq URL of ``database`` on this server, working in ``schema`` when one is
        given."""
        base, _, query = self.uri.partition("?")
        if schema is not None:
            query += ("&" if query else "") + f"options=-csearch_path%3D{schema}"
        return f"{base.rsplit('/', 1)[0]}/{database}" + (f"?{query}" if query else "")

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
        name = f"t{os.getpid()}_{next(_names)}"
        with psycopg.connect(self.url(self._shared), autocommit=True) as conn:
            conn.execute(f'CREATE SCHEMA "{name}"')
        return self.url(self._shared, name)

    def drop_schema(self, url: str) -> None:
        name = url.rpartition("%3D")[2]
        assert self._shared is not None
        with psycopg.connect(self.url(self._shared), autocommit=True) as conn:
            conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                         " WHERE datname = %s AND pid != pg_backend_pid()"
                         " AND application_name = 'annotator'", (self._shared,))
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
        for it) and remove the folder; a server of one's own is left running."""
        if self._server is None:
            return
        with contextlib.suppress(Exception):
            self.stop()
        self._server.cleanup()
        shutil.rmtree(self.folder, ignore_errors=True)
