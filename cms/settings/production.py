"""Production: every secret and address comes from the environment; missing ones stop start-up."""

import json
import os

from django.core.exceptions import ImproperlyConfigured

from cms.settings.base import *  # noqa: F403


def require_env(name):
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"Set the {name} environment variable: production needs it.")
    return value


DEBUG = False
SECRET_KEY = require_env("SECRET_KEY")
ALLOWED_HOSTS = [host.strip() for host in require_env("ALLOWED_HOSTS").split(",") if host.strip()]
CSRF_TRUSTED_ORIGINS = [
    origin.strip()
    for origin in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",")
    if origin.strip()
]
require_env("DATABASE_URL")
# Web processes keep their database connection between requests, checked before reuse so a restarted
# database is reconnected to at once.
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DATABASE_CONN_MAX_AGE", "60"))  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405
# The public address (WAGTAILADMIN_BASE_URL is still read, as the name this setting had before).
if not (os.environ.get("PUBLIC_URL") or os.environ.get("WAGTAILADMIN_BASE_URL")):
    require_env("PUBLIC_URL")
if not MASTHEAD_PUBLIC_URL.startswith(("https://", "http://")):  # noqa: F405
    raise ImproperlyConfigured("PUBLIC_URL must start with https:// (or http://).")

# Every process shares one cache (pages, fragments, rate limits): Redis; without CACHE_URL, the file
# cache of base.py, which only processes on one machine share.
CACHE_URL = os.environ.get("CACHE_URL") or os.environ.get("REDIS_URL", "")
if CACHE_URL:
    if not CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured("CACHE_URL must be a redis:// (or rediss://, unix://) address.")
    CACHES = {
        "default": {
            "BACKEND": "cms.caching.backends.FailSafeRedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "masthead"),
            # A server that stops answering costs a request half a second, not a hung worker.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }

# Uploaded files: on local disk by default (MEDIA_ROOT); any Django storage backend by its dotted path,
# e.g. STORAGE_BACKEND=storages.backends.s3.S3Storage with STORAGE_OPTIONS='{"bucket_name": "..."}'.
MEDIA_URL = os.environ.get("MEDIA_URL", MEDIA_URL)  # noqa: F405
if os.environ.get("STORAGE_BACKEND"):
    STORAGES["default"] = {  # noqa: F405
        "BACKEND": os.environ["STORAGE_BACKEND"],
        "OPTIONS": json.loads(os.environ.get("STORAGE_OPTIONS", "{}")),
    }
# Rendered decks and deck templates: a folder the web server does not serve (PRIVATE_MEDIA_ROOT), or a
# private bucket (PRIVATE_STORAGE_BACKEND, PRIVATE_STORAGE_OPTIONS); only Masthead's views hand them out.
if os.environ.get("PRIVATE_STORAGE_BACKEND"):
    STORAGES["private"] = {  # noqa: F405
        "BACKEND": os.environ["PRIVATE_STORAGE_BACKEND"],
        "OPTIONS": json.loads(os.environ.get("PRIVATE_STORAGE_OPTIONS", "{}")),
    }

# A CDN in front: Wagtail's frontend cache purges what a publish changes (cms/caching/invalidation.py).
WAGTAILFRONTENDCACHE = {}
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):  # Varnish, nginx or any cache that accepts PURGE
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
    }
if os.environ.get("CLOUDFLARE_ZONE_ID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": os.environ["CLOUDFLARE_ZONE_ID"],
        "BEARER_TOKEN": require_env("CLOUDFLARE_BEARER_TOKEN"),
    }
if not WAGTAILFRONTENDCACHE:
    del WAGTAILFRONTENDCACHE

# `manage.py collectstatic` writes here; the web server or CDN in front serves it at STATIC_URL.
STATIC_ROOT = os.environ.get("STATIC_ROOT", STATIC_ROOT)  # noqa: F405
STATIC_URL = os.environ.get("STATIC_URL", STATIC_URL)  # noqa: F405
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
)

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true").lower() == "true"
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "false").lower() == "true"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")
