"""Public pages while members attack the preview and autosave at the rate limit.

    .venv/bin/python bench/attack.py [--minutes 10] [--baseline-minutes 2] [--attackers 2] [--redis URL]

A production-mode server (gunicorn, 2 sync workers, SQLite, the demo content) is measured in one
sitting: public pages alone (baseline), then for --minutes while --attackers members each send
200 KB worst-case bodies to the preview and to autosave as fast as their rate limits let them
through (DIGEST_RATE_PREVIEW, DIGEST_RATE_AUTOSAVE; each attacker also sends every refused
request it can, so the 429 path is loaded too), then public pages alone again. Public pages are
measured with wrk (2 connections, each page in turn, 15 s each) and reported per minute: p50,
p99, requests a second, errors. With --redis the rate limits are shared by the workers (as in a
deployment with REDIS_URL); without it each worker keeps its own count.
"""

import argparse
import http.client
import json
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.load import Request, ensure_wrk, measure  # noqa: E402
from bench.run import collect_static  # noqa: E402
from bench.server import DATA, Gunicorn, free_port, server_environment  # noqa: E402

PUBLIC = ["/", "/reviews/", "/issues/{issue}/", "/reviews/{review}/"]
PASSWORD = "an attacker's long pass phrase 7"
SETUP = """
from django.contrib.auth import get_user_model
from digest.models import Issue
from reviews.models import Paper, Review, Reviewer
users = []
for n in range({attackers}):
    name = f"attacker{{n}}@example.org"
    user = get_user_model().objects.create_user(name, name, {password!r})
    reviewer = Reviewer.objects.create(user=user, display_name=f"Attacker {{n}}")
    review = Review.objects.create(paper=Paper.objects.create(title=f"Target {{n}}"), reviewer=reviewer, body="x")
    users.append(review.pk)
issue = Issue.objects.filter(status="published").order_by("pk").first()
review = Review.objects.filter(status="published").order_by("pk").first()
print("BENCH", users, issue.slug, review.pk)
"""


def hostile_body(n):
    """What costs the renderer most within the 200 KB cap (bench/bounded_markdown.py): prose with links."""
    line = f"Words {n} in a sentence with a link https://example.org/{n} and *emphasis*.\n\n"
    return (line * (199_000 // len(line)))[:199_000]


class Session:
    """A logged-in member over one keep-alive connection."""

    def __init__(self, base, username):
        self.parts = urllib.parse.urlsplit(base)
        self.cookies = {}
        page = self.send("GET", "/accounts/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        self.send("POST", "/accounts/login/", {"username": username, "password": PASSWORD,
                                               "csrfmiddlewaretoken": token})  # fmt: skip
        if "sessionid" not in self.cookies:
            raise RuntimeError(f"{username} could not log in")

    def send(self, method, path, data=None):
        connection = http.client.HTTPConnection(self.parts.hostname, self.parts.port, timeout=60)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = urllib.parse.urlencode(data).encode() if data else None
        if body:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["X-CSRFToken"] = self.cookies.get("csrftoken", "")
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode(errors="replace")
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";")[0]
        connection.close()
        self.status = response.status
        return text


def attacker(base, username, review_pk, stop, counts, lock):
    session = Session(base, username)
    version, n = 1, 0
    while not stop.is_set():
        n += 1
        for kind in ("preview", "autosave"):
            body = hostile_body(n)
            began = time.perf_counter()
            if kind == "preview":
                session.send("POST", "/markdownx/markdownify/", {"content": body})
            else:
                answer = session.send("POST", f"/me/reviews/{review_pk}/autosave/",
                                      {"body": body, "version": version, "language": "en"})  # fmt: skip
                if session.status == 200:
                    version = json.loads(answer).get("version", version)
            with lock:
                counts[(kind, session.status)] = counts.get((kind, session.status), 0) + 1
                counts.setdefault(("time", kind, session.status), []).append(time.perf_counter() - began)
        stop.wait(0.2)  # a refused request costs little; keep knocking


