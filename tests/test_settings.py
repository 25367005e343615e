"""Settings come from the environment; production refuses to start without its secrets."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    # DJANGO_ALLOW_ASYNC_UNSAFE is the browser tests' (tests/browser/conftest.py), not production's.
    unset = {"SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in unset}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.slow
def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", DJANGO_SETTINGS_MODULE="smartcity.settings.production", ALLOWED_HOSTS="portal.example.id")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.slow
def test_production_refuses_a_short_or_default_secret_key():
    result = manage(
        "check",
        DJANGO_SETTINGS_MODULE="smartcity.settings.production",
        ALLOWED_HOSTS="portal.example.id",
        SECRET_KEY="django-insecure-short",
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.slow
def test_production_refuses_to_start_without_allowed_hosts():
    result = manage(
        "check", DJANGO_SETTINGS_MODULE="smartcity.settings.production", SECRET_KEY=secrets.token_urlsafe(64)
    )
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


@pytest.mark.slow
def test_production_passes_the_deployment_checklist_with_zero_warnings():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="smartcity.settings.production",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="portal.example.id",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_portal_speaks_indonesian_in_jakarta_time(settings):
    assert settings.LANGUAGE_CODE == "id"
    assert [code for code, _name in settings.LANGUAGES] == ["id", "en"]
    assert settings.TIME_ZONE == "Asia/Jakarta"
    assert settings.AUTH_USER_MODEL == "accounts.User"


def test_without_redis_celery_runs_tasks_in_process():
    from smartcity.settings import base

    if os.environ.get("REDIS_URL"):
        assert os.environ["REDIS_URL"] == base.CELERY_BROKER_URL or os.environ.get("CELERY_BROKER_URL")
        assert base.CACHES["default"]["BACKEND"].endswith("RedisCache")
    else:
        assert base.CELERY_TASK_ALWAYS_EAGER is True
        assert base.CACHES["default"]["BACKEND"].endswith("LocMemCache")
