"""Resilience drills under load, on services of their own (never the machine's shared PostgreSQL/Redis).

    .venv/bin/python bench/drills/run_drills.py redis       # Redis stopped for 60 s under load
    .venv/bin/python bench/drills/run_drills.py postgres    # PostgreSQL restarted under load
    .venv/bin/python bench/drills/run_drills.py all

`redis`: a private redis-server on port 6380 (append-only file in a temporary folder, like docker-compose's)
is the cache and broker of a gunicorn (production settings, 2 workers) serving the national dataset
(sc_national on the shared PostgreSQL, read only). A load client (8 threads) requests region, kelurahan, API and
health pages; after 15 s Redis is stopped for 60 s, then started again; 20 s more. Pass: no 5xx at all, the
health check says "degraded" while Redis is down and "ok" after, and the cache holds keys again afterwards.
It also proves that queued reminders survive the outage (`Reminders`): before it, `--reminders` rows due today
(drill users, deleted afterwards) are created and half of them queued while no worker runs, so the tasks wait
in the broker (and its append-only file); during it the other half are queued too, which must not fail the
caller and leaves them planned; after Redis is back a real Celery worker starts and the sweeper's enqueue runs
once. Pass also needs every row sent within 120 s, each email written exactly once (counted by Message-ID).

`postgres`: a private PostgreSQL cluster (initdb into /tmp, port 5433) holds a demo database; gunicorn runs
with CONN_MAX_AGE=600, CONN_HEALTH_CHECKS on and the cache off (every request reaches the database). After
15 s, `pg_ctl restart -m fast`; 30 s more. Pass: the first good answer after the restart comes within 10 s of the
restart and every later one is good, with the same gunicorn worker processes (no worker restart).

Prints a per-second timeline and a verdict; writes bench/results/drill-<name>-<time>.json.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
PY = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
CELERY = ROOT / ".venv" / "bin" / "celery"
PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))


def base_env(database_url: str, redis_url: str, cache: bool = True) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="smartcity.settings.production",
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        LOG_LEVEL="ERROR",
        CONN_MAX_AGE="600",
        CACHE_DISABLED="false" if cache else "true",
        API_THROTTLE_ANON="10000000/minute",
        API_THROTTLE_USER="10000000/minute",
    )
    return env


def get(port: int, path: str, timeout: float = 10) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"X-Forwarded-Proto": "https", "Host": "127.0.0.1"})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def start_gunicorn(env: dict[str, str], port: int) -> subprocess.Popen:
    command = [str(GUNICORN), "smartcity.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2", "--log-level", "error"]
    log = open(Path(tempfile.gettempdir()) / f"drill-gunicorn-{port}.log", "ab")  # noqa: SIM115
    server = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True, stderr=log, stdout=log)
    for _ in range(100):
        try:
            if get(port, "/healthz", 2)[0] in (200, 503):
                return server
        except OSError:
            time.sleep(0.3)
    stop(server)
    raise SystemExit("gunicorn did not start")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def workers_of(server: subprocess.Popen) -> list[int]:
    out = subprocess.run(["ps", "--ppid", str(server.pid), "-o", "pid="], capture_output=True, text=True, check=False)
    return sorted(int(pid) for pid in out.stdout.split())


class Load:
    """Threads requesting paths round-robin; records (time, path, status, ms) for every request."""

    def __init__(self, port: int, paths: list[str], threads: int = 8) -> None:
        self.port, self.paths, self.threads = port, paths, threads
        self.records: list[tuple[float, str, int, float]] = []
        self.lock = threading.Lock()
        self.running = True
        self.started = time.monotonic()

    def worker(self, offset: int) -> None:
        index = offset
        while self.running:
            path = self.paths[index % len(self.paths)]
            index += self.threads
            begin = time.monotonic()
            try:
                status, _body = get(self.port, path)
            except OSError:
                status = 0  # connection refused / reset / timeout
            with self.lock:
                self.records.append((begin - self.started, path, status, (time.monotonic() - begin) * 1000))

    def __enter__(self) -> Load:
        self.pool = [threading.Thread(target=self.worker, args=(i,), daemon=True) for i in range(self.threads)]
        for thread in self.pool:
            thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.running = False
        for thread in self.pool:
            thread.join(15)

    def now(self) -> float:
        return time.monotonic() - self.started


def timeline(records: list[tuple[float, str, int, float]]) -> list[dict[str, object]]:
    seconds: dict[int, Counter] = defaultdict(Counter)
    worst: dict[int, float] = defaultdict(float)
    for at, _path, status, ms in records:
        seconds[int(at)][status] += 1
        worst[int(at)] = max(worst[int(at)], ms)
    return [
        {"second": s, "statuses": dict(sorted(seconds[s].items())), "max_ms": round(worst[s], 1)}
        for s in sorted(seconds)
    ]


def print_timeline(rows: list[dict[str, object]], marks: dict[int, str]) -> None:
    for row in rows:
        mark = marks.get(row["second"], "")
        print(f"  t={row['second']:>3}s  {json.dumps(row['statuses']):<40} max {row['max_ms']:>8.1f} ms  {mark}")


# -- Redis ----------------------------------------------------------------------------------------------------

BROKER_DB = 1


def broker_queue_length(port: int) -> int:
    """Tasks waiting in the default Celery queue of the drill's Redis (database BROKER_DB)."""
    command = ["redis-cli", "-p", str(port), "-n", str(BROKER_DB), "llen", "celery"]
    out = subprocess.run(command, capture_output=True, text=True)
    return int(out.stdout.strip() or 0)


