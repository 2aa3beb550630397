"""Django settings for Bimtek, read from the environment.

SQLite in BIMTEK_DATA_DIR with no configuration; PostgreSQL when DATABASE_URL says so.
"""

import secrets
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

from bimtek.lib.env import ImproperlyConfiguredEnv, envbool, envdate, envint, envlist, envpath, envstr

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = envpath("BIMTEK_DATA_DIR", Path.cwd() / "var")

DEBUG = envbool("DEBUG", False)


def _secret_key() -> str:
    """An explicit SECRET_KEY wins; otherwise one is made once and kept in the data directory."""
    explicit = envstr("SECRET_KEY", "")
    if explicit:
        if len(explicit) < 32:
            raise ImproperlyConfiguredEnv("SECRET_KEY must be at least 32 characters")
        return explicit
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = envstr("SITE_URL", "http://127.0.0.1:8000")
# Pins "today" for the readiness rules: a demo of a past election, or a what-if ("a week before voting").
BIMTEK_TODAY = envdate("BIMTEK_TODAY")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI served by the app itself: no CDN
    "csp",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "bimtek.site",
    "bimtek.audit",
    "bimtek.regions",
    "bimtek.elections",
    "bimtek.workforce",
    "bimtek.accounts",
    "bimtek.jobs",
    "bimtek.api",
    "bimtek.planner",
    "bimtek.drill",
    "bimtek.assessment",
    "bimtek.readiness",
    "bimtek.analytics",
    "bimtek.budget",
    "bimtek.synthetic",
    "bimtek.delivery",
    "bimtek.messaging",
    "bimtek.documents",
    "bimtek.feedback",
    "bimtek.speakers",
    "bimtek.participants",
    "bimtek.pwa",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "bimtek.lib.middleware.NoStoreMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "bimtek.site.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "bimtek.pwa.middleware.ClearSiteDataOnLogout",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Axes must come last: it answers a locked-out login before any view runs.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "bimtek.urls"
WSGI_APPLICATION = "bimtek.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "bimtek.site.context_processors.navigation",
                "bimtek.accounts.context_processors.abilities",
                "bimtek.pwa.context_processors.field_app",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        envstr("DATABASE_URL", f"sqlite:///{DATA_DIR / 'bimtek.sqlite3'}"),
        conn_max_age=envint("DB_CONN_MAX_AGE", 60, minimum=0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while a background job writes an import.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;",
        "transaction_mode": "IMMEDIATE",
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django turns psycopg's prepared statements off. Its own cursors bind on the client and never prepare;
    # `lib.prepared` (the check-in's hot reads) binds on the server, and this lets psycopg prepare there.
    DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = 5
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "bimtek.accounts.backends.AccountBackend",  # ModelBackend, the per-request user read prepared
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "site:home"
LOGOUT_REDIRECT_URL = "accounts:login"

AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = envint("AXES_COOLOFF_MINUTES", 15, minimum=1) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
# The public certificate page: an address whose codes miss (typo, not found, altered link) this many times
# is refused for the rest of the window. Counted in the cache (per process with the default LocMemCache).
CERTIFICATE_VERIFY_MISSES = envint("CERTIFICATE_VERIFY_MISSES", 20, minimum=1)
CERTIFICATE_VERIFY_WINDOW_SECONDS = envint("CERTIFICATE_VERIFY_WINDOW_MINUTES", 15, minimum=1) * 60

SESSION_ENGINE = "bimtek.accounts.sessions"  # database sessions, read by one plain statement
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# Behind HTTPS (docs/deploy.md): redirect plain HTTP, tell browsers to come back over HTTPS only (HSTS), and
# trust the TLS proxy's X-Forwarded-Proto/Host, which only a proxy that sets them itself may be trusted for.
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", False)
SECURE_REDIRECT_EXEMPT = [r"^healthz/?$"]  # the proxy's own health check speaks plain HTTP to the app
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", False)
# Preloading HSTS commits every subdomain of the site's domain for months: the domain owner's call (a KPU
# subdomain cannot make it for kpu.go.id), so check --deploy's reminder about it is silenced.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
if envbool("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = True
X_FRAME_OPTIONS = "DENY"
# Every asset is the app's own (no CDN), and no page has an inline script, style or event handler
# (site/tests/test_csp.py holds the templates to it), so the policy allows the site itself and nothing else:
# an injected <script> or onerror= does not run. Pico's form icons are data: SVGs in its CSS.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "report-uri": ["/csp-laporan/"],  # site.views.csp_report: refusals in the field reach the log
    }
}
CSP_REPORTS_PER_MINUTE = envint("CSP_REPORTS_PER_MINUTE", 30, minimum=1)  # from one address; more get 429
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = envstr("TIME_ZONE", "Asia/Jakarta")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
# WhiteNoise warns when this folder is missing; the demo serves from the app folders and needs no collectstatic.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True  # the demo serves static files without a collectstatic step
MEDIA_ROOT = DATA_DIR / "media"

# Uploads: refuse what no operator's spreadsheet needs, before it reaches the parser.
IMPORT_MAX_BYTES = envint("BIMTEK_IMPORT_MAX_MB", 50, minimum=1) * 1024 * 1024
IMPORT_MAX_ROWS = envint("BIMTEK_IMPORT_MAX_ROWS", 1_000_000, minimum=1)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    # Signed in, then the view's own rule (bimtek.accounts.access): a view that states none is closed.
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticated",
        "bimtek.accounts.access.AbilityPermission",
    ],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 100,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.UserRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"user": envstr("API_RATE", "10000/hour")},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Bimtek API",
    "DESCRIPTION": (
        "Regions, TPS, people and staffing; training plans and sessions; readiness roll-ups and TPS at risk; "
        "test results; the C.Hasil form check. Scoped to the caller's region and role."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

TASKS = {
    "default": {
        "BACKEND": envstr("BIMTEK_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# A running job's lease: its worker renews it every third of this; a job whose lease lapsed (the worker died)
# is run again by another worker, at most JOB_MAX_ATTEMPTS times in all, then it fails with that reason.
JOB_LEASE_SECONDS = envint("BIMTEK_JOB_LEASE_SECONDS", 60, minimum=2)
JOB_MAX_ATTEMPTS = envint("BIMTEK_JOB_MAX_ATTEMPTS", 3, minimum=1)

EMAIL_BACKEND = envstr("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "bimtek@localhost")
EMAIL_HOST = envstr("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = envstr("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = envstr("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)
# A dotted path to a class with send(to, text); the default logs a masked number and texts nobody.
BIMTEK_SMS_GATEWAY = envstr("BIMTEK_SMS_GATEWAY", "bimtek.messaging.gateways.ConsoleGateway")
FEEDBACK_OPEN_DAYS = envint("BIMTEK_FEEDBACK_OPEN_DAYS", 7, minimum=1)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "WARNING")},
}
