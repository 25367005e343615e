"""Point the project's Celery app at another broker for a test (its pools are dropped, so nothing stale is reused)."""

from __future__ import annotations

from smartcity.celery import app


def use_broker(url: str, *, eager: bool) -> None:
    if app._pool is not None:
        app._pool.force_close_all()
    app._pool = None
    app.amqp._producer_pool = None
    app.conf.broker_url = url
    app.conf.task_always_eager = eager
