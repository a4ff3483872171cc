#!/usr/bin/env python
"""Completed self-assessments per second, and p95 of the result page, under concurrent clients.

Builds its own PostgreSQL database (`portal_bench_selfassess`) with the demo site, starts
`gunicorn portal.wsgi` with the production settings and 2 workers, and drives it from this
process: each client is a resident completing the Finnish WHO-5 (POST the answers, follow the
redirect to the result page) with its own cookies and CSRF token. See README-selfassess.md.
Reuses the database, gunicorn and machine helpers of `benchmarks/pages.py`.
"""

import argparse
import asyncio
import json
import os
import random
import re
import shlex
import sys
import tempfile
import time
from datetime import datetime

import pages  # benchmarks/pages.py: run from benchmarks/, it is importable as a module

ROOT = pages.ROOT
# Its own Redis database, so it never disturbs (or is disturbed by) benchmarks/pages.py.
REDIS_URL = "redis://127.0.0.1:6379/14"
PROBE_MARK = "BENCH_SELFASSESS_PROBE "
TARGET_COMPLETIONS_PER_SECOND = 200
CSRF_INPUT = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--db-name", default="portal_bench_selfassess", help="database to (re)create")
    p.add_argument("--clients", type=int, default=16, help="concurrent residents")
    p.add_argument("--duration", type=float, default=15.0, help="measured seconds per scenario")
    p.add_argument("--warmup", type=float, default=3.0, help="unmeasured seconds before each")
    p.add_argument("--max-completions", type=int, default=100_000, help="cap per scenario")
    p.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    p.add_argument("--reuse-db", action="store_true", help="skip setup if the database exists")
    p.add_argument("--keep-db", action="store_true", help="do not drop the database at the end")
    p.add_argument("--profile", action="store_true", help="cProfile one completion in-process")
    p.add_argument("--probe", action="store_true", help=argparse.SUPPRESS)
    return p.parse_args()


def flush_redis() -> None:
    import redis

    redis.Redis.from_url(REDIS_URL, socket_timeout=5, socket_connect_timeout=5).flushdb()


# --- In-process probe: the page to use, queries and CPU per completion ----------------------


def probe(profile: bool) -> None:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from selfassess.models import Completion, InstrumentPage

    page = InstrumentPage.objects.live().get(instrument="who5", locale__language_code="fi")
    step = f"/fi/self-assessment/{page.pk}/step/1/"
    result = f"/fi/self-assessment/{page.pk}/result/"
    answers = {f"q{n}": "3" for n in range(1, 6)} | {"nav": "next"}
    client = Client()  # no CSRF enforcement in-process: this measures our own work
    assert client.get(step).status_code == 200, "the WHO-5 form does not answer"

    def complete() -> None:
        response = client.post(step, answers)
        assert response.status_code == 303, response.status_code
        assert client.get(result).status_code == 200

    complete()  # warm-up: imports, templates, the cached definition
    client.cookies.clear()
    client.get(step)
    with CaptureQueriesContext(connection) as post_queries:
        client.post(step, answers)
    with CaptureQueriesContext(connection) as result_queries:
        client.get(result)
    sql = {
        "post": [q["sql"][:160] for q in post_queries.captured_queries],
        "result": [q["sql"][:160] for q in result_queries.captured_queries],
    }
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in range(50):
        client.cookies.clear()  # a new resident each time: a new Completion row
        complete()
    wall, cpu = (time.perf_counter() - wall) * 1000 / 50, (time.process_time() - cpu) * 1000 / 50
    if profile:
        import cProfile
        import pstats

        client.cookies.clear()
        profiler = cProfile.Profile()
        profiler.runcall(complete)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(35)
    Completion.objects.all().delete()  # the load starts from an empty statistics table
    print(
        PROBE_MARK
        + json.dumps(
            {
                "page_id": page.pk,
                "step_url": step,
                "result_url": result,
                "queries": {name: len(rows) for name, rows in sql.items()},
                "sql": sql,
                "in_process_ms_per_completion": round(wall, 2),
                "in_process_cpu_ms_per_completion": round(cpu, 2),
            }
        )
    )