def mail_figures(folder: Path) -> dict[str, int]:
    """Files the file email backend wrote (one per connection) and the emails in them, by Message-ID."""
    files = sorted(folder.glob("*.log"))
    ids = [m for f in files for m in re.findall(rb"^Message-ID: (\S+)", f.read_bytes(), re.MULTILINE)]
    return {"email_files": len(files), "emails_written": len(ids), "duplicate_emails": len(ids) - len(set(ids))}


class Reminders:
    """The reminders of the Redis drill: queued before the outage, planned during it, all sent after it.

    The rows are created, queued and removed by bench/drills/reminder_rows.py in processes of their own with the
    drill's environment (production settings, the drill Redis as broker), like a web request or the beat would.
    After the outage the sweeper's step runs as `enqueue_due` on the drill's rows only, not `sweep()`: the
    national dataset is shared, and other planned reminders in it are none of the drill's business.
    """

    def __init__(self, env: dict[str, str], count: int, redis_port: int) -> None:
        self.tag = secrets.token_hex(4)
        self.count = count
        self.redis_port = redis_port
        self.mail = Path(tempfile.mkdtemp(prefix="sc-drill-mail-"))
        self.env = {
            **env,
            # A database of its own, so the cache check (`dbsize` of database 0) still counts cache keys only.
            "CELERY_BROKER_URL": f"redis://127.0.0.1:{redis_port}/{BROKER_DB}",
            "EMAIL_URL": f"filemail:///{self.mail}",  # django-environ drops the first "/" of the path
            "LOG_LEVEL": "INFO",
        }
        self.figures: dict[str, object] = {}
        self.worker: subprocess.Popen | None = None
        self.thread: threading.Thread | None = None
        self.error: BaseException | None = None

    def rows(self, command: str, *args: object) -> dict:
        script = ROOT / "bench" / "drills" / "reminder_rows.py"
        done = subprocess.run(
            [str(PY), str(script), command, self.tag, *map(str, args)],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
        )
        if done.returncode:
            raise RuntimeError(f"reminder_rows.py {command} failed:\n{done.stderr[-2000:]}")
        return json.loads(done.stdout.strip().splitlines()[-1])

    def before_outage(self) -> None:
        half = self.count // 2
        planned = self.rows("plan", 0, half)
        self.figures.update(
            planned_before_outage=planned["created"],
            queued_before_outage=planned["queued"],
            broker_tasks_before_outage=broker_queue_length(self.redis_port),
        )

    def during_outage(self) -> None:
        half = self.count // 2
        planned = self.rows("plan", half, self.count - half)
        self.figures.update(
            planned_during_outage=planned["created"],
            queued_during_outage=planned["queued"],
            left_planned_unqueued=planned["unqueued"],
            enqueue_seconds_during_outage=planned["seconds"],
        )

    def deliver_after_restart(self, restarted: float) -> None:
        """In a thread, so the health checks of the web load go on meanwhile; `finish` joins it."""
        self.thread = threading.Thread(target=self._deliver, args=(restarted,), daemon=True)
        self.thread.start()

    def _deliver(self, restarted: float) -> None:
        try:
            self.figures["broker_tasks_after_restart"] = broker_queue_length(self.redis_port)
            self.worker = self._start_worker()
            self.figures["queued_by_sweep"] = self.rows("enqueue")["queued"]
            final = self.rows("wait", max(120 - (time.monotonic() - restarted), 1))
            sent = final["statuses"].get("sent", 0)
            self.figures.update(
                sent_after=sent,
                statuses_after=final["statuses"],
                seconds_restart_to_all_sent=round(time.monotonic() - restarted, 1) if sent == self.count else None,
            )
        except BaseException as exc:
            self.error = exc

    def _start_worker(self) -> subprocess.Popen:
        command = [str(CELERY), "-A", "smartcity", "worker", "--pool=solo", "--without-gossip", "--without-mingle"]
        command += ["--without-heartbeat", "--hostname", f"drill-{self.tag}@%h"]
        log = open(Path(tempfile.gettempdir()) / f"drill-worker-{self.tag}.log", "ab")  # noqa: SIM115
        return subprocess.Popen(command, cwd=ROOT, env=self.env, start_new_session=True, stdout=log, stderr=log)

    def finish(self) -> dict[str, object]:
        if self.thread is not None:
            self.thread.join(150)
        time.sleep(2)  # a repeat of a batch, if any, would write its emails now
        self.figures.update(mail_figures(self.mail))
        if self.error is not None:
            self.figures["error"] = f"{type(self.error).__name__}: {self.error}"
        return self.figures

    def passed(self) -> bool:
        figures = self.figures
        all_sent = figures.get("sent_after") == figures.get("emails_written") == self.count
        return all_sent and figures.get("duplicate_emails") == 0

    def close(self) -> None:
        if self.worker is not None:
            stop(self.worker)
        try:
            self.figures["cleanup"] = self.rows("cleanup")
        finally:
            shutil.rmtree(self.mail, ignore_errors=True)


