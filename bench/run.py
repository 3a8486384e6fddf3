"""`make bench`: Digest's pages under load at 100,000 reviews, beside a bare Django view.

For SQLite, then PostgreSQL: generate the data set if the bench database lacks it (bench/data/,
and the PostgreSQL database of --postgres-url), start gunicorn (2 sync workers, DEBUG off,
persistent connections), and load each page of bench/pages.py with wrk: a warm-up, then
8 connections for a fixed time, then one connection for the lone-request latency. SQL queries
per request are counted beforehand in a separate process (bench/prepare.py). Prints one line
per page and writes bench/data/last-run.json.

    python bench/run.py [--quick] [--only sqlite|postgres] [--seconds N]
"""

import argparse
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import databases, load, report  # noqa: E402
from bench.pages import BARE, PAGES  # noqa: E402
from bench.server import DATA, Gunicorn, free_port, server_environment  # noqa: E402

SIZES = {
    "full": {"reviews": 100_000, "reviewers": 10_000, "issues": 1_000},
    "quick": {"reviews": 3_000, "reviewers": 300, "issues": 40},
}
DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/digest_bench"


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="3,000 reviews and short runs: a smoke test")
    parser.add_argument("--only", choices=["sqlite", "postgres"], help="one database only")
    parser.add_argument("--seconds", type=int, help="measured seconds per page at 8 connections (default 5; quick 2)")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", "8105")))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--postgres-url", default=os.environ.get("BENCH_POSTGRES_URL", DEFAULT_POSTGRES),
        help="the PostgreSQL database for benchmark data (created if missing; default %(default)s)",
    )  # fmt: skip
    parser.add_argument("--markdown", action="store_true", help="also print the tables as Markdown")
    parser.add_argument(
        "--priority", action="store_true",
        help="run the servers and wrk at nice -10 (root only): on a machine shared with other jobs, "
        "closer to what the app does alone",
    )  # fmt: skip
    return parser.parse_args()


def collect_static(env):
    """Production static files (manifest, compressed) into bench/data/static, once per change of static/."""
    static_root = Path(env["DJANGO_STATIC_ROOT"])
    manifest = static_root / "staticfiles.json"
    newest = max(path.stat().st_mtime for path in (ROOT / "static").rglob("*") if path.is_file())
    if manifest.exists() and manifest.stat().st_mtime > newest:
        return
    print("collecting static files…", flush=True)
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)


@dataclass
class Target:
    """A database to benchmark, with the environment its server and its preparation share."""

    label: str
    url: str
    recreate: object
    size: str  # "quick" or the number of reviews: names the files of this data set
    env: dict = field(default_factory=dict)
    prepared: dict | None = None

    def __post_init__(self):
        self.env = server_environment(self.url, static_root=DATA / "static")
        self.out = DATA / f"prepared-{self.label}-{self.size}.json"  # fixtures and query counts
        self.log = DATA / f"prepare-{self.label}-{self.size}.log"


def prepare_all(targets, size, seed):
    """Migrate, generate if needed, fixtures and query counts (bench/prepare.py), for every target at once.

    Generating 100,000 reviews is mostly single-threaded Python, so two databases are filled side
    by side on a 2-core machine; nothing is measured until all are ready.
    """
    started, pending = time.monotonic(), {}
    for target in targets:
        pending[target.label] = (target, start_prepare(target, size, seed, quiet=len(targets) > 1), False)
    while pending:
        for label, (target, process, retried) in list(pending.items()):
            if process.poll() is None:
                continue
            del pending[label]
            if process.returncode == 3 and not retried:
                print(f"{label}: the bench database holds another data set; generating it anew", flush=True)
                target.recreate()
                pending[label] = (target, start_prepare(target, size, seed, quiet=len(targets) > 1), True)
            elif process.returncode:
                raise SystemExit(f"{label}: preparing the data failed (exit {process.returncode}); see {target.log}")
            else:
                target.prepared = json.loads(target.out.read_text())
                print(f"{label}: data ready after {time.monotonic() - started:.0f} s", flush=True)
        time.sleep(0.5)


def start_prepare(target, size, seed, *, quiet):
    command = [sys.executable, "-m", "bench.prepare", str(target.out), f"--seed={seed}"]
    command += [f"--{key}={value}" for key, value in size.items()]
    if not quiet:
        return subprocess.Popen(command, cwd=ROOT, env=target.env)
    print(f"{target.label}: preparing the data (migrate, generate if missing); progress in {target.log}")
    with open(target.log, "w") as out:
        return subprocess.Popen(command, cwd=ROOT, env=target.env, stdout=out, stderr=subprocess.STDOUT)


