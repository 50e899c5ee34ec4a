"""Django settings.

Everything that differs between a laptop and production comes from the environment:

- ``VIVIER_DATABASE_URL``: PostgreSQL in production (``postgresql://user@host:5432/db``);
  unset, Vivier uses SQLite in WAL mode under ``var/`` (the embedded default).
- ``VIVIER_SECRET_KEY``, ``VIVIER_DEBUG``, ``VIVIER_ALLOWED_HOSTS`` (comma separated).
- ``VIVIER_DSFR_BRAND``: the French State brand block (Marianne) may only be shown by State
  services, so it is off unless this is set to 1.
- ``VIVIER_VAR_DIR``: where the SQLite database and other local state live.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("VIVIER_VAR_DIR", Path.cwd() / "var")).resolve()
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _flag(name: str, default: bool = False) -> bool:
    return os.environ.get(name, "1" if default else "0").lower() in {"1", "true", "yes", "on"}


DEBUG = _flag("VIVIER_DEBUG")
SECRET_KEY = os.environ.get(
    "VIVIER_SECRET_KEY", "dev-only-insecure-key-set-VIVIER_SECRET_KEY-in-production"
)
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("VIVIER_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver").split(
        ","
    )
    if h.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "widget_tweaks",
    "dsfr",
    "django_htmx",
    "vivier.campaigns",
    "vivier.reports",
    "vivier.practices",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "vivier.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "vivier.middleware.RequestSizeLimitMiddleware",
]

ROOT_URLCONF = "vivier.urls"
WSGI_APPLICATION = "vivier.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "vivier.context_processors.site",
            ],
        },
    },
]

_database_url = os.environ.get("VIVIER_DATABASE_URL", "").strip()
if _database_url:
    DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=60)}
    if DATABASES["default"]["ENGINE"].endswith("postgresql"):
        # Session settings sent at connect, so no statement pays a round trip for them.
        # random_page_cost: the default (4) prices a page read from a spinning disk; with
        # the registry in memory it makes the planner scan whole tables where an index
        # lookup is faster (the search's word table, see vivier.practices.word_weights).
        # jit: compiling a plan costs tens of milliseconds, more than the queries of a web
        # request ever take.
        _options = DATABASES["default"].setdefault("OPTIONS", {})
        _options["options"] = " ".join(
            filter(None, [_options.get("options"), "-c random_page_cost=1.1 -c jit=off"])
        )
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(VAR_DIR / "vivier.sqlite3"),
            "OPTIONS": {
                # WAL lets readers work while one writer commits; IMMEDIATE takes the write
                # lock at BEGIN so concurrent submissions queue instead of failing with
                # "database is locked" half-way through a transaction.
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                # mmap and a 32 MB page cache: search reads the full-text index's pages in
                # place instead of copying them in through a 2 MB cache at each query;
                # sorts and CTEs stay in memory.
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
                    " PRAGMA mmap_size=1073741824; PRAGMA cache_size=-32000;"
                    " PRAGMA temp_store=MEMORY;"
                ),
            },
            # The page cache lives with the connection: keep it between requests.
            "CONN_MAX_AGE": 60,
            # One file per test run, so that runs side by side never share a database.
            "TEST": {"NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")},
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
# Static files are served by the application itself (WhiteNoise), straight from the installed
# packages: the embedded default needs no web server and no collectstatic step.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

LOGIN_URL = "/staff/connexion/"
LOGIN_REDIRECT_URL = "/connecte/"
LOGOUT_REDIRECT_URL = "/"

# Respondent pages post one section at a time; anything larger than this is refused with a
# French message (see vivier.middleware) rather than Django's bare 400.
DATA_UPLOAD_MAX_MEMORY_SIZE = 1_000_000
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2_000
VIVIER_MAX_REQUEST_BYTES = int(os.environ.get("VIVIER_MAX_REQUEST_BYTES", 1_000_000))
VIVIER_MAX_UPLOAD_BYTES = int(os.environ.get("VIVIER_MAX_UPLOAD_BYTES", 20_000_000))

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

VIVIER_DSFR_BRAND = _flag("VIVIER_DSFR_BRAND")
VIVIER_SITE_TITLE = os.environ.get("VIVIER_SITE_TITLE", "Vivier")
#: Empty: Vivier's own tagline, translated.
VIVIER_SITE_TAGLINE = os.environ.get("VIVIER_SITE_TAGLINE", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("VIVIER_LOG_LEVEL", "WARNING")},
}
