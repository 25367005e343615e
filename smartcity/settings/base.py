"""Settings shared by every environment.

Everything that differs between machines comes from environment variables (read
with django-environ); the defaults here give a working local portal on SQLite
with no Redis, so `make run` needs nothing but Python.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
# A .env file is a convenience for local work only; production reads the real environment.
env_file = BASE_DIR / ".env"
if env_file.exists():
    environ.Env.read_env(str(env_file))

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "smartcity.apps.SmartCityAdminConfig",  # django.contrib.admin with the portal's site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "rest_framework",
    "django_filters",
    "simple_history",  # audit history of programme objects (who changed what, when; revertible)
    "axes",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    # Project apps
    "accounts",
    "kelurahan",
    "dimensions",
    "masterplan",
    "evaluations",
    "portal",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "smartcity.security.SecurityHeadersMiddleware",
    "smartcity.security.RequestSizeLimitMiddleware",
    "smartcity.security.RejectNullBytesMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "api.middleware.ApiLanguageMiddleware",
    "api.middleware.ApiCorsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",  # records who made each change
    "smartcity.security.IdleTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last: turns a lockout flagged during authentication into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "smartcity.urls"
WSGI_APPLICATION = "smartcity.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "evaluations.reminders.context.notifications",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------
# DATABASE_URL, e.g. postgres://user:pass@host:5432/smartcity; SQLite by default.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Persistent connections with a health check: a restarted PostgreSQL is
# reconnected to on the next request instead of failing the worker.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and Celery -------------------------------------------------------
# REDIS_URL switches both the cache and the Celery broker to Redis. Without it
# the cache is in-process and Celery runs tasks eagerly, in the web process.
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's RedisCache that misses instead of failing while Redis is down (smartcity/cache.py).
            "BACKEND": "smartcity.cache.FallbackRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="smartcity"),
            "TIMEOUT": 300,
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5, "retry_after": 5},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "smartcity",
            "TIMEOUT": 300,
        }
    }

# Benchmarks only (bench/load/run.py measures pages uncached with it): no cache at all.
if env.bool("CACHE_DISABLED", default=False):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}

CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL or "memory://")
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
# JSON only: a task carries ids, never pickled objects.
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = "Asia/Jakarta"
# A task is acknowledged only after it ran, and re-queued when its worker process dies: a killed worker's
# batch is delivered again (the reminder rows' conditional claim keeps that from sending anything twice).
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_TASK_TIME_LIMIT = 300
# Redis re-delivers an unacknowledged message after the visibility timeout; it must exceed every task's run
# time and any ETA/countdown (we use none: retries wait in the database, not in the broker).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600),
    "socket_connect_timeout": 2,
    "socket_timeout": 5,
}
# A web request that queues a task while Redis is down gives up after about a second instead of hanging;
# the reminder stays planned in the database and the sweeper sends it once the broker is back.
CELERY_TASK_PUBLISH_RETRY = True
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.3, "interval_max": 0.5}
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True

# --- Reminders (evaluations.reminders) ----------------------------------------
# Days before a deadline on which reminders go out (0 = on the day), and how delivery retries.
REMINDERS = {
    "SEND_HOUR": env.int("REMINDERS_SEND_HOUR", default=7),  # Asia/Jakarta, by Celery beat
    "DUE_OFFSETS": [14, 7, 3, 1, 0],  # self-assessment due, to regency staff
    "OVERDUE_AFTER_DAYS": 1,  # overdue notice to staff + escalation to the head of Dinkominfo
    "REVISION_OFFSETS": [3],  # before the revision deadline
    "REVIEW_OFFSETS": [7, 2],  # before review due, to assigned evaluators
    "STALE_AFTER_DAYS": 180,  # published innovation not updated for this long
    "STALE_EVERY_DAYS": 30,  # at most one stale reminder per innovation and person in this many days
    "MAX_ATTEMPTS": 5,  # then the reminder is marked failed (visible in the admin, can be sent again)
    "RETRY_BACKOFF_SECONDS": 300,  # 5, 10, 20, 40 minutes between attempts
    "LEASE_SECONDS": env.int("REMINDERS_LEASE_SECONDS", default=600),  # a claim older than this is re-planned
    "BATCH_SIZE": 200,  # reminders claimed and sent per task
    "MARK_EVERY": 20,  # sent reminders recorded per UPDATE (bounds re-sends after a hard crash)
    "SWEEP_MINUTES": 10,  # how often beat re-queues due, retried and abandoned reminders
}
CELERY_BEAT_SCHEDULE = {
    "reminders-daily": {
        "task": "evaluations.reminders.plan_and_send",
        "schedule": crontab(hour=REMINDERS["SEND_HOUR"], minute=0),
    },
    "reminders-sweep": {
        "task": "evaluations.reminders.sweep",
        "schedule": crontab(minute=f"*/{REMINDERS['SWEEP_MINUTES']}"),
    },
}

# --- Auth -------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
# Object permissions (`user.has_perm(perm, obj)`) are answered by the scoping policy.
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out user name + address before any password is checked (django-axes).
    "smartcity.security.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
    "accounts.backends.PolicyBackend",
]
LOGIN_URL = "admin:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Sessions and login throttling (see docs/security.md) ----------------------------
# A session lives SESSION_COOKIE_AGE on the server (renewed by activity at most once a minute) and its cookie
# until the browser closes; SESSION_IDLE_TIMEOUT signs out after inactivity (staff on shared office computers).
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 3600)
SESSION_IDLE_TIMEOUT = env.int("SESSION_IDLE_TIMEOUT", default=30 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# django-axes: after AXES_FAILURE_LIMIT failed sign-ins for one user name from one address, that pair is
# refused for AXES_COOLOFF_TIME (429 and a translated page); a success resets the count. Stored in the database.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "smartcity.security.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
AXES_CLIENT_IP_CALLABLE = "smartcity.security.client_ip"
AXES_VERBOSE = False
# How many proxies (nginx) in front append to X-Forwarded-For; 0 = use the socket address.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# --- Response headers ------------------------------------------------------------
# No 'unsafe-inline' and no nonce: scripts and styles come from our static files only, so a cached page is
# valid for everyone. Add a source here (not in a template) when a page needs one, e.g. map tiles in img-src.
CONTENT_SECURITY_POLICY: dict[str, list[str]] = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), midi=(), payment=(), usb=(), browsing-topics=()"
)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# --- Languages and time -----------------------------------------------------
LANGUAGE_CODE = "id"
LANGUAGES = [
    ("id", _("Indonesian")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

# --- Static files and uploads -------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Largest accepted upload (masterplan books, evidence), in bytes.
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=25 * 1024 * 1024)
# Whole request body: one largest upload plus the form around it; larger requests get 413 unread
# (nginx: client_max_body_size 26m). Non-file form data is capped lower by Django itself (400).
REQUEST_MAX_BYTES = env.int("REQUEST_MAX_BYTES", default=UPLOAD_MAX_BYTES + 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # 2.5 MiB of non-file fields
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
DATA_UPLOAD_MAX_NUMBER_FILES = 20
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # larger files spool to a temporary file, not memory
# Readable by nginx, which serves /media/ (names are random and unguessable, see smartcity/uploads.py).
FILE_UPLOAD_PERMISSIONS = 0o644

# --- Email ------------------------------------------------------------------
# EMAIL_URL, e.g. smtp+tls://user:pass@smtp.example.org:587; see django-environ.
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
globals().update(EMAIL_CONFIG)  # EMAIL_BACKEND, EMAIL_HOST, EMAIL_PORT, ... from one URL
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Smart City Portal <noreply@smartcity.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Absolute address of the portal, used in links inside emails.
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

# --- REST framework (the API under /api/v1/, see docs/api.md) ---------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "api.filters.StrictOrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.CursorPagination",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "api.throttling.SignedInRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("API_THROTTLE_ANON", default="120/minute"),
        "user": env("API_THROTTLE_USER", default="600/minute"),
    },
    "EXCEPTION_HANDLER": "api.exceptions.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "api.schema.AutoSchema",
    "URL_FORMAT_OVERRIDE": None,
    "PAGE_SIZE": 50,
}
# Read-only API requests from any origin (Access-Control-Allow-Origin: *), for dashboards on other sites.
API_CORS_ALLOW_ALL = env.bool("API_CORS_ALLOW_ALL", default=False)
SPECTACULAR_SETTINGS = {
    "TITLE": "Smart City Portal API",
    "DESCRIPTION": "Open data of Indonesia's smart-city programme (Gerakan Menuju 100 Smart City); "
    "staff write under the portal's scoping policy. See docs/api.md.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI and ReDoc from our own static files (drf-spectacular-sidecar), no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "InnovationStatusEnum": "dimensions.models.InnovationStatus",
        "VersionStatusEnum": "masterplan.models.VersionStatus",
        "BookStatusEnum": "masterplan.models.BookStatus",
        "SubmissionStatusEnum": "evaluations.models.SubmissionStatus",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.postprocess_blank_strings",
    ],
}

# --- Logging ----------------------------------------------------------------
LOG_LEVEL = env("LOG_LEVEL", default="INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "smartcity.logging.JsonFormatter"},
    },
    "handlers": {
        # LOG_FORMAT=json (production's default) writes one JSON object per line.
        "console": {"class": "logging.StreamHandler", "formatter": env("LOG_FORMAT", default="plain")},
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # One line per failed sign-in is enough (axes' WARNING); its INFO chatter is not.
        "axes": {"level": "WARNING"},
    },
}

# The load harness's trivial view at /bench/trivial/ (bench/load/run.py); off everywhere else.
BENCH_TRIVIAL_VIEW = env.bool("BENCH_TRIVIAL_VIEW", default=False)

# `manage.py load_demo` creates accounts with a published password: off in production.
DEMO_DATA_ALLOWED = env.bool("DEMO_DATA_ALLOWED", default=True)

# --- Public portal ------------------------------------------------------------
# Whole-page cache of the public pages with ETag/Last-Modified (portal/cache.py); off with CACHE_DISABLED.
PORTAL_PAGE_CACHE = env.bool("PORTAL_PAGE_CACHE", default=not env.bool("CACHE_DISABLED", default=False))
# How long a worker trusts its copy of the content version: another worker's change shows here this much later.
PORTAL_VERSION_SECONDS = env.float("PORTAL_VERSION_SECONDS", default=1.0)
# How many of its hottest pages each worker keeps in memory (0: none; every hit then reads the shared cache).
PORTAL_LOCAL_PAGES = env.int("PORTAL_LOCAL_PAGES", default=300)
# Licence of the programme data in the open-data downloads (area codes are ODbL, credited separately).
OPEN_DATA_LICENSE = env("OPEN_DATA_LICENSE", default="CC BY 4.0 — Smart City Portal and the participating regions")
