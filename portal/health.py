"""Health endpoint for load balancers, container health checks and monitoring.

`GET /healthz` answers 200 while the database answers (the portal can serve), 503 when it does not. Redis is
checked too — as the cache and as the Celery broker — but a Redis failure only marks the answer "degraded":
pages fall back to the database (smartcity/cache.py) and reminders wait in the database until the broker is
back. Each check reports its time in milliseconds. Never cached.
"""

from __future__ import annotations

import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)


def _timed(check) -> tuple[str, float]:
    started = time.perf_counter()
    status = check()
    return status, round((time.perf_counter() - started) * 1000, 1)


def _database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any driver error means "down" here
        logger.exception("health check: database unreachable")
        return "error"
    return "ok"


def _cache() -> str:
    try:
        cache.set("healthz", "1", 5)
        return "ok" if cache.get("healthz") == "1" else "degraded"
    except Exception:
        logger.warning("health check: cache unreachable", exc_info=True)
        return "degraded"


def _broker() -> str:
    url = settings.CELERY_BROKER_URL
    if not url.startswith(("redis://", "rediss://")):
        return "ok"  # in-process (eager) Celery: nothing to reach
    import redis

    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=0.5, socket_timeout=0.5)
        try:
            client.ping()
        finally:
            client.close()
    except Exception:
        logger.warning("health check: broker unreachable", exc_info=True)
        return "degraded"
    return "ok"


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    checks: dict[str, str] = {}
    timings: dict[str, float] = {}
    for name, check in (("database", _database), ("cache", _cache), ("broker", _broker)):
        checks[name], timings[name] = _timed(check)
    healthy = checks["database"] == "ok"
    status = "ok" if all(value == "ok" for value in checks.values()) else ("degraded" if healthy else "error")
    return JsonResponse({"status": status, "checks": checks, "ms": timings}, status=200 if healthy else 503)
