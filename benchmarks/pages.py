#!/usr/bin/env python
"""Throughput and latency of public pages served by gunicorn, with and without the page cache.

Builds a fresh PostgreSQL database with the demo county (and the real PTV data when present),
starts `gunicorn portal.wsgi` with the production settings, and drives it from this process
with an asyncio HTTP/1.1 load generator that talks only to 127.0.0.1. See benchmarks/README.md.
"""

import argparse
import asyncio
import json
import os
import platform
import secrets
import shlex
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent  # the venv running this script also holds gunicorn
RESULTS = ROOT / "benchmarks" / "results"
REDIS_URL = "redis://127.0.0.1:6379/15"
STATIC_URL = "/static/css/portal.css"
PROBE_MARK = "BENCH_PROBE_JSON "


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--db-name", default="portal_bench", help="database to (re)create")
    p.add_argument("--clients", type=int, default=32, help="concurrent connections")
    p.add_argument("--duration", type=float, default=10.0, help="measured seconds per scenario")
    p.add_argument("--warmup", type=float, default=2.0, help="unmeasured seconds before each")
    p.add_argument("--max-requests", type=int, default=200_000, help="cap per scenario")
    p.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    p.add_argument("--skip-ptv", action="store_true", help="pass --skip-ptv to load_demo")
    p.add_argument("--reuse-db", action="store_true", help="skip setup if the database exists")
    p.add_argument("--keep-db", action="store_true", help="do not drop the database at the end")
    p.add_argument("--profile", action="store_true", help="cProfile one uncached service page")
    p.add_argument("--probe", action="store_true", help=argparse.SUPPRESS)  # see probe()
    return p.parse_args()


def bench_env(db_name: str, static_root: str) -> dict:
    """The production settings module, relaxed only for plain HTTP on loopback."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.base",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",  # testserver: the probe's Client
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{db_name}",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "REDIS_URL": REDIS_URL,  # one cache shared by the workers, as in production
        "STATIC_ROOT": static_root,
        "PAGE_CACHE_ENABLED": "false",
    }


# --- Setup ----------------------------------------------------------------------------------


def pg(sql: str, params=None, dbname: str = "postgres") -> list:
    import psycopg

    conninfo = f"host=127.0.0.1 port=5432 user=postgres dbname={dbname} connect_timeout=10"
    with psycopg.connect(conninfo, autocommit=True) as conn:  # CREATE DATABASE needs autocommit
        cursor = conn.execute(sql, params)
        return cursor.fetchall() if cursor.description else []


def flush_redis() -> None:
    import redis

    redis.Redis.from_url(REDIS_URL, socket_timeout=5, socket_connect_timeout=5).flushdb()


def manage(env: dict, *args: str, timeout: float) -> None:
    started = time.monotonic()
    cmd = [sys.executable, "manage.py", *args]
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    if proc.returncode:
        sys.stderr.write(proc.stdout[-4000:] + proc.stderr[-4000:])
        raise RuntimeError(f"manage.py {' '.join(args)} failed ({proc.returncode})")
    print(f"  manage.py {' '.join(args)}: {time.monotonic() - started:.1f} s", flush=True)


def database_prepare(args, env: dict, *, skip_ptv: bool) -> None:
    """A fresh database with the demo content, or the existing one with --reuse-db."""
    print(f"Database {args.db_name}:", flush=True)
    if args.reuse_db and pg("SELECT 1 FROM pg_database WHERE datname = %s", [args.db_name]):
        print("  reusing it (--reuse-db)")
        return
    pg(f'DROP DATABASE IF EXISTS "{args.db_name}" WITH (FORCE)')
    pg(f'CREATE DATABASE "{args.db_name}"')
    manage(env, "migrate", "--noinput", timeout=300)
    manage(env, "load_demo", "--allow-production", *["--skip-ptv"] * skip_ptv, timeout=600)


def targets_print(targets: list[tuple[str, bool, str]]) -> None:
    print()
    for name, ok, value in targets:
        print(f"  {'PASS' if ok else 'FAIL'}  {name:<40} {value}")


def result_write(name: str, started_at: datetime, result: dict) -> int:
    """Writes results/<name>-<timestamp>.json; the exit status: 0 when every target passed."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"{name}-{started_at:%Y%m%d-%H%M%S}.json"
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"\nWrote {out.relative_to(ROOT)}; {result['total_seconds']} s in all.")
    return 0 if all(target["pass"] for target in result["targets"]) else 1


