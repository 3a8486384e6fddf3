"""HTTP load: wrk (Debian's package) with bench/report.lua, or a Python client when wrk is missing.

Both run closed-loop: `connections` clients each send the next request as soon as the previous
answer arrives, for `seconds`, and report requests, latency percentiles and errors.
"""

import http.client
import json
import os
import random
import shutil
import subprocess
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

LUA = Path(__file__).with_name("report.lua")


def ensure_wrk():
    """Path of wrk, installing Debian's package when possible; None means: use the Python client."""
    found = shutil.which("wrk")
    if found:
        return found
    if shutil.which("apt-get"):
        sudo = [] if os.geteuid() == 0 else (["sudo", "-n"] if shutil.which("sudo") else None)
        if sudo is not None:
            print("wrk is missing: installing Debian's package (apt-get install wrk)…", flush=True)
            env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
            subprocess.run([*sudo, "apt-get", "update", "-qq"], env=env, capture_output=True)
            subprocess.run([*sudo, "apt-get", "install", "-y", "-qq", "wrk"], env=env, capture_output=True)
            if shutil.which("wrk"):
                return shutil.which("wrk")
    return None


def quote(path):
    return urllib.parse.quote(path, safe="/?&=%+:;,@")  # slugs may be Cyrillic, Devanagari, Han


class Request:
    """One URL, or with `paths` many: each request then takes one of them at random."""

    def __init__(self, base_url, path, method="GET", cookie="", csrf="", data=None, paths=None):
        self.url, self.method, self.cookie, self.csrf = base_url + quote(path), method, cookie, csrf
        self.body = urllib.parse.urlencode(data).encode() if data is not None else b""
        self.paths = [quote(one) for one in paths] if paths else None

    def targets(self):
        """The paths requests go to (path with query), in a fixed order."""
        if self.paths:
            return self.paths
        parts = urllib.parse.urlsplit(self.url)
        return [parts.path + (f"?{parts.query}" if parts.query else "")]

    def headers(self):
        headers = {"Cookie": self.cookie} if self.cookie else {}
        if self.csrf:
            headers["X-CSRFToken"] = self.csrf
        if self.body:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        return headers


def status_of(request, timeout=60):
    """The status of one request (no redirects followed)."""
    parts = urllib.parse.urlsplit(request.url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        connection.request(request.method, parts.path + (f"?{parts.query}" if parts.query else ""),
                           body=request.body or None, headers=request.headers())  # fmt: skip
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def run_wrk(wrk, request, *, connections, seconds, threads):
    env = {**os.environ, "BENCH_METHOD": request.method, "BENCH_COOKIE": request.cookie, "BENCH_CSRF": request.csrf}
    with (
        tempfile.NamedTemporaryFile("wb", suffix=".body") as body,
        tempfile.NamedTemporaryFile("w", suffix=".paths") as paths,
    ):
        if request.paths:
            paths.write("\n".join(request.paths) + "\n")
            paths.flush()
            env["BENCH_PATHS_FILE"] = paths.name
        if request.body:
            body.write(request.body)
            body.flush()
            env["BENCH_BODY_FILE"] = body.name
        command = [wrk, f"-t{min(threads, connections)}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s",
                   "-s", str(LUA), request.url]  # fmt: skip
        result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=seconds + 30)
    for line in result.stdout.splitlines():
        if line.startswith("BENCH_JSON "):
            return json.loads(line.removeprefix("BENCH_JSON "))
    raise RuntimeError(f"wrk gave no summary: {result.stdout}\n{result.stderr}")


def run_python(request, *, connections, seconds, **_):
    """Closed-loop keep-alive clients in threads. On a 2-core machine they take CPU from the server."""
    parts = urllib.parse.urlsplit(request.url)
    targets = request.targets()
    latencies, errors = [], {"status": 0, "socket": 0}
    lock, stop_at = threading.Lock(), time.monotonic() + seconds

    def client():
        mine, connection = [], None
        while time.monotonic() < stop_at:
            try:
                connection = connection or http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
                began = time.perf_counter()
                connection.request(
                    request.method, random.choice(targets), body=request.body or None, headers=request.headers()
                )
                response = connection.getresponse()
                response.read()
                mine.append(time.perf_counter() - began)
                if response.status >= 400:
                    with lock:
                        errors["status"] += 1
            except (OSError, http.client.HTTPException):
                connection = None
                with lock:
                    errors["socket"] += 1
        with lock:
            latencies.extend(mine)

    began = time.monotonic()
    workers = [threading.Thread(target=client) for _ in range(connections)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    duration = time.monotonic() - began
    latencies.sort()

    def percentile(p):
        return int(latencies[min(len(latencies) - 1, int(len(latencies) * p / 100))] * 1e6) if latencies else 0

    return {
        "requests": len(latencies), "duration_us": int(duration * 1e6), "status_errors": errors["status"],
        "socket_errors": errors["socket"], "p50_us": percentile(50), "p95_us": percentile(95),
        "p99_us": percentile(99), "mean_us": sum(latencies) / max(len(latencies), 1) * 1e6,
    }  # fmt: skip


def lone(request, *, seconds, at_least=5):
    """Latency of requests sent one after another on one connection: the time the server spends
    on a request when nothing queues in front of it. At least `at_least` requests, however slow.
    With many paths, requests go through them in a random order."""
    parts = urllib.parse.urlsplit(request.url)
    targets = random.sample(request.targets(), len(request.targets()))
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    latencies, errors, began = [], 0, time.monotonic()
    try:
        while len(latencies) < at_least or time.monotonic() - began < seconds:
            start = time.perf_counter()
            target = targets[len(latencies) % len(targets)]
            connection.request(request.method, target, body=request.body or None, headers=request.headers())
            response = connection.getresponse()
            response.read()
            latencies.append(time.perf_counter() - start)
            errors += response.status >= 400
    finally:
        connection.close()
    latencies.sort()
    return {
        "requests": len(latencies), "duration_us": int((time.monotonic() - began) * 1e6), "status_errors": errors,
        "socket_errors": 0, "p50_us": int(latencies[len(latencies) // 2] * 1e6),
        "p95_us": int(latencies[min(len(latencies) - 1, len(latencies) * 95 // 100)] * 1e6),
        "p99_us": int(latencies[-1] * 1e6), "mean_us": sum(latencies) / len(latencies) * 1e6,
    }  # fmt: skip


def measure(wrk, request, *, connections, seconds, threads=2):
    if wrk:
        return run_wrk(wrk, request, connections=connections, seconds=seconds, threads=threads)
    return run_python(request, connections=connections, seconds=seconds)