def redis_drill(args: argparse.Namespace) -> dict[str, object]:
    port = args.redis_port
    folder = Path(tempfile.mkdtemp(prefix="sc-redis-drill-"))
    command = ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--dir", str(folder), "--appendonly", "yes"]
    command += ["--save", ""]

    def start_redis() -> subprocess.Popen:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, start_new_session=True)
        for _ in range(50):
            if subprocess.run(["redis-cli", "-p", str(port), "ping"], capture_output=True, check=False).returncode == 0:
                return process
            time.sleep(0.1)
        raise SystemExit("redis-server did not start")

    redis = start_redis()
    env = base_env(args.database_url, f"redis://127.0.0.1:{port}/0")
    for step in (["migrate", "--noinput", "-v0"], ["collectstatic", "--noinput", "-v0"]):  # a fresh checkout too
        subprocess.run([str(PY), "manage.py", *step], cwd=ROOT, env=env, check=True)
    server = start_gunicorn(env, args.web_port)
    paths = discover_paths(env)
    health: list[tuple[float, str]] = []
    reminders = Reminders(env, args.reminders, port)
    try:
        reminders.before_outage()
        with Load(args.web_port, paths) as load:
            time.sleep(15)
            down_at = load.now()
            stop(redis)
            print(f"redis stopped at t={down_at:.1f}s", flush=True)
            reminders.during_outage()
            while load.now() < down_at + args.outage:
                health.append((load.now(), json.loads(get(args.web_port, "/healthz")[1])["status"]))
                time.sleep(1)
            redis = start_redis()
            up_at = load.now()
            reminders.deliver_after_restart(time.monotonic())
            print(f"redis started at t={up_at:.1f}s", flush=True)
            while load.now() < up_at + 20:
                health.append((load.now(), json.loads(get(args.web_port, "/healthz")[1])["status"]))
                time.sleep(1)
            delivered = reminders.finish()
        keys = int(subprocess.run(["redis-cli", "-p", str(port), "dbsize"], capture_output=True, text=True).stdout)
    finally:
        stop(server)
        try:
            reminders.close()  # while Redis runs: deleting the rows may touch the cache
        finally:
            stop(redis)
            shutil.rmtree(folder, ignore_errors=True)
    rows = timeline(load.records)
    print_timeline(rows, {int(down_at): "<- Redis stopped", int(up_at): "<- Redis started"})
    statuses = Counter(status for _t, _p, status, _ms in load.records)
    during = [ms for at, _p, _s, ms in load.records if down_at <= at < up_at]
    before = [ms for at, _p, _s, ms in load.records if at < down_at]
    degraded_seen = any(state == "degraded" for at, state in health if down_at <= at < up_at)
    ok_after = [state for at, state in health if at > up_at + 6]
    result = {
        "drill": "redis",
        "requests": len(load.records),
        "statuses": dict(statuses),
        "server_errors": sum(n for s, n in statuses.items() if s >= 500 or s == 0),
        "outage_seconds": round(up_at - down_at, 1),
        "median_ms_before": median(before),
        "median_ms_during": median(during),
        "health_degraded_during": degraded_seen,
        "health_ok_after": bool(ok_after) and all(state == "ok" for state in ok_after),
        "cache_keys_after": keys,
        "reminders": delivered,
        "timeline": rows,
    }
    web_passed = result["server_errors"] == 0 and degraded_seen and result["health_ok_after"] and keys > 0
    result["passed"] = web_passed and reminders.passed()
    return result


# -- PostgreSQL -------------------------------------------------------------------------------------------------


