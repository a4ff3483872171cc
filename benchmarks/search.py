#!/usr/bin/env python
"""Latency of the database search backend on PostgreSQL, on the PTV corpus and at 20,000 documents.

Builds its own PostgreSQL database (`portal_bench_search`) with the demo county and the real
PTV data (indexed by `load_demo`): scenario "ptv". Then adds the 2,034-row PTV service list and
generated variants of it until the Finnish index holds 20,000 documents: scenario "20k". In
each, N client processes (each with its own Django and database connection) call
`get_backend().search(SearchQuery(...))` and `autocomplete()` in a closed loop over a fixed
query mix. See README-search.md. Reuses the database and machine helpers of `benchmarks/pages.py`.
"""

import argparse
import asyncio
import json
import multiprocessing
import os
import queue
import shlex
import statistics
import sys
import tempfile
import time
import traceback
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
# The project first: this file is called search.py, and the project's `search` package must
# win over it when Django imports `search`. benchmarks/ stays on the path for `pages`.
if str(ROOT) not in sys.path[:1]:
    sys.path.insert(0, str(ROOT))

import pages  # noqa: E402  (benchmarks/pages.py, importable as a module from benchmarks/)
import search_corpus  # noqa: E402  (benchmarks/search_corpus.py)

# Its own Redis database (the thesaurus is cached there), apart from pages.py and selfassess.py.
REDIS_URL = "redis://127.0.0.1:6379/13"
PROBE_MARK = "BENCH_SEARCH_PROBE "
SCENARIOS = ("ptv", "20k")
TARGET_P95_MS = 50.0
HTTP_PATH = "/fi/haku/"
INDEX_BATCH = 500


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--db-name", default="portal_bench_search", help="database to (re)create")
    p.add_argument("--scenarios", default=",".join(SCENARIOS), help="comma-separated: ptv,20k")
    p.add_argument("--documents", type=int, default=20_000, help="fi documents in scenario 20k")
    p.add_argument("--seed", type=int, default=search_corpus.DEFAULT_SEED, help="corpus seed")
    p.add_argument("--clients", type=int, default=4, help="concurrent client processes")
    p.add_argument("--duration", type=float, default=20.0, help="measured seconds of search")
    p.add_argument(
        "--autocomplete-duration", type=float, default=10.0, help="measured s of autocomplete"
    )
    p.add_argument("--warmup", type=float, default=3.0, help="unmeasured seconds before each")
    p.add_argument(
        "--no-vacuum", action="store_true", help="measure the index as loaded, not vacuumed"
    )
    p.add_argument("--http", action="store_true", help=f"also measure GET {HTTP_PATH}?q=…")
    p.add_argument("--http-clients", type=int, default=4, help="connections for --http")
    p.add_argument("--workers", type=int, default=2, help="gunicorn workers for --http")
    p.add_argument("--reuse-db", action="store_true", help="skip setup if the database exists")
    p.add_argument("--keep-db", action="store_true", help="do not drop the database at the end")
    p.add_argument("--profile", action="store_true", help="cProfile the slowest query in-process")
    p.add_argument("--probe", action="store_true", help=argparse.SUPPRESS)  # see probe()
    args = p.parse_args()
    args.scenarios = [name.strip() for name in args.scenarios.split(",") if name.strip()]
    unknown = set(args.scenarios) - set(SCENARIOS)
    if unknown:
        p.error(f"unknown scenarios: {', '.join(sorted(unknown))}")
    return args


def flush_redis() -> None:
    import redis

    redis.Redis.from_url(REDIS_URL, socket_timeout=5, socket_connect_timeout=5).flushdb()


def django_setup(env: dict | None = None) -> None:
    """In a child process: the benchmark's environment, then Django."""
    if env is not None:
        os.environ.update(env)
    if sys.path[0] != str(ROOT):
        sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def percentile(sorted_values: list[float], q: float) -> float | None:
    """The same nearest-rank percentile as pages.py (values sorted, in seconds → ms)."""
    if not sorted_values:
        return None
    return round(1000 * sorted_values[min(len(sorted_values) - 1, int(q * len(sorted_values)))], 1)


# --- The corpus ------------------------------------------------------------------------------


