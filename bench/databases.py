"""The benchmark's own databases: a SQLite file under bench/data/ and a PostgreSQL database."""

import os
import shutil
import subprocess
import time
import urllib.parse
from pathlib import Path

import psycopg
from psycopg import sql


def remove_sqlite(path):
    for suffix in ("", "-wal", "-shm", "-journal"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def ensure_postgres_database(url, *, recreate=False):
    """Create the database of `url` if missing (drop it first if `recreate`). Returns a problem or None."""
    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    if recreate and "bench" not in name:
        return f"refusing to drop {name!r}: benchmark databases must have 'bench' in their name"
    maintenance = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    if parts.hostname in ("127.0.0.1", "localhost"):
        start_local_cluster(maintenance)
    try:
        with psycopg.connect(maintenance, autocommit=True, connect_timeout=5) as connection:
            if recreate:
                connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
            exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if not exists:
                connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    except psycopg.OperationalError as error:
        return f"no PostgreSQL server at {parts.hostname}:{parts.port or 5432} ({str(error).strip()})"
    return None


def postgres_version(url):
    try:
        with psycopg.connect(url, connect_timeout=5) as connection:
            return connection.execute("SHOW server_version").fetchone()[0]
    except psycopg.OperationalError:
        return None


def start_local_cluster(url):
    """Start Debian's local PostgreSQL cluster if it is installed but not running (as .ci/run does)."""
    try:
        psycopg.connect(url, connect_timeout=3).close()
        return
    except psycopg.OperationalError:
        pass
    clusters = sorted(Path("/etc/postgresql").glob("*/main")) if Path("/etc/postgresql").is_dir() else []
    if not clusters or not shutil.which("pg_ctlcluster") or os.geteuid() != 0:
        return
    version = clusters[-1].parent.name
    print(f"starting the local PostgreSQL {version} cluster…", flush=True)
    subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start"], capture_output=True)
    for _ in range(30):
        try:
            psycopg.connect(url, connect_timeout=2).close()
            return
        except psycopg.OperationalError:
            time.sleep(1)
