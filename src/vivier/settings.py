"""Django settings.

Everything that differs between a laptop and production comes from the environment:

- ``VIVIER_DATABASE_URL``: PostgreSQL in production (``postgresql://user@host:5432/db``);
  unset, Vivier uses SQLite in WAL mode under ``var/`` (the embedded default).
- ``VIVIER_SECRET_KEY``, ``VIVIER_DEBUG``, ``VIVIER_ALLOWED_HOSTS`` (comma separated).
- ``VIVIER_DSFR_BRAND``: the French State brand block (Marianne) may only be shown by State
  services, so it is off unless this is set to 1.
- ``VIVIER_VAR_DIR``: where the SQLite database and other local state live.
- ``VIVIER_CONTACT_RETENTION_DAYS``, ``VIVIER_CONTACT_RETENTION_AFTER_CLOSE_DAYS``,
  ``VIVIER_DRAFT_RETENTION_DAYS``: how long personal data is kept (see below).
- ``VIVIER_AUDIT_RETENTION_DAYS``: how long the audit trail is kept (see below).
- ``VIVIER_EMAIL_HOST`` (then SMTP), ``VIVIER_EMAIL_PORT``, ``VIVIER_EMAIL_USER``,
  ``VIVIER_EMAIL_PASSWORD``, ``VIVIER_EMAIL_TLS``, ``VIVIER_EMAIL_FROM``,
  ``VIVIER_EMAIL_BACKEND``: how invitations are sent (see below).
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("VIVIER_VAR_DIR", Path.cwd() / "var")).resolve()
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _flag(name: str, default: bool = False) -> bool:
    return os.environ.get(name, "1" if default else "0").lower() in {"1", "true", "yes", "on"}


DEBUG = _flag("VIVIER_DEBUG")
#: Used only when VIVIER_SECRET_KEY is unset: tests and the development server. ``vivier serve``
#: refuses to start with it and ``check --deploy`` reports it (vivier.checks).
INSECURE_DEFAULT_SECRET_KEY = "dev-only-insecure-key-set-VIVIER_SECRET_KEY-in-production"
SECRET_KEY = os.environ.get("VIVIER_SECRET_KEY") or INSECURE_DEFAULT_SECRET_KEY
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("VIVIER_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver").split(
        ","
    )
    if h.strip()
]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "widget_tweaks",
    "dsfr",
    "django_htmx",
    "django_ratelimit",
    "auditlog",
    "rules.apps.AutodiscoverRulesConfig",
    "vivier.accounts",
    "vivier.campaigns",
    "vivier.reports",
    "vivier.practices",
    "vivier.evaluation",
    "vivier.coding",
    "vivier.audit",
    # The database backend of Django's tasks framework (model training runs there).
    "django_tasks_db",
    # No models: the `serve` and `demo` management commands.
    "vivier.serving",
    "vivier.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Below WhiteNoise: static files need neither a policy nor no-store.
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "vivier.middleware.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "vivier.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Gives the trail's lines their person and address (vivier.audit.middleware).
    "vivier.audit.middleware.AuditMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "vivier.middleware.RequestSizeLimitMiddleware",
    # After the size limit: it reads the query and the form to remove NUL characters.
    "vivier.middleware.NulCharacterMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
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
                "vivier.accounts.context_processors.navigation",
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
                    # Zero deleted content in place (no extra I/O): earlier versions of a
                    # contact row do not linger in the file (vivier.campaigns.privacy).
                    " PRAGMA secure_delete=FAST;"
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

# --- E-mail (invitations, vivier.accounts.invitations) ------------------------------------------
#
# Unset, every message is written as a file under var/mail/: a laptop or the demo sends
# nothing, and whoever runs it can still read the link a person would have received (the
# console would put those links in the server's log). With VIVIER_EMAIL_HOST set, messages go
# through that SMTP server. VIVIER_EMAIL_BACKEND forces one: file, console, smtp, or the
# dotted path of a Django e-mail backend.
_email_backend = os.environ.get("VIVIER_EMAIL_BACKEND", "").strip() or (
    "smtp" if os.environ.get("VIVIER_EMAIL_HOST") else "file"
)
# STARTTLS unless told otherwise: a password never crosses the network in clear. A relay on
# this machine (port 25, no TLS) needs VIVIER_EMAIL_TLS=0.
_email_tls = _flag("VIVIER_EMAIL_TLS", default=True)
_MAILERS = {
    "file": {
        "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "OPTIONS": {"file_path": str(VAR_DIR / "mail")},
    },
    "console": {"BACKEND": "django.core.mail.backends.console.EmailBackend"},
    "smtp": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": os.environ.get("VIVIER_EMAIL_HOST", "localhost"),
            "port": int(os.environ.get("VIVIER_EMAIL_PORT", 587 if _email_tls else 25)),
            "username": os.environ.get("VIVIER_EMAIL_USER", ""),
            "password": os.environ.get("VIVIER_EMAIL_PASSWORD", ""),
            "use_tls": _email_tls,
            "timeout": 20,
        },
    },
}
if _email_backend not in _MAILERS and "." not in _email_backend:
    raise ImproperlyConfigured(
        f"VIVIER_EMAIL_BACKEND={_email_backend!r}: use file, console, smtp or the dotted path "
        "of a Django e-mail backend"
    )
MAILERS = {"default": _MAILERS.get(_email_backend, {"BACKEND": _email_backend})}
DEFAULT_FROM_EMAIL = os.environ.get("VIVIER_EMAIL_FROM", "vivier@localhost")

# Invitations by e-mail are good once, for this many days.
VIVIER_INVITATION_DAYS = int(os.environ.get("VIVIER_INVITATION_DAYS", 7))
# Sign-in codes for persons concerned: reusable until they expire (or are revoked), since the
# person keeps the paper and comes back; wrong codes tried from one client address are
# limited (django-ratelimit's syntax, counted on failures only).
VIVIER_SIGN_IN_CODE_DAYS = int(os.environ.get("VIVIER_SIGN_IN_CODE_DAYS", 30))
VIVIER_SIGN_IN_CODE_RATE = os.environ.get("VIVIER_SIGN_IN_CODE_RATE", "10/15m")

# Respondent pages post one section at a time; anything larger than this is refused with a
# French message (see vivier.middleware) rather than Django's bare 400.
DATA_UPLOAD_MAX_MEMORY_SIZE = 1_000_000
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2_000
VIVIER_MAX_REQUEST_BYTES = int(os.environ.get("VIVIER_MAX_REQUEST_BYTES", 1_000_000))
VIVIER_MAX_UPLOAD_BYTES = int(os.environ.get("VIVIER_MAX_UPLOAD_BYTES", 20_000_000))

# --- Security: logins, sessions, HTTPS and response headers -----------------------------------
#
# HTTPS. ``VIVIER_HTTPS=1`` (behind a reverse proxy that terminates TLS and sets
# X-Forwarded-Proto) makes cookies Secure, sends HSTS and redirects plain http to https.
# Unset, it is on in production mode as soon as VIVIER_ALLOWED_HOSTS names a host other than
# this machine, and off on the loopback default: ``make demo``, ``vivier serve`` on
# 127.0.0.1, the tests and the benchmark all speak plain http, where Secure cookies would
# never come back (no login, no form) and the redirect would lead nowhere.
_LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "[::1]", "testserver"}
VIVIER_HTTPS = _flag(
    "VIVIER_HTTPS", default=not DEBUG and any(h not in _LOOPBACK_HOSTS for h in ALLOWED_HOSTS)
)
if VIVIER_HTTPS:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    # Health checks call gunicorn directly, in plain http: they get "ok", not a redirect.
    SECURE_REDIRECT_EXEMPT = [r"^sante/$"]
    # The reverse proxy speaks https with the browser and http with gunicorn: it says which
    # one the browser used. Only valid when the proxy sets this header itself (README).
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("VIVIER_HSTS_SECONDS", 31_536_000))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # Preloading commits the whole domain and its subdomains to HTTPS in browsers for good
    # and cannot be undone quickly: the domain's owner decides (VIVIER_HSTS_PRELOAD=1), not
    # the application, so check --deploy is not asked to insist on it.
    SECURE_HSTS_PRELOAD = _flag("VIVIER_HSTS_PRELOAD")
    if not SECURE_HSTS_PRELOAD:
        SILENCED_SYSTEM_CHECKS = [*globals().get("SILENCED_SYSTEM_CHECKS", []), "security.W021"]
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Sessions end after VIVIER_SESSION_IDLE_MINUTES without a request (30 by default): each
# request pushes the expiry back. Only logged-in people have a session (staff, holders of
# practices, the questionnaire preview); respondents' drafts live behind their private link.
SESSION_COOKIE_AGE = 60 * int(os.environ.get("VIVIER_SESSION_IDLE_MINUTES", 30))
SESSION_SAVE_EVERY_REQUEST = True

# Content-Security-Policy: no inline script, style or event handler anywhere; every script
# and stylesheet is a static file of this site. ``data:`` images are DSFR's icons in its CSS.
# Documents made to be opened on their own (the HTML report, the sheet rendered to PDF) keep
# their stylesheet inline: they are downloads, never shown under this policy.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}
# Browser features no page of Vivier uses, refused to every frame.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Login throttling (django-axes): after AXES_FAILURE_LIMIT failures for one username from one
# address, that pair is refused, right password or not, for VIVIER_LOGIN_COOLOFF_MINUTES, and
# the login page answers with the lockout page (429). Keyed on the pair so that an attacker
# elsewhere cannot lock a colleague out, nor colleagues behind one institution's address each
# other; the price is that one address may try five passwords per username it knows.
AUTHENTICATION_BACKENDS = [
    "vivier.campaigns.lockout.LockoutBackend",
    # Object-level rights (the holder of this sheet, the author of this entry): predicates
    # declared in each app's rules.py.
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("VIVIER_LOGIN_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("VIVIER_LOGIN_COOLOFF_MINUTES", 15)))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "vivier.campaigns.lockout.lockout_response"
# Behind a reverse proxy, the request header naming the client (e.g. HTTP_X_REAL_IP): without
# it every failure would seem to come from the proxy.
VIVIER_CLIENT_IP_HEADER = os.environ.get("VIVIER_CLIENT_IP_HEADER") or None
AXES_CLIENT_IP_CALLABLE = "vivier.campaigns.lockout.client_address"
# No table of every successful login with its address and browser: failures are enough to
# throttle, and a log of who logged in from where would be personal data kept for nothing.
AXES_DISABLE_ACCESS_LOG = True

VIVIER_DSFR_BRAND = _flag("VIVIER_DSFR_BRAND")
VIVIER_SITE_TITLE = os.environ.get("VIVIER_SITE_TITLE", "Vivier")
#: Empty: Vivier's own tagline, translated.
VIVIER_SITE_TAGLINE = os.environ.get("VIVIER_SITE_TAGLINE", "")

# Retention of personal data, in days ("off": no limit), applied by `vivier purge`
# (vivier.campaigns.privacy). Contact details go at the first limit reached: N days after
# the response was submitted, or N days after its campaign closed. A draft never submitted
# goes N days after its last change.
VIVIER_CONTACT_RETENTION_DAYS = os.environ.get("VIVIER_CONTACT_RETENTION_DAYS", "365")
VIVIER_CONTACT_RETENTION_AFTER_CLOSE_DAYS = os.environ.get(
    "VIVIER_CONTACT_RETENTION_AFTER_CLOSE_DAYS", "90"
)
VIVIER_DRAFT_RETENTION_DAYS = os.environ.get("VIVIER_DRAFT_RETENTION_DAYS", "30")
# The audit trail (vivier.audit), in days ("off": no limit), applied by `vivier purge` and
# `vivier audit --purge`: a year, the upper end of the CNIL's recommendation for traceability
# logs (vivier.audit.retention says why).
VIVIER_AUDIT_RETENTION_DAYS = os.environ.get("VIVIER_AUDIT_RETENTION_DAYS", "365")

# Starting a draft is rate-limited per client address (django-ratelimit), so that a script
# cannot fill the database with empty drafts. The counters live in a cache shared by every
# server process: a table of the database itself (created by `vivier migrate`), since the
# embedded default has no memcached or Redis. Its increments are not atomic, which the
# library reports as an error (E003) and as "not officially supported" (W001): two requests
# racing may count once, so a client may start a few more drafts than the limit, never
# fewer; that is enough against a flood.
# Background work (training the suggestion models) goes through Django's tasks framework with a
# database backend: the queue is a table of the same database, so the embedded default needs
# no other server; `vivier serve` runs a worker beside the web workers (vivier.serving).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
#: Whether `vivier serve` starts that worker (vivier.serving.tasks_worker); set
#: VIVIER_TASKS_WORKER=0 where production runs its own (`vivier manage db_worker`).
VIVIER_TASKS_WORKER = _flag("VIVIER_TASKS_WORKER", default=True)

CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "shared": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "vivier_shared_cache",
    },
}
RATELIMIT_USE_CACHE = "shared"
#: Drafts one client address may start, e.g. "60/m" or "500/h" (django-ratelimit's syntax).
#: Many colleagues behind one institution's address share it: keep it generous.
VIVIER_START_RATE = os.environ.get("VIVIER_START_RATE", "60/m")
#: Behind a reverse proxy, the header holding the client's address (e.g. HTTP_X_REAL_IP);
#: unset, the connection's address.
RATELIMIT_IP_META_KEY = os.environ.get("VIVIER_CLIENT_IP_HEADER") or None
SILENCED_SYSTEM_CHECKS = [
    *globals().get("SILENCED_SYSTEM_CHECKS", []),
    "django_ratelimit.E003",
    "django_ratelimit.W001",
]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Respondents' tokens never reach a log line (Django logs the path of 4xx and 5xx).
    "filters": {"redact_tokens": {"()": "vivier.serving.redaction.RedactTokensFilter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["redact_tokens"]},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("VIVIER_LOG_LEVEL", "WARNING")},
    # Who found, exported, erased or purged personal data (also kept as AuditEntry rows).
    "loggers": {"vivier.audit": {"level": "INFO"}},
}