def measure_pages(server_url, prepared, wrk, timing, connections):
    fixtures, results = prepared["fixtures"], {}
    bare = load.Request(server_url, BARE.path(fixtures))
    for page in [BARE, *PAGES]:
        info = dict(prepared["pages"][page.name])
        results[page.name] = info
        if info["path"] is None:
            info["state"] = "n/a (not built)"
            continue
        request = load.Request(
            server_url, info["path"], page.method,
            cookie=fixtures["cookies"][page.login] if page.login else "",
            csrf=fixtures["csrf"] if page.method == "POST" else "",
            data=page.data(fixtures) if page.data else None,
            paths=page.paths(fixtures) if page.paths else None,
        )  # fmt: skip
        status = load.status_of(request)
        if status != 200:
            info["state"] = f"error: HTTP {status}"
            continue
        load.measure(wrk, request, connections=connections, seconds=timing["warmup"])
        load.status_of(request)  # waits for the requests still queued from the warm-up
        if page is not BARE:  # the reference again, just before: both see the same load from other jobs
            info["bare_nearby"] = load.measure(wrk, bare, connections=connections, seconds=timing["reference"])
        info["loaded"] = load.measure(wrk, request, connections=connections, seconds=timing["seconds"])
        load.status_of(request)
        info["single"] = load.lone(request, seconds=timing["single"])
        slow = f"slower than {timing['seconds']} s a request under load"
        info["state"] = "measured" if info["loaded"]["requests"] else slow
        print(f"  {page.name}: {report.short(info)}", flush=True)
    return results


def run_database(target, args, wrk, timing):
    print(f"{target.label}: starting gunicorn", flush=True)
    with Gunicorn(target.env, free_port(args.port), log=DATA / f"gunicorn-{target.label}.log") as server:
        pages = measure_pages(server.url, target.prepared, wrk, timing, args.connections)
    return {"database": target.label, "reviews": target.prepared["fixtures"]["reviews"], "pages": pages}


def main():
    args = arguments()
    DATA.mkdir(parents=True, exist_ok=True)
    timing = {
        "warmup": 1, "seconds": args.seconds or (2 if args.quick else 5),
        "reference": 1 if args.quick else 2, "single": 1 if args.quick else 2,
    }  # fmt: skip
    began = time.monotonic()
    if args.priority:
        os.nice(-10)  # inherited by gunicorn, wrk and the preparation
    wrk = load.ensure_wrk()
    machine = report.machine(wrk, args.postgres_url) | {"nice": os.nice(0)}
    print(report.header(machine, timing, args.connections, wrk), flush=True)
    targets = []
    suffix = "quick" if args.quick else str(SIZES["full"]["reviews"])
    if args.only in (None, "sqlite"):
        path = DATA / f"bench-{suffix}.sqlite3"
        targets.append(Target("SQLite", f"sqlite:///{path}", lambda: databases.remove_sqlite(path), suffix))
    if args.only in (None, "postgres"):
        url = args.postgres_url + ("_quick" if args.quick else "")
        problem = databases.ensure_postgres_database(url)
        if problem:
            print(f"PostgreSQL skipped: {problem}", flush=True)
        else:
            recreate = lambda: databases.ensure_postgres_database(url, recreate=True)  # noqa: E731
            targets.append(Target("PostgreSQL", url, recreate, suffix))
    if targets:
        collect_static(targets[0].env)
    prepare_all(targets, SIZES["quick" if args.quick else "full"], args.seed)
    runs = [run_database(target, args, wrk, timing) for target in targets]
    elapsed = time.monotonic() - began
    machine["load_average_end"] = os.getloadavg()
    summary = {"machine": machine, "timing": timing, "connections": args.connections, "runs": runs,
               "elapsed_s": round(elapsed), "load_generator": "wrk" if wrk else "python"}  # fmt: skip
    (DATA / "last-run.json").write_text(json.dumps(summary, indent=1))
    print()
    for run in runs:
        print(report.table(run, markdown=False))
        print()
    if args.markdown:
        for run in runs:
            print(report.table(run, markdown=True))
            print()
    print(f"finished in {elapsed / 60:.1f} min, load average {machine['load_average_end'][0]:.2f} at the end; "
          f"figures in {DATA / 'last-run.json'}")  # fmt: skip


if __name__ == "__main__":
    main()