def cli_run(parse_args, probe, main) -> None:
    """The shared entry point: the in-process probe child, or the benchmark itself."""
    cli = parse_args()
    if cli.probe:
        probe(cli.profile)
        sys.exit(0)
    # SIGTERM takes the same path as Ctrl-C: the finally blocks stop gunicorn and drop the db.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        sys.exit(main(cli))
    except KeyboardInterrupt:
        print("\nInterrupted; gunicorn stopped.", file=sys.stderr)
        sys.exit(130)


def probe(profile: bool) -> None:
    """Runs in a child process under the benchmark env (page cache off): picks the URLs from
    the database and counts the SQL queries of one uncached service-page request."""
    sys.path.insert(0, str(ROOT))  # this file runs from benchmarks/; the project is one up
    import django

    django.setup()
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from portal.models import ServicePage

    # Of the fi service pages with opening hours, the one with the most channels: the
    # heaviest render, so the figures err on the slow side.
    page = (
        ServicePage.objects.live()
        .filter(locale__language_code="fi", channel_links__channel__hours__isnull=False)
        .annotate(channels=Count("channel_links", distinct=True))
        .order_by("-channels", "path")
        .first()
    )
    assert page is not None, "no fi service page with opening hours in the database"
    urls = {"service": page.get_url(), "topic": page.get_parent().get_url(), "home": "/fi/"}
    client = Client()
    for url in urls.values():  # warm-up: imports, template loading, cached_for_content
        status = client.get(url).status_code
        assert status == 200, f"{url} answered {status}"
    with CaptureQueriesContext(connection) as queries:
        client.get(urls["service"])
    # Read now: the next request's request_started signal empties connection.queries.
    sql = [q["sql"][:200] for q in queries.captured_queries]
    # The render cost alone, without HTTP or queueing: what bounds the uncached req/s.
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in range(20):
        client.get(urls["service"])
    wall, cpu = (time.perf_counter() - wall) * 1000 / 20, (time.process_time() - cpu) * 1000 / 20
    if profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.runcall(client.get, urls["service"])
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
    result = {"urls": urls, "channels": page.channels, "queries": len(sql), "sql": sql}
    result |= {"in_process_ms": round(wall, 1), "in_process_cpu_ms": round(cpu, 1)}
    print(PROBE_MARK + json.dumps(result))


def run_probe(env: dict, profile: bool) -> dict:
    return probe_subprocess(__file__, env, profile, mark=PROBE_MARK, timeout=180)


def probe_subprocess(script: str, env: dict, profile: bool, *, mark: str, timeout: float) -> dict:
    """Run `script --probe` in a fresh process (nothing else of the benchmark in it) and
    return the JSON it printed after `mark`; with `profile`, echo its cProfile listing."""
    cmd = [sys.executable, script, "--probe", *["--profile"] * profile]
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    lines = proc.stdout.splitlines()
    found = [line for line in lines if line.startswith(mark)]
    if proc.returncode or not found:
        sys.stderr.write(proc.stdout[-4000:] + proc.stderr[-4000:])
        raise RuntimeError("the in-process probe failed")
    if profile:
        print("\n".join(line for line in lines if not line.startswith(mark)))
    return json.loads(found[-1].removeprefix(mark))


# --- gunicorn -------------------------------------------------------------------------------


class Gunicorn:
    """gunicorn in its own session, so Ctrl-C reaches only us and stop() ends its workers."""

    def __init__(self, env: dict, workers: int):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.log = tempfile.NamedTemporaryFile(prefix="bench-gunicorn-")  # noqa: SIM115
        cmd = [BIN / "gunicorn", "portal.wsgi", "--workers", str(workers)]
        cmd += ["--bind", f"127.0.0.1:{self.port}"]
        out = {"stdout": self.log, "stderr": subprocess.STDOUT}
        self.proc = subprocess.Popen(cmd, cwd=ROOT, env=env, start_new_session=True, **out)

    def wait_healthy(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self.proc.poll() is None:
            try:
                if self.get("/healthz/")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError("gunicorn did not become healthy:\n" + self.log_tail())

    def get(self, path: str) -> tuple[int, dict]:
        url = f"http://127.0.0.1:{self.port}{path}"
        try:
            with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (loopback)
                return response.status, dict(response.headers)
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers)

    def log_tail(self) -> str:
        return Path(self.log.name).read_text(errors="replace")[-3000:]

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=5)
        self.log.close()


