"""With Redis unreachable the cache misses instead of failing: pages and the health check keep answering."""

from __future__ import annotations

import socket
import time

import pytest
from django.core.cache import caches

from smartcity.cache import FallbackRedisCache

pytestmark = pytest.mark.django_db


def closed_port() -> int:
    """A local TCP port with nothing listening on it."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def dead_cache(retry_after: float = 5) -> FallbackRedisCache:
    return FallbackRedisCache(
        f"redis://127.0.0.1:{closed_port()}/0",
        {"OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5, "retry_after": retry_after}},
    )


def test_every_cache_call_degrades_instead_of_raising():
    cache = dead_cache()
    assert cache.get("k") is None
    assert cache.get("k", "fallback") == "fallback"
    assert cache.set("k", 1) is None
    assert cache.add("k", 1) is False
    assert cache.get_many(["a", "b"]) == {}
    assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
    assert cache.has_key("k") is False
    assert cache.touch("k") is False
    assert cache.delete("k") is False
    assert cache.delete_many(["a"]) is None
    assert cache.get_or_set("k", lambda: 42) == 42
    assert cache.clear() is False
    with pytest.raises(ValueError, match="not found"):
        cache.incr("k")


def test_after_a_failure_redis_is_not_retried_until_retry_after():
    cache = dead_cache(retry_after=60)
    cache.get("k")
    assert cache.available is False
    started = time.perf_counter()
    for _ in range(1000):
        cache.get("k")
    assert time.perf_counter() - started < 0.1  # no connection attempts while the breaker is open


def test_the_breaker_closes_again_after_retry_after():
    cache = dead_cache(retry_after=0.05)
    cache.get("k")
    assert cache.available is False
    time.sleep(0.06)
    assert cache.available is True


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "smartcity.cache.FallbackRedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5, "retry_after": 5},
        }
    }
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{closed_port()}/0"
    yield
    caches["default"].close()


def test_pages_keep_serving_while_redis_is_down(client, redis_down):
    assert client.get("/").status_code == 200
    assert client.get("/en/").status_code == 200


def test_health_says_degraded_but_healthy_while_redis_is_down(client, redis_down):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"] == {"database": "ok", "cache": "degraded", "broker": "degraded"}
    assert set(body["ms"]) == {"database", "cache", "broker"}


def test_a_live_redis_is_used_normally():
    import os

    url = os.environ.get("REDIS_URL")
    if not url:
        pytest.skip("REDIS_URL not set (CI sets it)")
    cache = FallbackRedisCache(url, {"KEY_PREFIX": "fallback-test"})
    cache.set("k", {"a": 1}, 10)
    assert cache.get("k") == {"a": 1}
    assert cache.available is True
    cache.delete("k")


def test_one_redis_client_is_kept_per_connection_pool():
    cache = FallbackRedisCache("redis://127.0.0.1:1/0", {"OPTIONS": {"socket_connect_timeout": 0.05}})

    client = cache._cache.get_client("a")

    assert cache._cache.get_client("b") is client
    assert cache._cache.get_client("c", write=True) is client  # one server: reads and writes share the pool
    assert client.connection_pool is cache._cache._get_connection_pool(write=False)
