"""Test settings: SQLite in memory unless DATABASE_URL names PostgreSQL (as CI does)."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-insecure-key")

import dj_database_url  # noqa: E402

from .base import *  # noqa: E402

DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
DATABASES = {
    "default": dj_database_url.parse(env("DATABASE_URL", "sqlite://:memory:"), conn_max_age=0)
}
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
# Serve static files from the app folders without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Tests that care about the page cache turn it on themselves.
PAGE_CACHE_ENABLED = False