# --- Load generator -------------------------------------------------------------------------


async def fetch(reader, writer, request: bytes) -> tuple[int, bool]:
    """One request on an open connection: (status, whether the connection stays open)."""
    writer.write(request)
    await writer.drain()
    head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").lower().split("\r\n")
    headers = {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in head[1:])}
    # Django (CommonMiddleware) and WhiteNoise always send Content-Length; without one, the
    # body runs to the end of the connection.
    if "content-length" in headers:
        await reader.readexactly(int(headers["content-length"]))
        return int(head[0].split()[1]), headers.get("connection") != "close"
    await reader.read()
    return int(head[0].split()[1]), False


async def load(port: int, path: str, args) -> dict:
    request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUser-Agent: bench\r\n\r\n".encode()
    loop = asyncio.get_running_loop()
    start = loop.time()
    measure_from, stop_at = start + args.warmup, start + args.warmup + args.duration
    latencies: list[float] = []
    stats = {"non_2xx": 0, "errors": 0, "statuses": {}}

    async def client() -> None:
        conn = None
        while (now := loop.time()) < stop_at and len(latencies) < args.max_requests:
            measured = now >= measure_from  # requests started in the warm-up don't count
            t0 = time.perf_counter()
            try:
                async with asyncio.timeout(10):  # a stuck request is an error, never a hang
                    # gunicorn's sync workers close after every response, so the (re)connect
                    # is part of the latency, as it is for a browser hitting such a server.
                    conn = conn or await asyncio.open_connection("127.0.0.1", port)
                    status, keep_open = await fetch(*conn, request)
            except (OSError, TimeoutError, asyncio.IncompleteReadError, ValueError):
                stats["errors"] += measured
                conn = close(conn)
                await asyncio.sleep(0.01)  # no busy loop when the server is gone
                continue
            elapsed = time.perf_counter() - t0
            conn = conn if keep_open else close(conn)
            if measured:
                latencies.append(elapsed)
                stats["statuses"][status] = stats["statuses"].get(status, 0) + 1
                stats["non_2xx"] += not 200 <= status < 300
        close(conn)

    cpu_before = time.process_time()
    await asyncio.gather(*(client() for _ in range(args.clients)))
    # The generator's own CPU share: near 100 % would mean it, not the server, is the limit.
    cpu = (time.process_time() - cpu_before) / (loop.time() - start)
    window = min(loop.time(), stop_at) - measure_from
    latencies.sort()

    def ms(q: float) -> float:
        return round(1000 * latencies[min(len(latencies) - 1, int(q * len(latencies)))], 1)

    return {
        "path": path,
        "requests": len(latencies),
        "rps": round(len(latencies) / window, 1),
        **({"p50_ms": ms(0.50), "p95_ms": ms(0.95), "p99_ms": ms(0.99)} if latencies else {}),
        **stats,
        "generator_cpu_pct": round(100 * cpu),
    }


def close(conn) -> None:
    if conn is not None:
        conn[1].close()


# --- Orchestration --------------------------------------------------------------------------


def run_scenarios(args, env: dict, urls: dict, page_cache: bool) -> dict:
    flush_redis()  # each server starts from an empty cache
    server = Gunicorn({**env, "PAGE_CACHE_ENABLED": str(page_cache).lower()}, args.workers)
    results = {}
    try:
        server.wait_healthy()
        for name, path in urls.items():
            status, _ = server.get(path)
            if status != 200:
                raise RuntimeError(f"{path} answered {status}:\n{server.log_tail()}")
            print(f"  {name} (cache {'on' if page_cache else 'off'}): {path}", flush=True)
            results[name] = asyncio.run(load(server.port, path, args))
            # Evidence that the scenario ran as labelled: "hit" with the cache on, None off.
            results[name]["x_page_cache"] = server.get(path)[1].get("X-Page-Cache")
    finally:
        server.stop()
    return results