def run_probe(env: dict, profile: bool) -> dict:
    return pages.probe_subprocess(__file__, env, profile, mark=PROBE_MARK, timeout=300)


# --- Load generator -------------------------------------------------------------------------


async def request(port: int, method: str, path: str, cookies: dict, body: bytes = b""):
    """One HTTP/1.1 request on a new connection (gunicorn's sync workers close after each
    response): (status, headers as (name, value) pairs, body)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        head = [f"{method} {path} HTTP/1.1", f"Host: 127.0.0.1:{port}", "User-Agent: bench"]
        if cookies:
            head.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in cookies.items()))
        if method == "POST":
            head += [
                "Content-Type: application/x-www-form-urlencoded",
                f"Content-Length: {len(body)}",
            ]
        writer.write(("\r\n".join(head) + "\r\n\r\n").encode() + body)
        await writer.drain()
        raw = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
        headers = [
            (k.strip().lower(), v.strip()) for k, _, v in (h.partition(":") for h in raw[1:])
        ]
        length = next((int(v) for k, v in headers if k == "content-length"), None)
        content = await (reader.readexactly(length) if length is not None else reader.read())
        return int(raw[0].split()[1]), headers, content
    finally:
        writer.close()


def store_cookies(cookies: dict, headers) -> None:
    for name, value in headers:
        if name == "set-cookie":
            key, _, rest = value.partition("=")
            cookies[key] = rest.split(";", 1)[0]


async def load(port: int, probed: dict, args, with_form: bool) -> dict:
    """Clients completing WHO-5 as fast as the server lets them. Each completion is a new
    resident (fresh cookies) unless `with_form` is off, when a client fetches the form once
    for its CSRF token and then only submits: POST the answers, GET the result page."""
    loop = asyncio.get_running_loop()
    start = loop.time()
    measure_from, stop_at = start + args.warmup, start + args.warmup + args.duration
    completions: list[float] = []
    result_latencies: list[float] = []
    stats = {"non_2xx": 0, "errors": 0, "not_a_result": 0}

    async def form(cookies: dict) -> bytes:
        status, headers, content = await request(port, "GET", probed["step_url"], cookies)
        store_cookies(cookies, headers)
        if status != 200:
            raise ValueError(f"form answered {status}")
        return CSRF_INPUT.search(content).group(1).decode()

    async def client() -> None:
        cookies: dict = {}
        token = None
        while (now := loop.time()) < stop_at and len(completions) < args.max_completions:
            measured = now >= measure_from
            t0 = time.perf_counter()
            try:
                async with asyncio.timeout(15):
                    if with_form or token is None:
                        cookies = {}
                        token = await form(cookies)
                    answers = {f"q{n}": str(random.randint(0, 5)) for n in range(1, 6)}
                    body = "&".join(f"{k}={v}" for k, v in answers.items())
                    body += f"&nav=next&csrfmiddlewaretoken={token}"
                    status, headers, _ = await request(
                        port, "POST", probed["step_url"], cookies, body.encode()
                    )
                    store_cookies(cookies, headers)
                    if status != 303:
                        raise ValueError(f"submit answered {status}")
                    t1 = time.perf_counter()
                    status, _, content = await request(port, "GET", probed["result_url"], cookies)
                    t2 = time.perf_counter()
                    cookies.pop("selfassess", None)  # the next submission is a new person's
            except (OSError, TimeoutError, asyncio.IncompleteReadError, ValueError) as error:
                stats["errors"] += measured
                stats.setdefault("first_error", repr(error))
                token = None
                await asyncio.sleep(0.01)
                continue
            if measured:
                completions.append(t2 - t0)
                result_latencies.append(t2 - t1)
                stats["non_2xx"] += not 200 <= status < 300
                stats["not_a_result"] += b'class="result__score"' not in content

    cpu_before = time.process_time()
    await asyncio.gather(*(client() for _ in range(args.clients)))
    cpu = (time.process_time() - cpu_before) / (loop.time() - start)
    window = min(loop.time(), stop_at) - measure_from

    def ms(values: list[float], q: float) -> float | None:
        if not values:
            return None
        values = sorted(values)
        return round(1000 * values[min(len(values) - 1, int(q * len(values)))], 1)

    return {
        "with_form": with_form,
        "completions": len(completions),
        "completions_per_second": round(len(completions) / window, 1),
        "completion_p50_ms": ms(completions, 0.50),
        "completion_p95_ms": ms(completions, 0.95),
        "result_page_p50_ms": ms(result_latencies, 0.50),
        "result_page_p95_ms": ms(result_latencies, 0.95),
        "result_page_p99_ms": ms(result_latencies, 0.99),
        **stats,
        "generator_cpu_pct": round(100 * cpu),
    }


# --- Orchestration --------------------------------------------------------------------------


def main(args) -> int:
    started, started_at, load_average = time.monotonic(), datetime.now(), os.getloadavg()[0]
    static_root = tempfile.TemporaryDirectory(prefix="bench-static-")
    env = pages.bench_env(args.db_name, static_root.name) | {
        "REDIS_URL": REDIS_URL,
        "PAGE_CACHE_ENABLED": "true",  # production default; question pages bypass it anyway
    }
    server = None
    try:
        if load_average > 0.5:
            print(f"Warning: load average {load_average:.2f}; the figures will be low.")
        pages.database_prepare(args, env, skip_ptv=True)
        flush_redis()
        pages.manage(env, "collectstatic", "--noinput", timeout=300)
        probed = run_probe(env, args.profile)
        print(
            f"In-process: {probed['in_process_ms_per_completion']} ms "
            f"({probed['in_process_cpu_ms_per_completion']} ms CPU) per completion; "
            f"SQL queries: submit {probed['queries']['post']}, result {probed['queries']['result']}"
        )
        flush_redis()
        server = pages.Gunicorn(env, args.workers)
        server.wait_healthy()
        print(f"Load: {args.clients} clients, {args.warmup:g} s warm-up + {args.duration:g} s")
        scenarios = {}
        for name, with_form in (("submit", False), ("new_resident", True)):
            print(f"  {name}", flush=True)
            scenarios[name] = asyncio.run(load(server.port, probed, args, with_form))
        server.stop()
        server = None

        print(f"\n{'scenario':<14}{'compl/s':>9}{'p95 ms':>9}{'result p50':>12}{'result p95':>12}"
              f"{'errors':>8}{'non-2xx':>9}{'gen CPU':>9}")  # fmt: skip
        for name, r in scenarios.items():
            print(
                f"{name:<14}{r['completions_per_second']:>9}{r['completion_p95_ms']!s:>9}"
                f"{r['result_page_p50_ms']!s:>12}{r['result_page_p95_ms']!s:>12}"
                f"{r['errors']:>8}{r['non_2xx']:>9}{r['generator_cpu_pct']:>8} %"
            )
        submit = scenarios["submit"]
        failures = sum(r["errors"] + r["non_2xx"] + r["not_a_result"] for r in scenarios.values())
        targets = [
            (
                f"submissions >= {TARGET_COMPLETIONS_PER_SECOND}/s",
                submit["completions_per_second"] >= TARGET_COMPLETIONS_PER_SECOND,
                str(submit["completions_per_second"]),
            ),
            ("no errors or non-2xx responses", failures == 0, str(failures)),
        ]
        pages.targets_print(targets)
        result = {
            "command": shlex.join([".venv/bin/python", "benchmarks/selfassess.py", *sys.argv[1:]]),
            "started": started_at.isoformat(timespec="seconds"),
            "args": {k: v for k, v in vars(args).items() if k != "probe"},
            "machine": {**pages.machine_info(args.db_name), "load_average_at_start": load_average},
            "probe": probed,
            "scenarios": scenarios,
            "targets": [{"target": n, "pass": ok, "value": v} for n, ok, v in targets],
            "total_seconds": round(time.monotonic() - started, 1),
        }
        return pages.result_write("selfassess", started_at, result)
    finally:
        if server is not None:
            server.stop()
        static_root.cleanup()
        if not args.keep_db:
            pages.pg(f'DROP DATABASE IF EXISTS "{args.db_name}" WITH (FORCE)')


if __name__ == "__main__":
    pages.cli_run(parse_args, probe, main)
