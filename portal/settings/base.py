"""Production settings: secure by default; everything deployment-specific comes from the
environment (documented in `.env.example`). `dev.py` and `test.py` relax only what they must."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name, "").strip()
    return value or default


def env_bool(name: str, default: bool) -> bool:
    value = env(name)
    if value is None:
        return default
    return value.lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in (env(name, default) or "").split(",") if item.strip()]


# --- Core ---------------------------------------------------------------------------------

DEBUG = False
SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    raise ImproperlyConfigured("Set SECRET_KEY in the environment (see .env.example).")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "portal",
    "triage",
    "selfassess",
    "search",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "portal.page_cache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "portal.staff_auth.middleware.StaffTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "portal.security.ContentSecurityPolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: answers a locked-out sign-in 429 (portal.staff_auth.throttling).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"
ASGI_APPLICATION = "portal.asgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# --- Data ---------------------------------------------------------------------------------

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}

REDIS_URL = env("REDIS_URL")
# Redis down costs speed, not pages: the backend treats it as empty and tries again after a
# few seconds (portal/cache.py). Long or odd keys are hashed, never stored or warned about.
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "portal.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "portal",
            "KEY_FUNCTION": "portal.cache.cache_key",
            "TIMEOUT": 300,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "KEY_FUNCTION": "portal.cache.cache_key",
        }
    }

# Anonymous pages are cached whole; "open now" on channels is at most this many seconds old.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
PAGE_CACHE_SECONDS = int(env("PAGE_CACHE_SECONDS", "60"))

# Wagtail 8 runs its background work (search index updates, reference index) through
# django-tasks. The immediate backend needs no worker; production may switch to the database
# backend and run `manage.py db_worker`.
TASKS = {
    "default": {"BACKEND": env("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")}
}

# Search: the embedded default is the database backend (SQLite FTS5 / PostgreSQL tsvector);
# with ELASTICSEARCH_URL set the Elasticsearch backend answers, falling back to the database
# when the cluster is unreachable. SEARCH_BACKEND names the backend explicitly.
ELASTICSEARCH_URL = env("ELASTICSEARCH_URL")
SEARCH_BACKEND = env("SEARCH_BACKEND", "elasticsearch" if ELASTICSEARCH_URL else "database")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# The anonymous search log (query, language, result count, clicked rank, date) is kept this
# many days; `manage.py search_log_purge` (run daily) deletes older entries.
SEARCH_QUERY_LOG_DAYS = int(env("SEARCH_QUERY_LOG_DAYS", "400"))
# The editors' weekly report leaves out queries searched fewer times than this in the week.
SEARCH_REPORT_MIN_SEARCHES = int(env("SEARCH_REPORT_MIN_SEARCHES", "2"))
# Searches per client and minute before the page asks to wait (HTTP 429); suggestions more.
SEARCH_RATE_LIMIT_PER_MINUTE = int(env("SEARCH_RATE_LIMIT_PER_MINUTE", "60"))
SEARCH_SUGGESTIONS_RATE_LIMIT_PER_MINUTE = int(
    env("SEARCH_SUGGESTIONS_RATE_LIMIT_PER_MINUTE", "300")
)

# --- Authentication and staff two-factor --------------------------------------------------

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "wagtailadmin_login"
WAGTAILADMIN_USER_LOGIN_FORM = "portal.staff_auth.forms.StaffLoginForm"

# Every URL under these prefixes needs a password and a verified OTP device.
STAFF_URL_PREFIXES = ("/admin/", "/django-admin/", "/staff/")
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", "Palveluneuvonta")
# Failed OTP attempts lock verification for 2^n seconds (django-otp's throttling).
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
STAFF_BACKUP_TOKEN_COUNT = 10

# Failed passwords lock sign-in (django-axes, counting in the database so that nothing resets
# while the cache is down): per account at one address, per address whatever the account, and
# per account from any address; 0 turns the last two off. portal/staff_auth/throttling.py.
STAFF_LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS = int(
    env("STAFF_LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS", "5")
)
STAFF_LOGIN_FAILURES_PER_ADDRESS = int(env("STAFF_LOGIN_FAILURES_PER_ADDRESS", "20"))
STAFF_LOGIN_FAILURES_PER_ACCOUNT = int(env("STAFF_LOGIN_FAILURES_PER_ACCOUNT", "10"))
# Counted from the latest failure: trying again while locked out starts the wait over.
STAFF_LOGIN_LOCKOUT_MINUTES = int(env("STAFF_LOGIN_LOCKOUT_MINUTES", "15"))
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses a locked-out sign-in before any password check
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "portal.staff_auth.throttling.StaffLoginThrottleHandler"
AXES_LOCKOUT_PARAMETERS = "portal.staff_auth.throttling.lockout_parameters"
AXES_FAILURE_LIMIT = "portal.staff_auth.throttling.failure_limit"
AXES_USERNAME_CALLABLE = "portal.staff_auth.throttling.throttle_username"
AXES_CLIENT_IP_CALLABLE = "portal.staff_auth.throttling.throttle_client_ip"
AXES_LOCKOUT_CALLABLE = "portal.staff_auth.throttling.lockout_response"
# In hours, as a float: axes would read an int as whole hours.
AXES_COOLOFF_TIME = STAFF_LOGIN_LOCKOUT_MINUTES / 60
AXES_RESET_ON_SUCCESS = True
# No second log of every sign-in with its address; a failure is deleted at the first sign-in
# event after its cool-off.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False
# Never stored with a failure's form data (the password always is masked by axes itself).
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "otp_token", "csrfmiddlewaretoken"]

SESSION_COOKIE_AGE = int(env("SESSION_COOKIE_AGE", str(8 * 60 * 60)))
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# --- Security headers ---------------------------------------------------------------------

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]
if env_bool("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many proxies in front of the app append to X-Forwarded-For (0: none, REMOTE_ADDR is the
# visitor). Rate limits count per visitor; behind a proxy without this, everyone shares one.
TRUSTED_PROXY_HOPS = int(env("TRUSTED_PROXY_HOPS", "0"))
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", str(365 * 24 * 60 * 60)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Preload only signals consent; submitting the domain to browsers is a separate decision.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# The public site runs no inline script or style and loads nothing from other hosts.
# Wagtail's admin still uses inline styles and a few inline scripts (seen in Chromium on the
# dashboard and page explorer); portal.security relaxes the policy for staff URLs only,
# which sit behind two-factor sign-in.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
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
}
STAFF_CONTENT_SECURITY_POLICY_ADDITIONS = {
    "script-src": ["'unsafe-inline'"],
    "style-src": ["'unsafe-inline'"],
    "img-src": ["blob:"],
    "frame-src": ["'self'"],
}

# --- Languages ----------------------------------------------------------------------------

LANGUAGE_CODE = "fi"
LANGUAGES = [("fi", "Suomi"), ("sv", "Svenska"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = [("fi", "Suomi"), ("sv", "Svenska"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Helsinki"
USE_I18N = True
USE_TZ = True

# --- Static and media ---------------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "var" / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- Wagtail ------------------------------------------------------------------------------

WAGTAIL_SITE_NAME = env("WAGTAIL_SITE_NAME", "Palveluneuvonta")
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", "https://localhost")
# The public site's address in links others keep (the HSDS export and API); when the admin has
# a host of its own. Unset, WAGTAILADMIN_BASE_URL is the site's address too (portal.hsds).
PORTAL_PUBLIC_BASE_URL = env("PORTAL_PUBLIC_BASE_URL")
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ALLOW_UNICODE_SLUGS = False
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- E-mail -------------------------------------------------------------------------------

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "palveluneuvonta@localhost")

# HSDS 3 requires an address region, which Finnish addresses do not have.
HSDS_STATE_PROVINCE = env("HSDS_STATE_PROVINCE", "")

# --- Integrations (configured by later issues; documented in .env.example) ---------------

OIDC_ISSUER_URL = env("OIDC_ISSUER_URL")
OIDC_CLIENT_ID = env("OIDC_CLIENT_ID")
OIDC_CLIENT_SECRET = env("OIDC_CLIENT_SECRET")
HANDOFF_ENDPOINT_URL = env("HANDOFF_ENDPOINT_URL")
HANDOFF_HMAC_SECRET = env("HANDOFF_HMAC_SECRET")

# --- Self-assessments ---------------------------------------------------------------------

# EUROHIS-8's licence is unverified: the instrument is offered only when this is on.
SELFASSESS_EUROHIS8_ENABLED = env_bool("SELFASSESS_EUROHIS8_ENABLED", False)
# Encrypts hand-over answers and keys the code lookup hash. Unset: derived from SECRET_KEY
# (HKDF). Changing it makes outstanding codes (at most 72 h old) unreadable.
SELFASSESS_HANDOVER_KEY = env("SELFASSESS_HANDOVER_KEY")
SELFASSESS_HANDOVER_HOURS = int(env("SELFASSESS_HANDOVER_HOURS", "72"))
# How long a half-answered assessment is kept in the person's encrypted cookie.
SELFASSESS_STATE_SECONDS = int(env("SELFASSESS_STATE_SECONDS", str(2 * 60 * 60)))
# Where the quick-exit button goes: a neutral site that reveals nothing.
SELFASSESS_QUICK_EXIT_URL = env("SELFASSESS_QUICK_EXIT_URL", "https://www.google.com/")
# Municipalities a person may pick for the statistics (comma-separated; empty: not asked).
SELFASSESS_MUNICIPALITIES = env_list("SELFASSESS_MUNICIPALITIES")

# --- Logging: personal data never reaches the log ------------------------------------------

# Python warnings go to the log as well (logger "py.warnings"), so they pass the filter too.
LOGGING_CONFIG = "portal.log_filters.logging_configure"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_personal_data": {"()": "portal.log_filters.RedactPersonalDataFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["redact_personal_data"],
        },
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
    "loggers": {
        "django_tasks": {"level": "WARNING"},
        "django.security": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "portal.security": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}


# No third-party avatars: staff e-mail hashes must not leak to an outside service.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