def machine_info(db_name: str) -> dict:
    import django
    import wagtail

    meminfo = Path("/proc/meminfo").read_text().split()
    return {
        "nproc": os.cpu_count(),
        "memory_gib": round(int(meminfo[1]) / 2**20, 1),
        "python": platform.python_version(),
        "postgresql": pg("SELECT current_setting('server_version')", dbname=db_name)[0][0],
        "django": django.__version__,
        "wagtail": wagtail.__version__,
    }


def evaluate(on: dict, off: dict, queries: int) -> list[tuple[str, bool, str]]:
    cached, uncached = on["service"], off["service"]
    ratio = cached["rps"] / on["static"]["rps"] if on["static"]["rps"] else 0
    failures = sum(r["non_2xx"] + r["errors"] for r in [*on.values(), *off.values()])
    p95 = cached.get("p95_ms", float("inf"))
    return [
        ("cached service >= 50 % of static req/s", ratio >= 0.5, f"{100 * ratio:.0f} %"),
        ("cached service p95 < 50 ms", p95 < 50, f"{p95} ms"),
        ("uncached service <= 10 SQL queries", queries <= 10, str(queries)),
        ("uncached service >= 170 req/s", uncached["rps"] >= 170, f"{uncached['rps']}"),
        ("no non-2xx responses or errors", failures == 0, str(failures)),
    ]


def print_table(on: dict, off: dict) -> None:
    columns = ("req/s", "p50 ms", "p95 ms", "p99 ms", "non-2xx", "errors", "gen CPU")
    print(f"\n{'scenario':<16}" + "".join(f"{c:>9}" for c in columns))
    for cache, results in (("on", on), ("off", off)):
        for name, r in results.items():
            keys = ("rps", "p50_ms", "p95_ms", "p99_ms", "non_2xx", "errors")
            cells = [r.get(key, "-") for key in keys] + [f"{r['generator_cpu_pct']} %"]
            print(f"{f'{name} ({cache})':<16}" + "".join(f"{c:>9}" for c in cells))


def main(args) -> int:
    started, started_at, load_average = time.monotonic(), datetime.now(), os.getloadavg()[0]
    static_root = tempfile.TemporaryDirectory(prefix="bench-static-")
    env = bench_env(args.db_name, static_root.name)
    try:
        if load_average > 0.5:  # the figures are only comparable on an otherwise idle machine
            print(f"Warning: load average {load_average:.2f}; the figures will be low.")
        database_prepare(args, env, skip_ptv=args.skip_ptv)
        flush_redis()
        manage(env, "collectstatic", "--noinput", timeout=300)
        probed = run_probe(env, args.profile)
        print(
            f"Uncached service page in-process: {probed['queries']} SQL queries, "
            f"{probed['in_process_ms']} ms ({probed['in_process_cpu_ms']} ms CPU)"
        )
        print(f"Load: {args.clients} clients, {args.warmup:g} s warm-up + {args.duration:g} s")
        on = run_scenarios(args, env, {**probed["urls"], "static": STATIC_URL}, True)
        off = run_scenarios(args, env, probed["urls"], False)
        print_table(on, off)
        targets = evaluate(on, off, probed["queries"])
        targets_print(targets)
        result = {
            "command": shlex.join([".venv/bin/python", "benchmarks/pages.py", *sys.argv[1:]]),
            "started": started_at.isoformat(timespec="seconds"),
            "args": {k: v for k, v in vars(args).items() if k != "probe"},
            "machine": {**machine_info(args.db_name), "load_average_at_start": load_average},
            "probe": probed,
            "cache_on": on,
            "cache_off": off,
            "targets": [{"target": n, "pass": ok, "value": v} for n, ok, v in targets],
            "total_seconds": round(time.monotonic() - started, 1),
        }
        return result_write("pages", started_at, result)
    finally:
        static_root.cleanup()
        if not args.keep_db:
            pg(f'DROP DATABASE IF EXISTS "{args.db_name}" WITH (FORCE)')


if __name__ == "__main__":
    cli_run(parse_args, probe, main)
