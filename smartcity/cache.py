"""A Redis cache that degrades to "no cache" when Redis is unreachable, instead of failing the request.

Django's own `RedisCache` raises on a connection error, so a stopped Redis would turn every cached page into a
500. `FallbackRedisCache` catches connection and timeout errors: reads miss (the page is computed from the
database), writes are dropped. After a failure it stops trying Redis for `RETRY_AFTER` seconds (a small circuit
breaker, so a dead Redis costs one connect attempt per worker every few seconds, not one per cache call), then
tries again and is back to normal as soon as Redis answers.

Settings (see `smartcity/settings/base.py`):

    "BACKEND": "smartcity.cache.FallbackRedisCache",
    "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5, "retry_after": 5},
"""

from __future__ import annotations

import logging
import time
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

DOWN = (RedisConnectionError, RedisTimeoutError, OSError)


class ReusedClientRedisCacheClient(RedisCacheClient):
    """Django's client, keeping one `redis.Redis` per connection pool instead of building one per cache call.

    Django builds a new `redis.Redis` for every get/set; its constructor fills a table of ~170 response
    callbacks, which cost about a third of a cached page's time here (cProfile). A `redis.Redis` over a
    connection pool is safe to share between threads, and the pool resets itself in a forked worker.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = self._client(connection_pool=self._get_connection_pool(write))
        return client


class FallbackRedisCache(RedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        params = dict(params)
        options = dict(params.get("OPTIONS") or {})
        self.retry_after = float(options.pop("retry_after", 5))
        params["OPTIONS"] = options
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient
        self._down_until = 0.0

    # -- circuit breaker -------------------------------------------------------------------------------
    @property
    def available(self) -> bool:
        return time.monotonic() >= self._down_until

    def _failed(self, operation: str, error: Exception) -> None:
        first = self.available
        self._down_until = time.monotonic() + self.retry_after
        if first:
            logger.warning(
                "cache unavailable (%s: %s); serving without cache for %ss", operation, error, self.retry_after
            )

    def _call(self, operation: str, default: Any, *args: Any, **kwargs: Any) -> Any:
        if not self.available:
            return default
        try:
            return getattr(super(), operation)(*args, **kwargs)
        except DOWN as error:
            self._failed(operation, error)
            return default

    # -- the cache API -----------------------------------------------------------------------------------
    def get(self, key, default=None, version=None):
        return self._call("get", default, key, default, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", {}, keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", False, key, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", None, key, value, timeout, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", False, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", False, key, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", list(data), data, timeout, version)

    def delete(self, key, version=None):
        return self._call("delete", False, key, version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", None, keys, version)

    def incr(self, key, delta=1, version=None):
        if not self.available:
            raise ValueError(f"Key '{key}' not found (cache unavailable)")
        try:
            return super().incr(key, delta, version)
        except DOWN as error:
            self._failed("incr", error)
            raise ValueError(f"Key '{key}' not found (cache unavailable)") from error

    def clear(self):
        return self._call("clear", False)
