"""A throwaway PostgreSQL cluster for tests, started from Debian's `postgresql` package binaries.

Why: the store must be tested against a real server, not a mock, yet CI has no database service. So the
tests run `initdb` + `pg_ctl` themselves into a temp dir, listen only on a unix socket there (no port
clashes, nothing reachable from outside) and throw the cluster away at the end. Every way this can fail
becomes a `PostgresUnavailable` whose message is a plain sentence, used verbatim as the pytest skip reason.

Environment:
  EVENTLEDGER_TEST_POSTGRES      URL of an existing server to use instead (nothing is started then).
  EVENTLEDGER_TEST_POSTGRES_BIN  directory holding initdb/pg_ctl/postgres, overriding the search
                                 (PATH, then /usr/lib/postgresql/*/bin, highest version first).
"""

from __future__ import annotations

import atexit
import glob
import os
import pwd
import shlex
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

ENV_URL = "EVENTLEDGER_TEST_POSTGRES"
ENV_BIN = "EVENTLEDGER_TEST_POSTGRES_BIN"
DEBIAN_BIN_GLOB = "/usr/lib/postgresql/*/bin"
BINARIES = ("initdb", "pg_ctl", "postgres")
SERVER_USER = "postgres"  # initdb refuses to run as root, so as root we run the server as this user
PORT = 5432  # only names the socket file: nothing listens on TCP
START_TIMEOUT_S = 60
# Durability is pointless for a cluster deleted after the run; these make it fast and small.
SETTINGS = {
    "listen_addresses": "''",
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "max_connections": "100",
    "shared_buffers": "32MB",
}
INSTALL_HINT = f"install Debian's 'postgresql' package or set {ENV_URL} to an existing server's URL"


class PostgresUnavailable(Exception):
    """No server could be had; the message says why in words fit for a skip reason."""


def _version_key(bindir: str) -> tuple[int, ...]:
    """Sort /usr/lib/postgresql/<ver>/bin numerically, so 15 beats 9.6."""
    ver = Path(bindir).parent.name
    return tuple(int(p) for p in ver.split(".") if p.isdigit()) or (-1,)


def find_bindir() -> Path:
    """The directory holding all of initdb, pg_ctl and postgres, or PostgresUnavailable naming what is missing."""
    override = os.environ.get(ENV_BIN)
    if override:
        candidates, where = [Path(override)], f"{ENV_BIN}={override}"
    else:
        on_path = shutil.which("initdb")
        # Resolve symlinks (e.g. /usr/local/bin/initdb -> /usr/lib/postgresql/15/bin/initdb) to find siblings.
        candidates = [Path(on_path).resolve().parent] if on_path else []
        candidates += [Path(d) for d in sorted(glob.glob(DEBIAN_BIN_GLOB), key=_version_key, reverse=True)]
        where = f"PATH or {DEBIAN_BIN_GLOB}"
    problems = []
    for d in candidates:
        missing = [b for b in BINARIES if not os.access(d / b, os.X_OK)]
        if not missing:
            return d
        problems.append(f"{d} lacks {', '.join(missing)}")
    found = "; ".join(problems) if problems else "no initdb found"
    raise PostgresUnavailable(f"PostgreSQL server binaries not found in {where} ({found}); {INSTALL_HINT}")


def _as_server_user(cmd: list[str]) -> list[str]:
    """Wrap cmd so it runs as the `postgres` user when we are root (initdb/postgres refuse root)."""
    if os.geteuid() != 0:
        return cmd
    if runuser := shutil.which("runuser"):
        return [runuser, "-u", SERVER_USER, "--", *cmd]
    if su := shutil.which("su"):
        return [su, SERVER_USER, "-s", "/bin/sh", "-c", shlex.join(cmd)]
    raise PostgresUnavailable("running as root but neither runuser nor su is available to drop to the postgres user")


def _run(
    bindir: Path, cwd: Path, *args: str, timeout: float = START_TIMEOUT_S + 30
) -> subprocess.CompletedProcess[str]:
    """Run one of the server binaries (as the server user when root), turning OS errors into a reason."""
    cmd = _as_server_user([str(bindir / args[0]), *args[1:]])
    try:  # cwd: the server user may not be able to enter the caller's cwd (e.g. /root)
        return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise PostgresUnavailable(f"{args[0]} could not be run: {exc}") from None


def _with_dbname(url: str, name: str) -> str:
    """The same server's URL (or key=value conninfo) pointing at database `name`."""
    if url.startswith(("postgresql://", "postgres://")):
        return urlunsplit(urlsplit(url)._replace(path="/" + name))
    return psycopg.conninfo.make_conninfo(url, dbname=name)