def public_round(wrk, base, paths):
    """One minute of public pages: each path in turn for 15 s on 2 connections."""
    results = [measure(wrk, Request(base, path), connections=2, seconds=15) for path in paths]
    requests = sum(r["requests"] for r in results)
    seconds = sum(r["duration_us"] for r in results) / 1e6
    return {
        "p50_ms": statistics.median(r["p50_us"] for r in results) / 1000,
        "p99_ms": max(r["p99_us"] for r in results) / 1000,
        "rps": requests / seconds,
        "errors": sum(r["status_errors"] + r["socket_errors"] for r in results),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=int, default=10)
    parser.add_argument("--baseline-minutes", type=int, default=2)
    parser.add_argument("--attackers", type=int, default=2)
    parser.add_argument("--redis", default="", help="REDIS_URL for the cache (shared rate limits)")
    args = parser.parse_args()
    wrk = ensure_wrk()
    DATA.mkdir(parents=True, exist_ok=True)
    database = DATA / "attack.sqlite3"
    for leftover in DATA.glob("attack.sqlite3*"):
        leftover.unlink()
    env = server_environment(f"sqlite:///{database}", static_root=DATA / "static")
    env["DJANGO_ROOT_URLCONF"] = "bench.urls"
    if args.redis:
        env |= {"REDIS_URL": args.redis, "DJANGO_CACHE_PREFIX": f"attack-{uuid.uuid4().hex[:8]}"}
    collect_static(env)
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([*manage, "seed_demo"], cwd=ROOT, env=env, check=True, capture_output=True)
    out = subprocess.run([*manage, "shell", "-c", SETUP.format(attackers=args.attackers, password=PASSWORD)],
                         cwd=ROOT, env=env, check=True, capture_output=True, text=True).stdout  # fmt: skip
    reviews, issue, review = re.search(r"BENCH \[(.*)\] (\S+) (\d+)", out).groups()
    review_pks = [int(pk) for pk in reviews.split(",")]
    paths = [path.format(issue=issue, review=review) for path in PUBLIC]

    with Gunicorn(env, free_port(8650), workers=2, log=DATA / "attack-gunicorn.log") as server:
        rows = []

        def report(phase, minute, result):
            rows.append((phase, minute, result))
            print(f"{phase:<9} {minute:>3}  p50 {result['p50_ms']:7.1f} ms  p99 {result['p99_ms']:8.1f} ms  "
                  f"{result['rps']:7.1f} req/s  errors {result['errors']}", flush=True)  # fmt: skip

        print(f"public pages: {', '.join(paths)}", flush=True)
        for minute in range(1, args.baseline_minutes + 1):
            report("baseline", minute, public_round(wrk, server.url, paths))

        stop, lock, counts = threading.Event(), threading.Lock(), {}
        attackers = [
            threading.Thread(target=attacker, args=(server.url, f"attacker{n}@example.org", pk, stop, counts, lock))
            for n, pk in enumerate(review_pks)
        ]
        for thread in attackers:
            thread.start()
        for minute in range(1, args.minutes + 1):
            report("attack", minute, public_round(wrk, server.url, paths))
        stop.set()
        for thread in attackers:
            thread.join()
        for minute in range(1, args.baseline_minutes + 1):
            report("after", minute, public_round(wrk, server.url, paths))

    print("\nattack requests (all attackers):")
    for key in sorted(k for k in counts if k[0] != "time"):
        times = counts[("time", *key)]
        print(f"  {key[0]:<9} {key[1]}: {counts[key]:>6}   median {statistics.median(times) * 1000:7.1f} ms")
    for phase in ("baseline", "attack", "after"):
        got = [r for p, _, r in rows if p == phase]
        print(
            f"{phase:<9} p50 median {statistics.median(r['p50_ms'] for r in got):6.1f} ms, "
            f"worst p99 {max(r['p99_ms'] for r in got):7.1f} ms, "
            f"{statistics.mean(r['rps'] for r in got):6.1f} req/s, errors {sum(r['errors'] for r in got)}"
        )


if __name__ == "__main__":
    main()
