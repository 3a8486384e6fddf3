"""The measured server: gunicorn, 2 sync workers, production settings, persistent DB connections."""

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data"


def server_environment(database_url, *, static_root):
    """Production mode as deployed (README), plus the bare reference view (bench.urls)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k != "DATABASE_URL"}
    return env | {
        "DATABASE_URL": database_url,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_CONN_MAX_AGE": "60",
        "DJANGO_ROOT_URLCONF": "bench.urls",
        "DJANGO_STATIC_ROOT": str(static_root),
        "DJANGO_LOG_LEVEL": "ERROR",
        "PYTHONPATH": str(ROOT),
    }


def free_port(start):
    for port in range(start, start + 100):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                return port
    raise RuntimeError(f"no free port from {start}")


class Gunicorn:
    def __init__(self, env, port, *, workers=2, log=None):
        self.env, self.port, self.workers = env, port, workers
        self.url = f"http://127.0.0.1:{port}"
        self.log = log or DATA / f"gunicorn-{port}.log"
        self.process = None

    def __enter__(self):
        command = [
            sys.executable, "-m", "gunicorn", "digest.wsgi", "--workers", str(self.workers),
            "--bind", f"127.0.0.1:{self.port}", "--no-control-socket", "--log-level", "warning",
        ]  # fmt: skip
        self.log_file = open(self.log, "w")
        self.process = subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=self.log_file, stderr=self.log_file)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited ({self.process.returncode}); see {self.log}")
            try:
                with urllib.request.urlopen(f"{self.url}/bench/bare/", timeout=5) as response:
                    if response.status == 200:
                        return self
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.3)
        raise RuntimeError(f"gunicorn did not answer within 60 s; see {self.log}")

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log_file.close()
