"""Settings for Digest, read from environment variables with safe local defaults.

Local use needs nothing: SQLite in the project folder, mail printed to the console,
media on local disk. Production sets DJANGO_DEBUG=0 and a real DJANGO_SECRET_KEY; see README.
"""

import os
from email.utils import parseaddr
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", True)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set DJANGO_SECRET_KEY when DJANGO_DEBUG is off.")
    SECRET_KEY = "django-insecure-local-development-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])
# The site's public address: links in e-mails, images and links in exports. Unset, exports made in
# the desk use the address the editor is using (digest/export/addresses.py); `make run` sets it.
SITE_URL_IS_SET = bool(os.environ.get("DIGEST_SITE_URL", "").strip())
SITE_URL = os.environ.get("DIGEST_SITE_URL", "").strip().rstrip("/") or "http://127.0.0.1:8000"

INSTALLED_APPS = [
    "whitenoise.runserver_nostatic",
    "digest.desk.apps.DeskAdminConfig",  # django.contrib.admin with the desk's site (digest/desk/site.py)
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django_filters",
    "markdownx",
    "simple_history",
    "axes",
    "csp",
    "django_q",
    "reviews",
    "reviews.outbox",
    "digest",
    "digest.chat",
    "api",
]

MIDDLEWARE = [
    "log_request_id.middleware.RequestIDMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = os.environ.get("DJANGO_ROOT_URLCONF", "digest.urls")  # bench/ adds a bare reference view
WSGI_APPLICATION = "digest.wsgi.application"

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
            ],
        },
    },
]

# Database: SQLite in the project by default; PostgreSQL (or any) through DATABASE_URL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: local memory by default; Redis (shared by every app server) when REDIS_URL is set.
# "pages" holds the public pages' rendered blocks (digest/archive/views/page_cache.py), apart from the
# default cache so that pages never evict anything else (sessions, converted export bodies);
# "rows" the rows of public lists.
REDIS_URL = os.environ.get("REDIS_URL", "")
DIGEST_PAGE_CACHE_SECONDS = int(os.environ.get("DIGEST_PAGE_CACHE_SECONDS", "3600"))  # 0: no page cache
DIGEST_SEARCH_TIMEOUT_MS = int(os.environ.get("DIGEST_SEARCH_TIMEOUT_MS", "2000"))  # PostgreSQL archive search
# PostgreSQL: the freshness queries are prepared once per connection (digest/archive/prepared.py); 0 behind
# a pooler that gives each transaction another server session (PgBouncer in transaction mode).
DIGEST_PREPARED_STATEMENTS = env_bool("DIGEST_PREPARED_STATEMENTS", True)
if REDIS_URL:
    REDIS_CACHE = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        # A Redis that stops answering fails requests after 2 s rather than hanging every worker.
        "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
    }
    CACHES = {
        "default": {**REDIS_CACHE, "KEY_PREFIX": os.environ.get("DJANGO_CACHE_PREFIX", "digest")},
        "pages": {**REDIS_CACHE, "KEY_PREFIX": os.environ.get("DJANGO_CACHE_PREFIX", "digest") + "-pages"},
        "rows": {**REDIS_CACHE, "KEY_PREFIX": os.environ.get("DJANGO_CACHE_PREFIX", "digest") + "-rows"},
        "exports": {**REDIS_CACHE, "KEY_PREFIX": os.environ.get("DJANGO_CACHE_PREFIX", "digest") + "-exports"},
    }
    # Sessions read from the shared cache, written through to the database.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        # Per process: a page is rendered once per gunicorn worker. At most 300 entries (pages of
        # 10-300 kB, up to 1.4 MB for an issue of 50 reviews); the least recently used go first.
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pages",
            "OPTIONS": {"MAX_ENTRIES": 300},
        },
        # The rows of public lists (page_cache.rendered_rows), about 1 kB each: their own cache, so
        # that thousands of them never push a page out.
        "rows": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "rows",
            "OPTIONS": {"MAX_ENTRIES": 20000},
        },
        # The issue workspace's four exports of an issue, escaped (digest/desk/workspace.py exports_of):
        # up to ~3 MB for 50 reviews, so few of them per process.
        "exports": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "exports",
            "OPTIONS": {"MAX_ENTRIES": 20},
        },
    }
    # A per-process cache must not hold sessions: a logout handled by one gunicorn worker would
    # leave the session alive in the others' memory. Without Redis, sessions live in the database.
    SESSION_ENGINE = "digest.sessions"  # Django's db engine, its read in SQL written once

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "reviews.throttle.AddressLockoutBackend",
    "digest.permissions.PermissionBackend",  # a user's permissions in one query (see there)
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "my_work"
LOGOUT_REDIRECT_URL = "home"

