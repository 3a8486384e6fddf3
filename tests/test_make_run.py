"""`make run`: a taken port is refused before anything starts, with the command that picks another;
the server and the worker both write e-mail links from HOST."""

import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def make(*args):
    venv = Path(sys.executable).parents[1]  # the interpreter running the tests stands in for .venv
    return subprocess.run(
        ["make", "-s", f"VENV={venv}", *args], cwd=ROOT, capture_output=True, text=True, check=False, timeout=60
    )


def test_a_taken_port_is_refused_with_the_command_that_picks_another():
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]
        result = make("port-free", f"HOST=127.0.0.1:{port}")
    assert result.returncode != 0
    assert f"Cannot serve on 127.0.0.1:{port}" in result.stderr
    assert f"make run HOST=127.0.0.1:{port + 1}" in result.stderr


def test_a_free_port_passes_quietly():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = make("port-free", f"HOST=127.0.0.1:{port}")
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_the_server_and_the_worker_take_the_site_address_from_host():
    commands = make("-n", "run", "HOST=127.0.0.1:8001").stdout
    run = commands[commands.index("export DIGEST_SITE_URL") :]
    assert run.startswith("export DIGEST_SITE_URL=${DIGEST_SITE_URL:-http://127.0.0.1:8001};")
    assert run.index("qcluster") < run.index("runserver 127.0.0.1:8001")
