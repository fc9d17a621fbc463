"""Koers settings: one module, read from KOERS_* environment variables.

Every setting has a default that runs with zero configuration: a SQLite
database in the data directory (``KOERS_DATA_DIR``, default ``./var``) and a
secret key generated once and kept there.
"""

import os
import secrets
from datetime import timedelta
from importlib.util import find_spec
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(f"KOERS_{name}", default)


TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off"}


def env_bool(name: str, default: bool) -> bool:
    """A yes/no setting; a value it cannot read stops the start with a clear message.

    ``KOERS_HTTPS=ture`` must not silently mean "no TLS hardening".
    """
    value = env(name, "").strip().lower()
    if not value:
        return default
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(
        f"KOERS_{name}={env(name)!r} is not a yes/no value: use one of "
        f"{', '.join(sorted(TRUE_WORDS))} or {', '.join(sorted(FALSE_WORDS))}."
    )


DATA_DIR = Path(env("DATA_DIR", "var")).resolve()
# The data directory holds the database, the secret key and uploads: its owner only.
DATA_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)
# Folders that own-data sources may be refreshed from (set on the web): only under this
# folder when set (KOERS_SOURCE_FOLDERS); never inside the data directory.
SOURCE_FOLDERS = env("SOURCE_FOLDERS", "")


def _secret_key() -> str:
    if key := env("SECRET_KEY"):
        return key
    path = DATA_DIR / "secret_key"
    if not path.exists():
        # Created readable by its owner only, from the first byte.
        with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as f:
            f.write(secrets.token_urlsafe(50))
    return path.read_text().strip()


def _private_sqlite_file(path: Path) -> Path:
    """Create the SQLite file readable by its owner only (its -wal and -shm files follow it)."""
    if not path.exists():
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    elif path.stat().st_mode & 0o077 and path.stat().st_uid == os.getuid():
        path.chmod(0o600)
    return path


SECRET_KEY = _secret_key()
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = [h.strip() for h in env("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o.strip() for o in env("CSRF_TRUSTED_ORIGINS").split(",") if o.strip()]
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Production hardening, switched on with KOERS_HTTPS=1 behind TLS.
HTTPS = env_bool("HTTPS", False)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "koers",
    "koers.organisations",
    "koers.kpis",
    "koers.goals",
    "koers.trends",
    "koers.dataentry",
    "koers.api",
    "koers.selection",
    "koers.meetings",
    "koers.reports",
    "koers.health",
    "koers.sources",
    "koers.benchmarks",
    "koers.jobs",
    # Django's tasks API (django.tasks in Django 6) and its database queue.
    "django_tasks",
    "django_tasks_db",
    # Login throttling per account and address.
    "axes",
    # The Content-Security-Policy header.
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # The API's errors in its JSON shape, also Django's own (404, 405, body too large).
    "koers.api.middleware.JsonErrorsMiddleware",
    "koers.middleware.RejectNulMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "koers.middleware.PostOnlyRedirectMiddleware",
    # Every view needs a login unless it is marked @login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last: answers a locked-out login attempt (see AXES_* below).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "koers.urls"
WSGI_APPLICATION = "koers.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "koers.organisations.context_processors.organisation",
            ],
        },
    },
]
# Django's stock widgets and labels written in Python, the same HTML (koers.widgets).
FORM_RENDERER = "koers.widgets.WidgetRenderer"

DATABASE_URL = env("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": _private_sqlite_file(DATA_DIR / "koers.sqlite3"),
            "OPTIONS": {
                # WAL lets readers work while a writer writes; IMMEDIATE avoids
                # "database is locked" on upgrade from read to write.
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # Refuses a login while the account is locked for the client's address; API
    # tokens do not pass through here and are not affected.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "koers.organisations.accounts.locked_out"
AXES_CLIENT_IP_CALLABLE = "koers.organisations.accounts.client_address"
AXES_VERBOSE = False

# Only Koers' own files: no CDN, no inline scripts. Inline style attributes stay
# allowed (charts and HTMX's indicator styles use them); scripts cannot.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env("TIME_ZONE", "Europe/Amsterdam")
USE_I18N = True
USE_TZ = True
# Years and counts print plainly; KPI values are grouped by the `num` filter.
USE_THOUSAND_SEPARATOR = False
FORMAT_MODULE_PATH = ["koers.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
# Serve app static files straight from their packages too, so a fresh checkout
# works before `collectstatic` (make run still collects them).
WHITENOISE_USE_FINDERS = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MEDIA_ROOT = DATA_DIR / "media"

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
# For the file backend (KOERS_EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend).
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH", str(DATA_DIR / "mail"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "koers@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Sessions live in the database, so a login works on every app server.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# One cache shared by every app server and worker: a database table by default
# (created by `koers migrate`), Redis when KOERS_REDIS_URL is set.
REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    if find_spec("redis") is None:
        raise ImproperlyConfigured(
            "KOERS_REDIS_URL is set but the Redis client is not installed: "
            "pip install 'koers[redis]' (or unset KOERS_REDIS_URL for the database cache)."
        )
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "koers_cache",
        }
    }

# Background jobs (imports, data loads, PDFs, large exports, mail) go through
# Django's tasks API to a queue in the database, run by `koers worker`.
# KOERS_TASKS=immediate runs them inside the request instead (no worker needed).
TASKS_MODE = env("TASKS", "database").strip().lower()
TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
if TASKS_MODE not in TASK_BACKENDS:
    raise ImproperlyConfigured(
        f"KOERS_TASKS={TASKS_MODE!r}: use one of {', '.join(sorted(TASK_BACKENDS))}."
    )
TASKS = {"default": {"BACKEND": TASK_BACKENDS[TASKS_MODE], "QUEUES": ["default"]}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
}

# The plausibility checks of the write path (koers.kpis.plausible) ask the trends app, a layer
# above kpis, what each KPI's values usually do: named here so kpis never imports trends.
KOERS_USUAL_PROCESS = "koers.trends.process.processes"