# The client's address: behind the TLS proxy, from X-Forwarded-For as appended by the proxies in
# front (DJANGO_PROXY_COUNT of them); else REMOTE_ADDR. Used by axes, rate limits and logs.
DIGEST_PROXY_COUNT = int(os.environ.get("DJANGO_PROXY_COUNT", "1")) if env_bool("DJANGO_BEHIND_TLS_PROXY", False) else 0

# Login throttling (django-axes): lock a username+IP pair after repeated failures, and (reviews/throttle.py)
# an address that fails DIGEST_LOGIN_FAILURES_PER_ADDRESS log-ins across accounts (password spraying).
AXES_CLIENT_IP_CALLABLE = "reviews.throttle.client_ip"
DIGEST_LOGIN_FAILURES_PER_ADDRESS = os.environ.get("DJANGO_LOGIN_FAILURES_PER_ADDRESS", "30/h")
AXES_FAILURE_LIMIT = int(os.environ.get("DJANGO_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ru", _("Russian"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

# Languages a review or a series can be written in (post labels exist for each).
CONTENT_LANGUAGES = [
    ("ru", _("Russian")),
    ("en", _("English")),
    ("es", _("Spanish")),
    ("hi", _("Hindi")),
    ("zh", _("Chinese")),
]

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = os.environ.get("DJANGO_MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "digest.staticfiles.StaticFilesStorage"  # whitenoise's, each URL worked out once
    },
}
# Media on S3-compatible object storage when a bucket is configured (django-storages), so that
# every app server sees every upload. Credentials: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY.
AWS_STORAGE_BUCKET_NAME = os.environ.get("DJANGO_S3_BUCKET", "")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_S3_ENDPOINT_URL = os.environ.get("DJANGO_S3_ENDPOINT_URL") or None
    AWS_S3_REGION_NAME = os.environ.get("DJANGO_S3_REGION", "us-east-1")
    AWS_S3_CUSTOM_DOMAIN = os.environ.get("DJANGO_S3_CUSTOM_DOMAIN") or None
    # Other S3-compatible services (MinIO, Ceph, moto) address buckets by path, as do the URLs
    # that the Content-Security-Policy below allows; AWS itself prefers virtual hosts.
    AWS_S3_ADDRESSING_STYLE = os.environ.get("DJANGO_S3_ADDRESSING_STYLE", "path" if AWS_S3_ENDPOINT_URL else "auto")
    AWS_QUERYSTRING_AUTH = env_bool("DJANGO_S3_QUERYSTRING_AUTH", False)  # public-read URLs: images in posts
    AWS_DEFAULT_ACL = None
    AWS_S3_OBJECT_PARAMETERS = {"CacheControl": "max-age=86400"}
SERVE_MEDIA = env_bool("DJANGO_SERVE_MEDIA", not AWS_STORAGE_BUCKET_NAME)

# Uploads: only real images, server-chosen names, a size cap.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DIGEST_UPLOAD_MAX_BYTES = int(os.environ.get("DIGEST_UPLOAD_MAX_BYTES", str(4 * 1024 * 1024)))
DIGEST_UPLOAD_MAX_PIXELS = 40_000_000

# Bounded work per request: the largest review body (and preview) in bytes, and per-user rates
# (django-ratelimit on the cache; per process without REDIS_URL) answered with 429.
DIGEST_MAX_BODY_BYTES = int(os.environ.get("DIGEST_MAX_BODY_BYTES", "200000"))
DIGEST_IMPORT_MAX_BYTES = int(os.environ.get("DIGEST_IMPORT_MAX_BYTES", str(10 * 1024 * 1024)))  # import_post
RATELIMIT_USE_CACHE = "default"
DIGEST_RATE_UNIT_BYTES = 10_000  # previews and autosaves count once per started 10 KB of text
DIGEST_RATE_LIMITS = {
    "preview": os.environ.get("DIGEST_RATE_PREVIEW", "60/m"),
    "autosave": os.environ.get("DIGEST_RATE_AUTOSAVE", "30/m"),
    "upload": os.environ.get("DIGEST_RATE_UPLOAD", "10/m"),
    "arxiv": os.environ.get("DIGEST_RATE_ARXIV", "10/m"),
    "signup": os.environ.get("DIGEST_RATE_SIGNUP", "5/h"),
    "api": os.environ.get("DIGEST_RATE_API", "120/m"),  # every API request, per token (or address)
}

# Markdown editor (django-markdownx): our sanitising renderer and hardened endpoints.
MARKDOWNX_MARKDOWNIFY_FUNCTION = "reviews.markdown.render_markdown"
MARKDOWNX_URLS_PATH = "/markdownx/markdownify/"
MARKDOWNX_UPLOAD_URLS_PATH = "/markdownx/upload/"
MARKDOWNX_MEDIA_PATH = "uploads/"
MARKDOWNX_UPLOAD_MAX_SIZE = DIGEST_UPLOAD_MAX_BYTES
MARKDOWNX_UPLOAD_CONTENT_TYPES = ("image/jpeg", "image/png", "image/gif", "image/webp")
MARKDOWNX_SERVER_CALL_LATENCY = 400

# Mail: printed to the console unless an SMTP server is configured.
EMAIL_BACKEND = os.environ.get("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = float(os.environ.get("DJANGO_EMAIL_TIMEOUT", "10"))  # seconds: a hanging mail server fails the attempt
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "Digest <digest@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# The task queue (django-q2, docs/queue.md): mail and other work that talks to the outside world
# runs on a worker (`manage.py qcluster`). The database is the broker (no extra service); Redis
# when REDIS_URL is set. A job a dead worker was holding is handed out again after `retry` s.
DIGEST_TASK_TIMEOUT = int(os.environ.get("DIGEST_TASK_TIMEOUT", "120"))
Q_CLUSTER = {
    "name": os.environ.get("DIGEST_QUEUE_NAME", "digest"),  # one per site sharing a Redis
    "workers": int(os.environ.get("DIGEST_QUEUE_WORKERS", "1")),
    "timeout": DIGEST_TASK_TIMEOUT,
    "retry": DIGEST_TASK_TIMEOUT + max(5, DIGEST_TASK_TIMEOUT // 4),
    "max_attempts": 5,
    "poll": 1,
    "save_limit": 500,
    "catch_up": False,
    **({"redis": REDIS_URL} if REDIS_URL else {"orm": "default"}),
}
DIGEST_HEALTH_MAX_QUEUE_AGE = int(os.environ.get("DIGEST_HEALTH_MAX_QUEUE_AGE", "900"))  # /healthz: worker down?
DIGEST_TASKS_SYNC = env_bool("DIGEST_TASKS_SYNC", False)  # run jobs in the calling process (tests)
# The outbox: seconds to wait before each retry of a message that failed; after the last, it stays "failed".
DIGEST_OUTBOX_RETRY_DELAYS = [
    int(delay) for delay in env_list("DIGEST_OUTBOX_RETRY_DELAYS", ["60", "300", "1800", "7200", "21600"])
]
# How long a worker may hold a message while sending it; after that another worker takes it over.
DIGEST_OUTBOX_LEASE_SECONDS = int(os.environ.get("DIGEST_OUTBOX_LEASE_SECONDS", str(DIGEST_TASK_TIMEOUT + 30)))

# Content-Security-Policy (django-csp): no inline scripts or styles anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "https:", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
if AWS_STORAGE_BUCKET_NAME:  # uploaded images come from the bucket's host ("https:" covers TLS hosts)
    for media_origin in (AWS_S3_ENDPOINT_URL, AWS_S3_CUSTOM_DOMAIN and f"https://{AWS_S3_CUSTOM_DOMAIN}"):
        if media_origin:
            CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(media_origin.rstrip("/"))

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # the editor's fetch() reads it to send X-CSRFToken

if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers often ask over plain HTTP
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    if env_bool("DJANGO_BEHIND_TLS_PROXY", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Digest itself.
DIGEST_DEFAULT_DUE_DAYS = int(os.environ.get("DIGEST_DEFAULT_DUE_DAYS", "14"))
DIGEST_REMINDER_DAYS_BEFORE = int(os.environ.get("DIGEST_REMINDER_DAYS_BEFORE", "3"))
DIGEST_ARXIV_API_URL = os.environ.get("DIGEST_ARXIV_API_URL", "https://export.arxiv.org/api/query")
DIGEST_ARXIV_TIMEOUT = float(os.environ.get("DIGEST_ARXIV_TIMEOUT", "5"))

# Chat announcements (digest/chat/): webhook addresses and bot tokens are stored encrypted with a
# key derived from DIGEST_SECRETS_KEY, or from SECRET_KEY when it is not set.
DIGEST_SECRETS_KEY = os.environ.get("DIGEST_SECRETS_KEY", "")
DIGEST_TELEGRAM_API_URL = os.environ.get("DIGEST_TELEGRAM_API_URL", "https://api.telegram.org").rstrip("/")
DIGEST_CHAT_TIMEOUT = float(os.environ.get("DIGEST_CHAT_TIMEOUT", "10"))
DIGEST_CHAT_ALLOW_HTTP = env_bool("DIGEST_CHAT_ALLOW_HTTP", False)  # webhooks are https:// only, unless set

# Logs: every line of a request carries its id (X-Request-ID, also sent back in the response; taken
# from the proxy's header behind DJANGO_BEHIND_TLS_PROXY). One JSON object a line with
# DJANGO_LOG_FORMAT=json. Errors are mailed to ADMINS and, with SENTRY_DSN, reported to Sentry.
GENERATE_REQUEST_ID_IF_NOT_IN_HEADER = True
REQUEST_ID_RESPONSE_HEADER = "X-Request-ID"
if env_bool("DJANGO_BEHIND_TLS_PROXY", False):
    LOG_REQUEST_ID_HEADER = "HTTP_X_REQUEST_ID"
LOG_FORMAT = "json" if os.environ.get("DJANGO_LOG_FORMAT", "text") == "json" else "text"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "log_request_id.filters.RequestIDFilter"}},
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["request_id"], "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
    "loggers": {
        "django-q": {"level": os.environ.get("DIGEST_QUEUE_LOG_LEVEL", "INFO")},
        # httpx logs every request's URL at INFO, and a chat webhook's URL is a secret.
        "httpx": {"level": "WARNING"},
        "httpcore": {"level": "WARNING"},
    },
}
# Who gets a mail about each server error: "Ann <ann@example.org>, bob@example.org".
ADMINS = [parseaddr(address) for address in env_list("DJANGO_ADMINS", [])]

SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
if SENTRY_DSN:  # optional error reporting; nothing is sent anywhere without it
    import sentry_sdk

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production" if not DEBUG else "development"),
        send_default_pii=False,
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
    )
