"""What the benchmark prints: the machine, one line per page, and whether each target holds."""

import os
import platform
import sqlite3
import subprocess
import time
from pathlib import Path

from bench.databases import postgres_version
from bench.pages import BARE, PAGES

PAGE_BY_NAME = {page.name: page for page in [BARE, *PAGES]}


def machine(wrk, postgres_url):
    import django
    import gunicorn

    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())  # fmt: skip
    memory_kb = int(next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                         if line.startswith("MemTotal")))  # fmt: skip
    wrk_version = ""
    if wrk:
        wrk_version = subprocess.run([wrk, "-v"], capture_output=True, text=True).stdout.split("[")[0].strip()
    return {
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
        "cpus": os.cpu_count(),
        "cpu": cpu,
        "memory_gb": round(memory_kb / 2**20, 1),
        "load_average": os.getloadavg(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "gunicorn": gunicorn.__version__,
        "sqlite": sqlite3.sqlite_version,
        "postgresql": postgres_version(postgres_url.rsplit("/", 1)[0] + "/postgres"),
        "load_generator": wrk_version or "Python client (bench/load.py)",
    }


def header(m, timing, connections, wrk):
    lines = [
        f"Digest benchmark · {m['date']} · {m['cpus']} × {m['cpu']} · {m['memory_gb']} GB RAM · "
        f"load average {m['load_average'][0]:.2f}" + (f" · running at nice {m['nice']}" if m.get("nice") else ""),
        f"Python {m['python']} · Django {m['django']} · gunicorn {m['gunicorn']} (2 sync workers) · "
        f"SQLite {m['sqlite']} · PostgreSQL {m['postgresql'] or 'not reachable'} · {m['load_generator']}",
        f"each page: {timing['warmup']} s warm-up, the bare view for {timing['reference']} s, the page for "
        f"{timing['seconds']} s at {connections} connections, then {timing['single']} s (at least 5) of requests "
        "one at a time: the lone-request latency. × bare: against the bare view measured just before the page.",
    ]
    if not wrk:
        lines.append("wrk is not installed: using the Python client, which shares the CPU with the server")
    return "\n".join(lines)


def rate(result):
    return result["requests"] / (result["duration_us"] / 1e6) if result["duration_us"] else 0.0


def short(info):
    if info["state"] != "measured":
        return info["state"]
    loaded = info["loaded"]
    return f"{loaded['p50_us'] / 1000:.1f} ms median, {rate(loaded):,.0f} req/s"


def reference_rate(info, bare_rate):
    """The bare view's throughput next to this page's measurement (same load from other jobs)."""
    nearby = info.get("bare_nearby")
    return rate(nearby) if nearby and nearby["requests"] else bare_rate


def verdict(page, info, bare_rate):
    """'yes', or what misses: the targets of bench/pages.py."""
    misses = []
    bare_rate = reference_rate(info, bare_rate)
    loaded, single = info["loaded"], info["single"]
    if page.max_median_ms is not None and loaded["p50_us"] / 1000 >= page.max_median_ms:
        misses.append(f"median ≥ {page.max_median_ms:g} ms")
    if page.min_ratio is not None and bare_rate and rate(loaded) / bare_rate < page.min_ratio:
        misses.append(f"< {page.min_ratio:.2f} × bare")
    if page.max_single_ms is not None and single["p50_us"] / 1000 >= page.max_single_ms:
        misses.append(f"lone request ≥ {page.max_single_ms:g} ms")
    if loaded["status_errors"] or loaded["socket_errors"]:
        misses.append(f"{loaded['status_errors'] + loaded['socket_errors']} errors")
    return "yes" if not misses else "no: " + ", ".join(misses)


COLUMNS = ["page", "median", "p95", "req/s", "× bare", "SQL", "lone req.", "target met"]


def rows(run):
    pages = run["pages"]
    bare = pages.get(BARE.name, {})
    bare_rate = rate(bare["loaded"]) if bare.get("state") == "measured" else 0
    for name, info in pages.items():
        page = PAGE_BY_NAME[name]
        if info.get("state") != "measured":
            yield [name, info.get("state", "?"), "", "", "", "", "", ""]
            continue
        loaded, single = info["loaded"], info["single"]
        reference = reference_rate(info, bare_rate)
        yield [
            name,
            f"{loaded['p50_us'] / 1000:.1f} ms",
            f"{loaded['p95_us'] / 1000:.1f} ms",
            f"{rate(loaded):,.0f}",
            f"{rate(loaded) / reference:.2f}" if reference else "",
            str(info["queries"]),
            f"{single['p50_us'] / 1000:.1f} ms",
            "" if page is BARE else verdict(page, info, bare_rate),
        ]


def table(run, *, markdown):
    title = f"{run['database']}, {run['reviews']:,} reviews"
    body = list(rows(run))
    if markdown:
        lines = [f"**{title}**", "", "| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
        lines += ["| " + " | ".join(row) + " |" for row in body]
        return "\n".join(lines)
    widths = [max(len(str(row[i])) for row in [COLUMNS, *body]) for i in range(len(COLUMNS))]
    line = lambda row: "  ".join(  # noqa: E731
        str(cell).ljust(widths[i]) if i in (0, 7) else str(cell).rjust(widths[i]) for i, cell in enumerate(row)
    )
    return "\n".join([title, line(COLUMNS), *[line(row) for row in body]])
