"""Production logs are JSON lines; persistent connections are health-checked (PostgreSQL restarts recover)."""

from __future__ import annotations

import json
import logging

from smartcity.logging import JsonFormatter


def test_a_log_record_becomes_one_json_line():
    record = logging.makeLogRecord(
        {"name": "django.request", "levelname": "WARNING", "levelno": 30, "msg": "Not Found: %s", "args": ("/x",)}
    )
    record.status_code = 404
    line = JsonFormatter().format(record)
    entry = json.loads(line)
    assert "\n" not in line
    assert entry["level"] == "WARNING"
    assert entry["logger"] == "django.request"
    assert entry["message"] == "Not Found: /x"
    assert entry["status_code"] == 404
    assert entry["time"].endswith("+00:00")


def test_exceptions_are_kept_in_the_line():
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        import sys

        record = logging.makeLogRecord({"msg": "failed", "exc_info": sys.exc_info()})
    entry = json.loads(JsonFormatter().format(record))
    assert "RuntimeError: boom" in entry["exception"]


def test_connections_are_persistent_and_health_checked(settings):
    database = settings.DATABASES["default"]
    assert database["CONN_HEALTH_CHECKS"] is True
    assert database["CONN_MAX_AGE"] >= 60