def corpus_prepare(env: dict, documents: int | None, seed: int, out) -> None:
    """In a child process. documents=None: the index as load_demo left it (generated documents
    removed, for --reuse-db). Otherwise: the service list and its variants added so that the
    Finnish index holds `documents` documents, through the backend's `index_documents` in
    batches, so the real PTV pages stay indexed beside them. Sends what it did to `out`."""
    try:
        django_setup(env)
        from search import thesaurus
        from search.backends import get_backend
        from search.models import SearchDocument

        backend = get_backend()
        assert backend.name == "database", backend.name
        started = time.monotonic()
        generated = SearchDocument.objects.filter(key__startswith=search_corpus.KEY_PREFIX)
        own_fi = SearchDocument.objects.filter(locale="fi").exclude(
            key__startswith=search_corpus.KEY_PREFIX
        )
        wanted: list = []
        if documents is not None:
            count = max(0, documents - own_fi.count())
            rows = search_corpus.service_rows()
            lay = {}  # topic tuple → lay terms, read once

            def lay_terms(topics):
                if topics not in lay:
                    lay[topics] = thesaurus.lay_terms_for("fi", topics)
                return lay[topics]

            wanted = list(
                search_corpus.corpus_documents(rows, count, seed=seed, lay_terms=lay_terms)
            )
        keys = {document.key for document in wanted}
        stale = [key for key in generated.values_list("key", flat=True) if key not in keys]
        for start in range(0, len(stale), INDEX_BATCH):
            backend.delete_documents(stale[start : start + INDEX_BATCH])
        present = set(generated.values_list("key", flat=True))
        missing = [document for document in wanted if document.key not in present]
        for start in range(0, len(missing), INDEX_BATCH):
            backend.index_documents(missing[start : start + INDEX_BATCH])
            done = start + len(missing[start : start + INDEX_BATCH])
            if done % 5000 < INDEX_BATCH or done == len(missing):
                elapsed = time.monotonic() - started
                print(f"    indexed {done}/{len(missing)} ({elapsed:.0f} s)", flush=True)
        # What search_rebuild ends with (autovacuum would do it later): fresh planner statistics.
        backend.engine.optimise()
        seconds = time.monotonic() - started
        out.put(
            {
                "generated_documents": len(wanted),
                "indexed_now": len(missing),
                "removed_now": len(stale),
                "seconds": round(seconds, 1),
                "documents_per_second": round(len(missing) / seconds, 1) if missing else None,
                "index": index_counts(),
            }
        )
    except BaseException:
        out.put({"error": traceback.format_exc()})
        raise


SEARCH_TABLES = (
    "search_searchdocument",
    "search_indexterm",
    "search_indexword",
    "search_indexstats",
)


def vacuum(db_name: str) -> dict:
    """VACUUM (ANALYZE) the index tables, as autovacuum would soon after a bulk load (it is
    off on the benchmark machine's PostgreSQL). Returns the live and dead row versions found
    before: writing a document inserts its row and then updates it with its tsvector."""
    rows = pages.pg(
        "SELECT relname, n_live_tup, n_dead_tup FROM pg_stat_user_tables WHERE relname = ANY(%s)",
        [list(SEARCH_TABLES)],
        dbname=db_name,
    )
    before = {name: {"live": live, "dead": dead} for name, live, dead in sorted(rows)}
    for table in SEARCH_TABLES:
        pages.pg(f"VACUUM (ANALYZE) {table}", dbname=db_name)
    return before


def index_counts() -> dict:
    from search.models import IndexStats, IndexTerm, IndexWord, SearchDocument

    return {
        "documents": {s.locale: s.documents for s in IndexStats.objects.order_by("locale")},
        "generated": SearchDocument.objects.filter(
            key__startswith=search_corpus.KEY_PREFIX
        ).count(),
        "terms": IndexTerm.objects.count(),
        "words": IndexWord.objects.count(),
    }


