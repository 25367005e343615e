"""Load harness: gunicorn with the production settings on PostgreSQL + Redis, wrk on the other core.

    .venv/bin/python bench/load/run.py                       # everything: ~9 minutes
    .venv/bin/python bench/load/run.py --quick               # 10 s per scenario, 60 s mixed
    .venv/bin/python bench/load/run.py --only trivial region # some scenarios only

Needs the national dataset (bench/make_national_data.py, database sc_national), Redis, `wrk` (apt) and
`taskset` (util-linux). What it does, in one run:

1. `collectstatic`, then starts gunicorn (`smartcity.settings.production`, 2 sync workers, pinned to core 0) with
   BENCH_TRIVIAL_VIEW=true, so `/bench/trivial/` is the framework's floor on the same server;
2. per scenario (trivial, home, region, kelurahan, search, innovation, api, api-deep-cursor, staff) a wrk run
   (pinned to core 1, 1 thread, `--connections`) over that scenario's paths — first with the Redis cache (pages
   warmed), then, on a second server started with CACHE_DISABLED=true, uncached;
3. mixed runs: citizens (45 connections, weighted mix of every public scenario over many regions and villages)
   and staff (5 connections, signed in) at once, for `--mixed-duration` seconds each: first as 50 users who
   wait 0.5–1.5 s between requests (`--mixed-think 1000`), then saturated (no wait: 50 requests always in flight);
4. checks that a repeat visit with the validators of the first answer gets 304;
5. writes a table to stdout and everything to bench/results/load-<time>.json.

Requests carry `X-Forwarded-Proto: https` as nginx would send it. A path that answers 4xx/5xx counts as an
error in the figures (wrk's "status" errors).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import secrets
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
LUA = Path(__file__).resolve().parent / "wrk_paths.lua"
PY = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
BENCH_PASSWORD = os.environ.get("BENCH_PASSWORD", "bench-national-2026")


def server_env(args: argparse.Namespace, cache: bool) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="smartcity.settings.production",
        DATABASE_URL=args.database_url,
        REDIS_URL=args.redis_url,
        SECRET_KEY=env.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(64),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        BENCH_TRIVIAL_VIEW="true",
        CACHE_DISABLED="false" if cache else "true",
        LOG_LEVEL="ERROR",
        # All load comes from one address: the API's per-client throttle would answer 429 to most of it.
        API_THROTTLE_ANON="10000000/minute",
        API_THROTTLE_USER="10000000/minute",
        CONN_MAX_AGE="600",
    )
    return env


def pinned(cpu: str, command: list[str]) -> list[str]:
    return ["taskset", "-c", cpu, *command] if shutil.which("taskset") and cpu else command


def start_server(args: argparse.Namespace, env: dict[str, str], port: int) -> subprocess.Popen:
    command = [str(GUNICORN), "smartcity.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(args.workers)]
    command += ["--log-level", "warning", "--backlog", "2048"]
    server = subprocess.Popen(pinned(args.server_cpu, command), cwd=ROOT, env=env, start_new_session=True)
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            status, _h, _b = get(port, "/healthz")
            if status == 200:
                return server
        except OSError:
            pass
        time.sleep(0.3)
    stop(server)
    raise SystemExit("gunicorn did not become healthy in 30 s")


def stop(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)


def get(port: int, path: str, headers: dict[str, str] | None = None, method: str = "GET", body: str | None = None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=40)
    base = {"X-Forwarded-Proto": "https", "Host": "127.0.0.1", "Accept-Language": "id"}
    connection.request(method, path, body=body, headers={**base, **(headers or {})})
    response = connection.getresponse()
    data = response.read()
    connection.close()
    return response.status, response.headers, data


# -- paths per scenario -------------------------------------------------------------------------------------


def discover(args: argparse.Namespace, env: dict[str, str]) -> dict[str, list[str]]:
    """Ask Django (same settings, same database) for the URLs of every scenario; missing pages are skipped."""
    result = subprocess.run(
        [str(PY), str(Path(__file__).with_name("discover.py"))],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    line = next((ln for ln in result.stdout.splitlines() if ln.startswith("PATHS ")), None)
    if line is None:
        raise SystemExit("path discovery failed:\n" + result.stderr[-3000:])
    paths = json.loads(line[6:])
    return paths


def keep_answering(port: int, paths: list[str], cookie: str = "") -> tuple[list[str], dict[str, object]]:
    """Drop paths that do not answer 200/304 (e.g. an API resource that does not exist yet) or take over 5 s
    on an idle server; report them with their status and time."""
    good, bad = [], {}
    headers = {"Cookie": cookie} if cookie else {}
    for path in paths:
        started = time.perf_counter()
        try:
            status, _h, _b = get(port, path, headers)
        except TimeoutError:
            status = "timeout"
        seconds = round(time.perf_counter() - started, 2)
        if status in (200, 304) and seconds < 5:
            good.append(path)
        else:
            bad[path] = f"{status} in {seconds} s"
    return good, bad


def staff_cookie(port: int, username: str = "bench.admin") -> str:
    status, headers, body = get(port, "/admin/login/")
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body.decode()).group(1)
    cookies = {}
    for header in headers.get_all("Set-Cookie") or []:
        name, _, rest = header.partition("=")
        cookies[name] = rest.split(";")[0]
    form = urllib.parse.urlencode(
        {"username": username, "password": BENCH_PASSWORD, "csrfmiddlewaretoken": csrf, "next": "/admin/"}
    )
    status, headers, _b = get(
        port,
        "/admin/login/",
        {
            "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()),
            "Content-Type": "application/x-www-form-urlencoded",
            "Referer": "https://127.0.0.1/admin/login/",
        },
        method="POST",
        body=form,
    )
    for header in headers.get_all("Set-Cookie") or []:
        name, _, rest = header.partition("=")
        cookies[name] = rest.split(";")[0]
    if status != 302 or "sessionid" not in cookies:
        raise SystemExit(f"staff login failed: {status}")
    return "; ".join(f"{k}={v}" for k, v in cookies.items())


# -- wrk ----------------------------------------------------------------------------------------------------


def wrk(
    args: argparse.Namespace, port: int, paths: list[str], connections: int, seconds: int, cookie: str = "", think=0
):
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as handle:
        handle.write("\n".join(paths) + "\n")
        path_file = handle.name
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", str(LUA)]
    command += [f"http://127.0.0.1:{port}", "--", path_file, cookie, str(think)]
    return subprocess.Popen(pinned(args.client_cpu, command), stdout=subprocess.PIPE, text=True)


def wrk_result(process: subprocess.Popen) -> dict[str, float]:
    out, _err = process.communicate()
    line = next((ln for ln in out.splitlines() if ln.startswith("WRKJSON ")), None)
    if line is None:
        raise SystemExit("wrk gave no result:\n" + out)
    data = json.loads(line[8:])
    seconds = data["duration_us"] / 1e6
    data["rps"] = round(data["requests"] / seconds, 1)
    data["errors"] = data["connect"] + data["read"] + data["write"] + data["status"] + data["timeout"]
    return data


def users_run(
    args: argparse.Namespace, port: int, groups: dict[str, tuple[list[str], str, int]], seconds: int, think_ms: int
) -> dict[str, dict[str, float]]:
    """Simulated users with think time: per group (paths, cookie, users), each user a thread that waits 0.5-1.5 x
    `think_ms`, sends the next request of its group on a new connection and times it; pinned to the client core.

    Not wrk: its delay() measured the trivial view at p50 224 ms here with 45 such users (a gunicorn sync worker
    closes every connection, and wrk's reconnect path then counts part of the wait as latency) against 22 ms
    without delay. Python's client costs ~0.2 ms a request, nothing at 50 users' pace.
    """
    stop_at = time.monotonic() + seconds
    records: dict[str, list[tuple[float, int]]] = {name: [] for name in groups}

    def user(name: str, paths: list[str], cookie: str, seed: int) -> None:
        rng = random.Random(seed)
        index = rng.randrange(len(paths))
        headers = {"Cookie": cookie} if cookie else None
        while True:
            time.sleep(think_ms / 1000 * (0.5 + rng.random()))
            if time.monotonic() >= stop_at:
                return
            index = (index + 1) % len(paths)
            started = time.perf_counter()
            try:
                status = get(port, paths[index], headers)[0]
            except OSError:
                status = 0
            records[name].append(((time.perf_counter() - started) * 1000, status))

    affinity = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {int(args.client_cpu)})
    try:
        threads = [
            threading.Thread(target=user, args=(name, paths, cookie, hash((name, n))), daemon=True)
            for name, (paths, cookie, users) in groups.items()
            for n in range(users)
        ]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
    finally:
        os.sched_setaffinity(0, affinity)
    out = {}
    for name, rows in records.items():
        times = sorted(ms for ms, _status in rows)

        def pct(p: float, times: list[float] = times) -> float:
            return round(times[min(len(times) - 1, int(len(times) * p / 100))], 2) if times else 0.0

        out[name] = {
            "requests": len(rows),
            "rps": round(len(rows) / elapsed, 1),
            "p50_ms": pct(50),
            "p90_ms": pct(90),
            "p95_ms": pct(95),
            "p99_ms": pct(99),
            "max_ms": round(times[-1], 2) if times else 0.0,
            "mean_ms": round(sum(times) / len(times), 2) if times else 0.0,
            "errors": sum(1 for _ms, status in rows if status == 0 or status >= 400),
        }
    return out


def run_scenarios(args, port, paths, names, cookie, label, results) -> None:
    for name in names:
        chosen = paths.get(name) or []
        if not chosen:
            print(f"  {label:<9} {name:<17} (no such page yet: skipped)")
            continue
        headers = cookie if name == "staff" else ""
        for path in chosen[: args.warm]:
            get(port, path, {"Cookie": headers} if headers else None)
        result = wrk_result(wrk(args, port, chosen, args.connections, args.duration, headers))
        result.update(scenario=name, cache=label, paths=len(chosen), connections=args.connections)
        results.append(result)
        print(
            f"  {label:<9} {name:<17} {result['rps']:>8.1f} req/s  p50 {result['p50_ms']:7.1f}  p95 "
            f"{result['p95_ms']:7.1f}  p99 {result['p99_ms']:7.1f} ms  errors {result['errors']}",
            flush=True,
        )


def conditional_get(port: int, path: str) -> dict[str, object]:
    status, headers, _b = get(port, path)
    conditional = {}
    if headers.get("ETag"):
        conditional["If-None-Match"] = headers["ETag"]
    if headers.get("Last-Modified"):
        conditional["If-Modified-Since"] = headers["Last-Modified"]
    second = get(port, path, conditional)[0] if conditional else None
    return {
        "path": path,
        "first": status,
        "etag": headers.get("ETag"),
        "last_modified": headers.get("Last-Modified"),
        "cache_control": headers.get("Cache-Control"),
        "repeat": second,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/sc_national")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/9")
    parser.add_argument("--port", type=int, default=8800)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--duration", type=int, default=15, help="seconds per scenario")
    parser.add_argument("--mixed-duration", type=int, default=300)
    parser.add_argument("--warm", type=int, default=2000, help="paths fetched once before a cached scenario")
    parser.add_argument("--server-cpu", default="0")
    parser.add_argument("--client-cpu", default="1")
    parser.add_argument("--only", nargs="*", default=None)
    parser.add_argument("--skip-uncached", action="store_true")
    parser.add_argument("--skip-mixed", action="store_true")
    parser.add_argument(
        "--mixed-think",
        type=int,
        nargs="+",
        default=[1000, 0],
        help="mean think time per user in ms for each mixed run (0: every connection sends its next request at once)",
    )
    parser.add_argument("--quick", action="store_true")
    parser.add_argument(
        "--hot", type=int, default=0, help="use only the first N paths of each scenario (all warmed: a hot cache)"
    )
    args = parser.parse_args()
    if args.quick:
        args.duration, args.mixed_duration = 10, 60
    if not shutil.which("wrk"):
        raise SystemExit("wrk not found: apt-get install wrk")

    env = server_env(args, cache=True)
    subprocess.run([str(PY), "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([str(PY), "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run(["redis-cli", "-u", args.redis_url, "flushdb"], check=False, stdout=subprocess.DEVNULL)
    paths = discover(args, env)
    scenario_names = [
        "trivial", "home", "lists", "region", "kelurahan", "search", "innovation", "api",
        "api-cursor-first", "api-cursor-deep", "staff",
    ]  # fmt: skip
    if args.only:
        scenario_names = [name for name in scenario_names if name in args.only]
    results: list[dict] = []
    report: dict[str, object] = {
        "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "workers": args.workers,
        "connections": args.connections,
        "duration": args.duration,
        "cpus": os.cpu_count(),
        "load_before": os.getloadavg(),
    }
    print(f"load average before: {os.getloadavg()}")

    server = start_server(args, env, args.port)
    try:
        cookie = staff_cookie(args.port)
        skipped = {}
        for name in scenario_names:
            if name in paths:
                # Check the first 100 paths of each scenario; the rest are of the same kind.
                checked, bad = keep_answering(args.port, paths[name][:100], cookie if name == "staff" else "")
                paths[name] = checked + paths[name][100:2000]
                if bad:
                    skipped[name] = dict(list(bad.items())[:10])
        if args.hot:
            paths = {name: found[: args.hot] for name, found in paths.items()}
            args.warm = max(args.warm, args.hot)
        report["hot"] = args.hot
        report["not_answering"] = skipped
        if skipped:
            print("paths that did not answer 200 (left out):", json.dumps(skipped, indent=1)[:2000])
        report["conditional"] = [
            conditional_get(args.port, path)
            for path in ("/", *(paths.get("region") or [])[:1], *(paths.get("kelurahan") or [])[:1])
        ]
        print("repeat visits:", json.dumps(report["conditional"]))
        print("scenario runs (cached):")
        run_scenarios(args, args.port, paths, scenario_names, cookie, "cached", results)
        if not args.skip_mixed:
            citizens = []
            weights = {"home": 1, "lists": 1, "region": 3, "kelurahan": 3, "search": 1, "innovation": 2, "api": 2}
            for name, weight in weights.items():
                pool = paths.get(name) or []
                citizens += (pool * (1 + 400 // max(1, len(pool))))[: 400 * weight]
            staff_paths = paths.get("staff") or ["/admin/"]
            for think in args.mixed_think:
                mode = f"users, {think} ms think time" if think else "saturated, no think time"
                print(f"mixed ({mode}): 45 citizens over {len(citizens)} paths + 5 staff, {args.mixed_duration} s")
                load_before = os.getloadavg()
                if think:
                    groups = {"citizens": (citizens, "", 45), "staff": (staff_paths, cookie, 5)}
                    measured = users_run(args, args.port, groups, args.mixed_duration, think)
                else:
                    citizen_run = wrk(args, args.port, citizens, 45, args.mixed_duration)
                    staff_run = wrk(args, args.port, staff_paths, 5, args.mixed_duration, cookie)
                    measured = {"citizens": wrk_result(citizen_run), "staff": wrk_result(staff_run)}
                for label, result in measured.items():
                    result.update(
                        scenario=f"mixed-{label}", cache="cached", paths=len(citizens), load=load_before, think_ms=think
                    )
                    results.append(result)
                    print(
                        f"  mixed     {label:<17} {result['rps']:>8.1f} req/s  p50 {result['p50_ms']:7.1f}  p95 "
                        f"{result['p95_ms']:7.1f}  p99 {result['p99_ms']:7.1f} ms  errors {result['errors']}",
                        flush=True,
                    )
    finally:
        stop(server)

    if not args.skip_uncached:
        env = server_env(args, cache=False)
        server = start_server(args, env, args.port + 1)
        try:
            cookie = staff_cookie(args.port + 1)
            print("scenario runs (uncached: CACHE_DISABLED=true):")
            uncached = [n for n in scenario_names if n in ("trivial", "region", "kelurahan", "innovation", "search")]
            run_scenarios(args, args.port + 1, paths, uncached, cookie, "uncached", results)
        finally:
            stop(server)

    report["results"] = results
    report["load_after"] = os.getloadavg()
    floor = {r["cache"]: r["rps"] for r in results if r["scenario"] == "trivial"}
    ratios = {}
    for r in results:
        if r["scenario"] not in ("trivial", "staff") and floor.get(r["cache"]):
            ratios[f"{r['scenario']} ({r['cache']})"] = round(100 * r["rps"] / floor[r["cache"]], 1)
    report["percent_of_trivial"] = ratios
    print("percent of the trivial view's req/s:", json.dumps(ratios))
    out = ROOT / "bench" / "results" / f"load-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(report, indent=1))
    print(f"written: {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
