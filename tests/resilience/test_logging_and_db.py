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


def test_a_lost_database_answers_503_with_retry_after(rf):
    from django.db import OperationalError

    from smartcity.security import server_error

    try:
        raise OperationalError("server closed the connection unexpectedly")
    except OperationalError:
        response = server_error(rf.get("/"))
    assert response.status_code == 503
    assert response["Retry-After"] == "5"


def test_other_errors_stay_500(rf):
    from smartcity.security import server_error

    try:
        raise RuntimeError("bug")
    except RuntimeError:
        response = server_error(rf.get("/"))
    assert response.status_code == 500


def test_the_project_uses_the_503_handler():
    from smartcity import urls

    assert urls.handler500 == "smartcity.security.server_error"