class PostgresServer:
    """A running server: one we started (and will stop), or an existing one from EVENTLEDGER_TEST_POSTGRES."""

    def __init__(self, url: str, base: Path | None = None, bindir: Path | None = None) -> None:
        self.url = url
        self.base = base  # temp dir holding data/, the socket and server.log; None for an external server
        self.bindir = bindir

    @classmethod
    def start(cls) -> PostgresServer:
        """Start a fresh cluster (or adopt $EVENTLEDGER_TEST_POSTGRES); raise PostgresUnavailable saying why not."""
        if external := os.environ.get(ENV_URL):
            server = cls(external)
            server._check_connect(f"the server in ${ENV_URL}")  # its URL may hold a password: not shown
            return server
        bindir = find_bindir()
        uid = gid = None
        if os.geteuid() == 0:
            try:
                entry = pwd.getpwnam(SERVER_USER)
            except KeyError:
                raise PostgresUnavailable(
                    f"running as root and there is no '{SERVER_USER}' system user; {INSTALL_HINT}"
                ) from None
            uid, gid = entry.pw_uid, entry.pw_gid
        base = Path(tempfile.mkdtemp(prefix="eventledger-pg-", dir="/tmp"))  # short path: sockets allow ~107 chars
        if uid is not None:
            os.chown(base, uid, gid)
        base.chmod(0o755)
        server = cls(f"postgresql://postgres@/postgres?host={base}&port={PORT}", base, bindir)
        atexit.register(server.stop)  # belt and braces should the fixture's teardown never run
        try:
            server._launch()
        except BaseException:
            server.stop()
            raise
        return server

    def _launch(self) -> None:
        assert self.base is not None and self.bindir is not None
        base, bindir = self.base, self.bindir
        data, log = base / "data", base / "server.log"
        # C collation so text ORDER BY matches SQLite's byte order.
        done = _run(
            bindir, base, "initdb", "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "-N"
        )
        if done.returncode != 0:
            raise PostgresUnavailable(f"initdb failed (exit {done.returncode}): {_tail(done.stderr + done.stdout)}")
        settings = {**SETTINGS, "unix_socket_directories": f"'{base}'", "port": str(PORT)}
        with open(data / "postgresql.conf", "a") as conf:  # appended settings win over initdb's defaults
            conf.write("".join(f"{k} = {v}\n" for k, v in settings.items()))
        done = _run(bindir, base, "pg_ctl", "start", "-D", str(data), "-l", str(log), "-w", "-t", str(START_TIMEOUT_S))
        if done.returncode != 0:
            log_text = log.read_text(errors="replace") if log.exists() else "(no server log)"
            raise PostgresUnavailable(
                f"pg_ctl start failed (exit {done.returncode}): {_tail(done.stderr + done.stdout)}; "
                f"server log tail: {_tail(log_text)}"
            )
        self._check_connect(f"the freshly started server at {self.url}")

    def _check_connect(self, what: str) -> None:
        try:
            with psycopg.connect(self.url, connect_timeout=10) as conn:
                conn.execute("SELECT 1")
        except psycopg.Error as exc:
            raise PostgresUnavailable(f"cannot connect to {what}: {str(exc).strip()}") from None

    def create_database(self, name: str) -> str:
        """Create database `name` (UTF8, C collation whatever the server's default) and return its URL."""
        with psycopg.connect(self.url, autocommit=True) as conn:  # CREATE DATABASE cannot run in a transaction
            conn.execute(
                sql.SQL("CREATE DATABASE {} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'").format(
                    sql.Identifier(name)
                )
            )
        return _with_dbname(self.url, name)

    def drop_database(self, name: str) -> None:
        """Drop database `name`, first ending sessions a test leaked (DROP DATABASE fails while any are open)."""
        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                (name,),
            )
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))

    def stop(self) -> None:
        """Stop a server we started (immediate: its data is discarded anyway) and delete its files. Idempotent."""
        base, self.base = self.base, None
        if base is None or self.bindir is None:
            return
        data = base / "data"
        if (data / "postmaster.pid").exists():
            try:
                stopped = _run(
                    self.bindir, base, "pg_ctl", "stop", "-D", str(data), "-m", "immediate", "-w", timeout=30
                )
                ok = stopped.returncode == 0
            except PostgresUnavailable:
                ok = False
            if not ok:  # last resort, so no postmaster outlives the session
                try:
                    os.kill(int((data / "postmaster.pid").read_text().split()[0]), signal.SIGQUIT)
                except (OSError, ValueError, IndexError):
                    pass
        shutil.rmtree(base, ignore_errors=True)


def _tail(text: str, lines: int = 15) -> str:
    """The last lines of some output, on one line, for a readable skip reason."""
    kept = [line.strip() for line in text.strip().splitlines()[-lines:] if line.strip()]
    return " | ".join(kept) or "(no output)"