def receive(out, processes: list, timeout: float) -> dict:
    """The next report from a child; an error if they all died without one, or on timeout."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            return out.get(timeout=2)
        except queue.Empty:
            if not any(process.is_alive() for process in processes):
                raise RuntimeError("a child process died without a report") from None
            if time.monotonic() > deadline:
                raise RuntimeError(f"no report from the children in {timeout:g} s") from None


def run_child(target, *args, timeout: float) -> dict:
    """Runs `target(*args, queue)` in a fresh (spawned) process and returns what it sent."""
    context = multiprocessing.get_context("spawn")
    out = context.Queue()
    # Daemonic: if this script is stopped, its children go with it.
    process = context.Process(target=target, args=(*args, out), daemon=True)
    process.start()
    try:
        result = receive(out, [process], timeout)
    except BaseException:  # stopped (Ctrl-C, SIGTERM) or failed: do not wait for the child
        process.terminate()
        raise
    finally:
        process.join(timeout=30)
        if process.is_alive():
            process.kill()
    if "error" in result:
        raise RuntimeError(f"{target.__name__} failed:\n{result['error']}")
    return result


# --- Concurrent clients ----------------------------------------------------------------------


def client(env: dict, scenario: str, number: int, args: dict, start, out) -> None:
    """One client process: warm up, then (together with the others, at the barrier) search in
    a closed loop for `duration` seconds, then autocomplete for `autocomplete_duration`."""
    try:
        django_setup(env)
        from django.db import connection

        from search.backends import get_backend
        from search.backends.base import SearchQuery

        backend = get_backend()
        assert backend.name == "database", backend.name
        queries = search_corpus.search_queries(scenario)
        prefixes = search_corpus.autocomplete_prefixes(scenario)
        searches = [SearchQuery(**query) for query in queries]
        answers = []  # what each query finds, reported once by client 0
        for query in searches:  # warm-up: imports, voikko, the thesaurus, PostgreSQL's cache
            results = backend.search(query)
            answers.append(
                {
                    "total": results.total,
                    "hits": len(results.hits),
                    "suggestion": results.suggestion,
                }
            )
        for prefix in prefixes:
            backend.autocomplete(prefix["prefix"], prefix["locale"])

        def loop(calls: list, duration: float, offset: int) -> dict:
            latencies: list[tuple[int, float]] = []
            errors, first_error = 0, None
            stop_at = time.perf_counter() + duration
            index = offset
            cpu = time.process_time()
            while time.perf_counter() < stop_at:
                which = index % len(calls)
                index += 1
                t0 = time.perf_counter()
                try:
                    calls[which]()
                except Exception as error:  # the protocol says never; count it if it does
                    errors += 1
                    first_error = first_error or repr(error)
                    continue
                latencies.append((which, time.perf_counter() - t0))
            return {
                "latencies": latencies,
                "errors": errors,
                "first_error": first_error,
                "cpu_seconds": time.process_time() - cpu,
            }

        search_calls = [lambda query=query: backend.search(query) for query in searches]
        complete_calls = [
            lambda p=p: backend.autocomplete(p["prefix"], p["locale"]) for p in prefixes
        ]
        # Each client starts at another place in the mix, so they do not run in lockstep.
        offset = number * len(searches) // max(1, args["clients"])
        loop(search_calls, args["warmup"], offset)
        start.wait(timeout=600)
        result = {"search": loop(search_calls, args["duration"], offset)}
        loop(complete_calls, min(args["warmup"], 1.0), offset)
        start.wait(timeout=600)
        ac_offset = number * len(prefixes) // max(1, args["clients"])
        result["autocomplete"] = loop(complete_calls, args["autocomplete_duration"], ac_offset)
        connection.close()
        out.put({"number": number, "answers": answers if number == 0 else None, **result})
    except BaseException:
        out.put({"number": number, "error": traceback.format_exc()})
        raise


def run_clients(env: dict, scenario: str, args) -> dict:
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(args.clients)
    out = context.Queue()
    settings = {
        "clients": args.clients,
        "warmup": args.warmup,
        "duration": args.duration,
        "autocomplete_duration": args.autocomplete_duration,
    }
    processes = [
        context.Process(target=client, args=(env, scenario, n, settings, start, out), daemon=True)
        for n in range(args.clients)
    ]
    for process in processes:
        process.start()
    reports = []
    try:
        timeout = 600 + args.duration + args.autocomplete_duration
        for _ in processes:
            report = receive(out, processes, timeout)
            if "error" in report:
                start.abort()
                raise RuntimeError(f"client {report['number']} failed:\n{report['error']}")
            reports.append(report)
    except BaseException:  # stopped (Ctrl-C, SIGTERM) or failed: do not wait for the clients
        for process in processes:
            process.terminate()
        raise
    finally:
        for process in processes:
            process.join(timeout=30)
            if process.is_alive():
                process.kill()
    reports.sort(key=lambda report: report["number"])
    queries = search_corpus.search_queries(scenario)
    prefixes = search_corpus.autocomplete_prefixes(scenario)
    return {
        "search": summarise(reports, "search", args.duration, queries),
        "autocomplete": summarise(reports, "autocomplete", args.autocomplete_duration, prefixes),
        "answers": [
            {**query, **answer}
            for query, answer in zip(queries, reports[0]["answers"], strict=True)
        ],
    }


def summarise(reports: list[dict], phase: str, duration: float, calls: list[dict]) -> dict:
    pairs = [pair for report in reports for pair in report[phase]["latencies"]]
    latencies = sorted(seconds for _which, seconds in pairs)
    by_call: dict[int, list[float]] = {}
    for which, seconds in pairs:
        by_call.setdefault(which, []).append(seconds)
    per_call = []
    for which, call in enumerate(calls):
        values = sorted(by_call.get(which, []))
        per_call.append(
            {
                **call,
                "n": len(values),
                "p50_ms": percentile(values, 0.5),
                "p95_ms": percentile(values, 0.95),
            }
        )
    errors = sum(report[phase]["errors"] for report in reports)
    cpu = sum(report[phase]["cpu_seconds"] for report in reports)
    return {
        "calls": len(latencies),
        "per_second": round(len(latencies) / duration, 1),
        "p50_ms": percentile(latencies, 0.50),
        "p95_ms": percentile(latencies, 0.95),
        "p99_ms": percentile(latencies, 0.99),
        "max_ms": round(1000 * latencies[-1], 1) if latencies else None,
        "mean_ms": round(1000 * statistics.fmean(latencies), 1) if latencies else None,
        "errors": errors,
        "first_error": next((r[phase]["first_error"] for r in reports if r[phase]["errors"]), None),
        # Client CPU seconds per measured second: how much of the machine the clients used.
        "client_cpu_share": round(cpu / duration, 2),
        "per_call": per_call,
    }


# --- In-process probe: one client alone, SQL per query, and the profile --------------------


def probe(profile: bool) -> None:
    """Runs in a child process under the benchmark env, alone on the machine: every query of
    the scenario's mix (BENCH_SEARCH_SCENARIO) five times, with its SQL statements and their
    time; with --profile, a cProfile listing of the slowest query."""
    django_setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from search.backends import get_backend
    from search.backends.base import SearchQuery

    scenario = os.environ["BENCH_SEARCH_SCENARIO"]
    backend = get_backend()
    queries = search_corpus.search_queries(scenario)
    rows, all_runs = [], []
    for query in queries:
        search_query = SearchQuery(**query)
        backend.search(search_query)  # warm
        runs = []
        for _ in range(5):
            t0 = time.perf_counter()
            backend.search(search_query)
            runs.append(time.perf_counter() - t0)
        timings: list[float] = []

        def timed(execute, sql, params, many, context, timings=timings):
            t0 = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                timings.append(time.perf_counter() - t0)

        # Django's own query log rounds to milliseconds; the wrapper times to the microsecond.
        with CaptureQueriesContext(connection) as captured, connection.execute_wrapper(timed):
            t0 = time.perf_counter()
            backend.search(search_query)
            wall = time.perf_counter() - t0
        sql_seconds = sum(timings)
        all_runs.extend(runs)
        rows.append(
            {
                **query,
                "median_ms": round(1000 * statistics.median(runs), 2),
                "sql_statements": len(captured.captured_queries),
                "sql_ms": round(1000 * sql_seconds, 2),
                "sql_share": round(sql_seconds / wall, 2) if wall else None,
                "sql": [
                    {"ms": round(1000 * seconds, 2), "sql": q["sql"][:300]}
                    for seconds, q in zip(timings, captured.captured_queries, strict=True)
                ],
            }
        )
    all_runs.sort()
    slowest = max(rows, key=lambda row: row["median_ms"])
    result = {
        "scenario": scenario,
        "serial_p50_ms": percentile(all_runs, 0.5),
        "serial_p95_ms": percentile(all_runs, 0.95),
        "serial_mean_ms": round(1000 * statistics.fmean(all_runs), 2),
        "sql_share_median": statistics.median([r["sql_share"] or 0 for r in rows]),
        "queries": rows,
        "slowest": {key: slowest[key] for key in ("text", "locale", "median_ms", "sql_ms")},
    }
    if profile:
        import cProfile
        import pstats

        search_query = SearchQuery(
            **{k: v for k, v in slowest.items() if k in ("text", "locale", "topic", "page")}
        )
        profiler = cProfile.Profile()
        for _ in range(5):
            profiler.runcall(backend.search, search_query)
        print(f"cProfile of 5 runs of {slowest['text']!r} ({slowest['locale']}), {scenario}:")
        stats = pstats.Stats(profiler)
        stats.sort_stats("cumulative").print_stats(30)
        stats.sort_stats("tottime").print_stats(20)
        print("SQL of one run:")
        for statement in slowest["sql"]:
            print(f"  {statement['ms']:8.2f} ms  {statement['sql']}")
    print(PROBE_MARK + json.dumps(result))


def run_probe(env: dict, scenario: str, profile: bool) -> dict:
    env = {**env, "BENCH_SEARCH_SCENARIO": scenario}
    return pages.probe_subprocess(__file__, env, profile, mark=PROBE_MARK, timeout=600)


# --- Optional: the public search page over HTTP --------------------------------------------


def source_addresses():
    """127.1.0.1, 127.1.0.2, …: every connection comes from another loopback address, as if
    from another resident. The page allows each address 60 searches a minute
    (`search.views.SEARCHES_PER_MINUTE`); one benchmark address would get 429 after that."""
    while True:
        for high in range(256):
            for low in range(1, 255):
                yield f"127.1.{high}.{low}"


async def http_load(port: int, paths: list[str], args) -> dict:
    """Like pages.load, but each client walks the query mix (one path after another), and
    each connection comes from its own loopback address (`source_addresses`)."""
    addresses = source_addresses()
    loop = asyncio.get_running_loop()
    start = loop.time()
    measure_from, stop_at = start + args.warmup, start + args.warmup + args.duration
    latencies: list[float] = []
    stats = {"non_2xx": 0, "errors": 0, "statuses": {}}

    async def one_client(number: int) -> None:
        conn, index = None, number * len(paths) // max(1, args.http_clients)
        while (now := loop.time()) < stop_at:
            measured = now >= measure_from
            path = paths[index % len(paths)]
            index += 1
            request = (
                f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUser-Agent: bench\r\n\r\n"
            ).encode()
            t0 = time.perf_counter()
            try:
                async with asyncio.timeout(10):
                    if conn is None:
                        conn = await asyncio.open_connection(
                            "127.0.0.1", port, local_addr=(next(addresses), 0)
                        )
                    status, keep_open = await pages.fetch(*conn, request)
            except (OSError, TimeoutError, asyncio.IncompleteReadError, ValueError):
                stats["errors"] += measured
                conn = pages.close(conn)
                await asyncio.sleep(0.01)
                continue
            elapsed = time.perf_counter() - t0
            conn = conn if keep_open else pages.close(conn)
            if measured:
                latencies.append(elapsed)
                stats["statuses"][status] = stats["statuses"].get(status, 0) + 1
                stats["non_2xx"] += not 200 <= status < 300
        pages.close(conn)

    await asyncio.gather(*(one_client(n) for n in range(args.http_clients)))
    window = min(loop.time(), stop_at) - measure_from
    latencies.sort()
    return {
        "requests": len(latencies),
        "per_second": round(len(latencies) / window, 1),
        "p50_ms": percentile(latencies, 0.50),
        "p95_ms": percentile(latencies, 0.95),
        "p99_ms": percentile(latencies, 0.99),
        "max_ms": round(1000 * latencies[-1], 1) if latencies else None,
        **stats,
    }


def run_http(env: dict, scenario: str, args) -> dict:
    queries = [q for q in search_corpus.search_queries(scenario) if q["locale"] == "fi"]
    paths = []
    for query in queries:
        path = f"{HTTP_PATH}?q={quote(query['text'])}"
        if query.get("topic"):
            path += f"&topic={quote(query['topic'])}"
        if query.get("page"):
            path += f"&page={query['page']}"
        paths.append(path)
    flush_redis()
    server = pages.Gunicorn(env, args.workers)
    try:
        server.wait_healthy()
        status, headers = server.get(paths[0])
        if status == 404:
            print(f"  --http: {HTTP_PATH} answers 404: no public search page yet; skipped.")
            return {"skipped": f"{HTTP_PATH} answered 404"}
        if status != 200:
            raise RuntimeError(f"{paths[0]} answered {status}:\n{server.log_tail()}")
        print(f"  HTTP {HTTP_PATH}: {args.http_clients} connections, {args.workers} workers")
        result = asyncio.run(http_load(server.port, paths, args))
        result["x_page_cache"] = server.get(paths[0])[1].get("X-Page-Cache")
        return result
    finally:
        server.stop()


# --- Orchestration --------------------------------------------------------------------------


def table_print(results: dict) -> None:
    columns = ("docs fi", "calls/s", "p50 ms", "p95 ms", "p99 ms", "max ms", "errors")
    print(f"\n{'scenario':<10}{'operation':<16}" + "".join(f"{c:>9}" for c in columns))
    for scenario, result in results.items():
        docs = result["index"]["documents"].get("fi", 0)
        rows = [
            ("search", result["search"]),
            ("autocomplete", result["autocomplete"]),
        ]
        if "serial" in result:
            serial = result["serial"]
            rows.append(("search, 1 alone", {"p50_ms": serial["serial_p50_ms"],
                                             "p95_ms": serial["serial_p95_ms"]}))  # fmt: skip
        http = result.get("http") or {}
        if "p95_ms" in http:
            rows.append((f"HTTP {HTTP_PATH}", {**http, "calls": http["requests"]}))
        for name, r in rows:
            keys = ("per_second", "p50_ms", "p95_ms", "p99_ms", "max_ms", "errors")
            cells = [docs] + [r.get(key, "-") if r.get(key) is not None else "-" for key in keys]
            print(f"{scenario:<10}{name:<16}" + "".join(f"{c!s:>9}" for c in cells))


def slowest_print(scenario: str, result: dict) -> None:
    serial = {(q["text"], q["locale"]): q for q in result.get("serial", {}).get("queries", [])}
    answers = {(a["text"], a["locale"]): a for a in result["answers"]}
    per_call = sorted(result["search"]["per_call"], key=lambda c: -(c["p95_ms"] or 0))
    print(
        f"\nSlowest queries by p95, {scenario} ({result['clients']} clients; 'alone': median of "
        "5 runs by one client, and its SQL time)"
    )
    for call in per_call[:6]:
        key = (call["text"], call["locale"])
        alone = serial.get(key, {})
        extra = "".join(f" {name}={call[name]}" for name in ("topic", "page") if call.get(name))
        print(
            f"  p95 {call['p95_ms']!s:>6} ms  p50 {call['p50_ms']!s:>6} ms  "
            f"alone {alone.get('median_ms', '-')!s:>6} ms  SQL {alone.get('sql_ms', '-')!s:>6} ms "
            f"({alone.get('sql_statements', '-')} stmts)  hits {answers[key]['total']:>5}  "
            f"[{call['locale']}] {call['text']!r}{extra}"
        )


def main(args) -> int:
    started, started_at = time.monotonic(), datetime.now()
    load_start = os.getloadavg()
    static_root = tempfile.TemporaryDirectory(prefix="bench-static-")
    env = pages.bench_env(args.db_name, static_root.name) | {
        "REDIS_URL": REDIS_URL,
        "SEARCH_BACKEND": "database",  # the measured backend, whatever the shell has set
        "PAGE_CACHE_ENABLED": "true",  # production default, for --http
    }
    env.pop("ELASTICSEARCH_URL", None)
    print(f"{os.cpu_count()} CPUs; load average {' '.join(f'{x:.2f}' for x in load_start)}")
    if load_start[0] > 0.5:
        print(f"Warning: load average {load_start[0]:.2f}; the figures will be high.")
    results: dict[str, dict] = {}
    setup: dict[str, float] = {}
    try:
        t0 = time.monotonic()
        pages.database_prepare(args, env, skip_ptv=False)
        setup["database_seconds"] = round(time.monotonic() - t0, 1)
        flush_redis()
        if args.http:
            pages.manage(env, "collectstatic", "--noinput", timeout=300)
        for scenario in args.scenarios:
            documents = args.documents if scenario == "20k" else None
            what = f"{documents} fi documents" if documents else "the PTV corpus as loaded"
            print(f"Scenario {scenario}: preparing the index ({what})", flush=True)
            corpus = run_child(corpus_prepare, env, documents, args.seed, timeout=3600)
            print(
                f"  index: {corpus['index']['documents']} documents per locale, "
                f"{corpus['index']['generated']} generated; {corpus['seconds']} s",
                flush=True,
            )
            if args.no_vacuum:
                corpus["dead_rows_before_vacuum"] = None  # not vacuumed
            else:
                t0 = time.monotonic()
                corpus["dead_rows_before_vacuum"] = vacuum(args.db_name)
                corpus["vacuum_seconds"] = round(time.monotonic() - t0, 1)
                docs = corpus["dead_rows_before_vacuum"].get("search_searchdocument", {})
                print(
                    f"  VACUUM (ANALYZE) of the index tables: {corpus['vacuum_seconds']} s "
                    f"(search_searchdocument had {docs.get('live')} live, "
                    f"{docs.get('dead')} dead row versions)",
                    flush=True,
                )
            print(
                f"  {args.clients} clients: {args.warmup:g} s warm-up, {args.duration:g} s search, "
                f"{args.autocomplete_duration:g} s autocomplete",
                flush=True,
            )
            measured = run_clients(env, scenario, args)
            result = {"clients": args.clients, "corpus": corpus, "index": corpus["index"]}
            result |= measured
            print(f"  load average now {os.getloadavg()[0]:.2f}; one client alone:", flush=True)
            result["serial"] = run_probe(env, scenario, args.profile)
            if args.http:
                result["http"] = run_http(env, scenario, args)
            results[scenario] = result

        table_print(results)
        for scenario, result in results.items():
            slowest_print(scenario, result)
        load_end = os.getloadavg()
        print(
            f"\n{os.cpu_count()} CPUs; load average at the start "
            f"{' '.join(f'{x:.2f}' for x in load_start)}, at the end "
            f"{' '.join(f'{x:.2f}' for x in load_end)}"
        )
        targets = []
        if "20k" in results:
            p95 = results["20k"]["search"]["p95_ms"]
            docs = results["20k"]["index"]["documents"].get("fi", 0)
            targets.append(
                (
                    f"search p95 < {TARGET_P95_MS:g} ms at {docs} fi docs, {args.clients} clients",
                    p95 is not None and p95 < TARGET_P95_MS and docs >= 20_000,
                    f"{p95} ms",
                )
            )
        else:
            print("\n  (scenario 20k not run: the p95 target is not evaluated)")
        errors = sum(r[op]["errors"] for r in results.values() for op in ("search", "autocomplete"))
        targets.append(("no errors in search or autocomplete", errors == 0, str(errors)))
        pages.targets_print(targets)
        result = {
            "command": shlex.join([".venv/bin/python", "benchmarks/search.py", *sys.argv[1:]]),
            "started": started_at.isoformat(timespec="seconds"),
            "args": {k: v for k, v in vars(args).items() if k != "probe"},
            "machine": {
                **pages.machine_info(args.db_name),
                "postgresql_autovacuum": pages.pg("SHOW autovacuum", dbname=args.db_name)[0][0],
                "load_average_at_start": load_start,
                "load_average_at_end": load_end,
            },
            "setup": setup,
            "scenarios": results,
            "targets": [{"target": n, "pass": ok, "value": v} for n, ok, v in targets],
            "total_seconds": round(time.monotonic() - started, 1),
        }
        return pages.result_write("search", started_at, result)
    finally:
        static_root.cleanup()
        if not args.keep_db:
            pages.pg(f'DROP DATABASE IF EXISTS "{args.db_name}" WITH (FORCE)')


if __name__ == "__main__":
    pages.cli_run(parse_args, probe, main)