def as_postgres(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def postgres_drill(args: argparse.Namespace) -> dict[str, object]:
    port = args.pg_port
    data = Path(tempfile.mkdtemp(prefix="sc-pg-drill-"))
    shutil.chown(data, "postgres") if os.geteuid() == 0 else None
    pg_ctl = [str(PG_BIN / "pg_ctl"), "-D", str(data), "-w", "-o", f"-p {port} -k /tmp -c listen_addresses=127.0.0.1"]
    subprocess.run(as_postgres([str(PG_BIN / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres"]),
                   check=True, stdout=subprocess.DEVNULL)  # fmt: skip
    subprocess.run(as_postgres([*pg_ctl, "-l", str(data / "log"), "start"]), check=True, stdout=subprocess.DEVNULL)
    url = f"postgres://postgres@127.0.0.1:{port}/sc_drill"
    server = None
    try:
        subprocess.run(["createdb", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "sc_drill"], check=True)
        env = base_env(url, "", cache=False)
        env["DEMO_DATA_ALLOWED"] = "true"
        for command in (["migrate", "--noinput", "-v0"], ["collectstatic", "--noinput", "-v0"], ["load_demo"]):
            subprocess.run([str(PY), "manage.py", *command], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
        server = start_gunicorn(env, args.web_port + 1)
        paths = discover_paths(env)
        workers_before = workers_of(server)
        with Load(args.web_port + 1, paths) as load:
            time.sleep(15)
            restart_at = load.now()
            subprocess.run(as_postgres([*pg_ctl, "-m", "fast", "restart"]), check=True, stdout=subprocess.DEVNULL)
            restarted_at = load.now()
            print(f"postgres restart issued t={restart_at:.1f}s, accepting again t={restarted_at:.1f}s")
            time.sleep(30)
        workers_after = workers_of(server)
    finally:
        if server is not None:
            stop(server)
        subprocess.run(as_postgres([*pg_ctl, "-m", "immediate", "stop"]), check=False, stdout=subprocess.DEVNULL)
        shutil.rmtree(data, ignore_errors=True)
    rows = timeline(load.records)
    print_timeline(rows, {int(restart_at): "<- pg_ctl restart"})
    records = sorted(load.records)
    bad_after = [at for at, _p, status, _ms in records if at >= restart_at and not 200 <= status < 400]
    last_bad = max(bad_after) if bad_after else restart_at
    first_good_after_last_bad = next(
        (at for at, _p, status, _ms in records if at > last_bad and 200 <= status < 400), None
    )
    recovery = (first_good_after_last_bad - restart_at) if first_good_after_last_bad else None
    statuses = Counter(status for _t, _p, status, _ms in records)
    result = {
        "drill": "postgres",
        "requests": len(records),
        "statuses": dict(statuses),
        "failed_requests": len(bad_after),
        "restart_took_seconds": round(restarted_at - restart_at, 2),
        "recovered_after_seconds": round(recovery, 2) if recovery is not None else None,
        "workers_before": workers_before,
        "workers_after": workers_after,
        "timeline": rows,
    }
    result["passed"] = recovery is not None and recovery <= 10 and workers_before == workers_after
    return result


def discover_paths(env: dict[str, str]) -> list[str]:
    result = subprocess.run(
        [str(PY), str(ROOT / "bench" / "load" / "discover.py")], cwd=ROOT, env=env, capture_output=True, text=True
    )
    line = next((ln for ln in result.stdout.splitlines() if ln.startswith("PATHS ")), None)
    if line is None:
        raise SystemExit("path discovery failed:\n" + result.stderr[-2000:])
    found = json.loads(line[6:])
    paths = found["region"][:40] + found["kelurahan"][:40] + ["/healthz", "/api/v1/regencies/", "/bench/trivial/"]
    return [path for path in paths if path != "/bench/trivial/"]


def median(values: list[float]) -> float | None:
    return round(sorted(values)[len(values) // 2], 1) if values else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("drill", choices=["redis", "postgres", "all"])
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/sc_national")
    parser.add_argument("--redis-port", type=int, default=6380)
    parser.add_argument("--pg-port", type=int, default=5433)
    parser.add_argument("--web-port", type=int, default=8820)
    parser.add_argument("--outage", type=int, default=60, help="seconds Redis stays down")
    parser.add_argument("--reminders", type=int, default=300, help="reminders queued around the Redis outage")
    args = parser.parse_args()
    results = []
    for name in ("redis", "postgres") if args.drill == "all" else (args.drill,):
        print(f"== {name} drill")
        result = redis_drill(args) if name == "redis" else postgres_drill(args)
        summary = {k: v for k, v in result.items() if k != "timeline"}
        print(json.dumps(summary, indent=1))
        results.append(result)
        out = ROOT / "bench" / "results" / f"drill-{name}-{time.strftime('%Y%m%d-%H%M%S')}.json"
        out.parent.mkdir(exist_ok=True)
        out.write_text(json.dumps(result, indent=1))
    sys.exit(0 if all(r["passed"] for r in results) else 1)


if __name__ == "__main__":
    main()
