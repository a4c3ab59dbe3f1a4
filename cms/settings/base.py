"""Settings shared by every environment. Environment-specific files import from here."""

import os
from pathlib import Path

import dj_database_url

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

# The product's apps, top layer first: cms (the site) -> publishing -> buyingstages. Imports flow down.
INSTALLED_APPS = [
    "cms.home",
    "cms.search",
    "cms.caching",
    "cms.backup",
    "cms.demo",
    "cms.roles",
    "publishing.calendar",
    "publishing.messaging",
    "publishing.insight",
    "buyingstages.taxonomy",
    "buyingstages.library",
    "buyingstages.audience",
    "buyingstages.sales",
    "buyingstages.crm",
    "wagtail.api.v2",
    "wagtail.contrib.forms",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
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
    "django_filters",
    "rest_framework",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.syndication",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outside the page cache, so a stored page or feed fetched again unchanged is a 304.
    "django.middleware.http.ConditionalGetMiddleware",
    "cms.caching.page_cache.PageCacheMiddleware",
    "cms.middleware.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "cms.middleware.FormTextMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "cms.middleware.ContentSecurityPolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

# Content Security Policy for the public site: first-party scripts only, never inline ones. The Wagtail
# admin (which relies on inline scripts) is left to its own defaults; the beacon and the JSON APIs answer
# no documents (and nosniff stops any being guessed), so they skip building the header.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/", "/t/", "/api/"],
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
        "frame-ancestors": ["'self'"],
    },
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"

ROOT_URLCONF = "cms.urls"

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
            "builtins": ["cms.caching.fragments"],
        },
    },
]

WSGI_APPLICATION = "cms.wsgi.application"

# DATABASE_URL switches the database, e.g. postgres://user:pass@localhost:5432/masthead.
# An empty DATABASE_URL counts as unset. A connection kept between requests is checked before reuse.
CONN_MAX_AGE = int(os.environ.get("DATABASE_CONN_MAX_AGE", "0"))
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=CONN_MAX_AGE,
        conn_health_checks=CONN_MAX_AGE > 0,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several threads write at once (the dev server, the reading beacon): take the write lock at the
    # start of each transaction and wait for it, rather than failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and (
    os.environ.get("DATABASE_PREPARED_STATEMENTS", "1") != "0"
):
    # Page views repeat a few queries whose planning costs the server more than running
    # them: bind parameters on the server and keep each statement prepared on its connection once it
    # has run a few times. Behind a transaction-pooling PgBouncer, set DATABASE_PREPARED_STATEMENTS=0.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        server_side_binding=True, prepare_threshold=5
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_ROOT = BASE_DIR / "static_collected"
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"

# Files only a view that checks who asks may serve (rendered decks, deck templates): never under
# MEDIA_ROOT, which the web server hands to anyone.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": "/no-public-address/"},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# The page editor posts many fields for large StreamFields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# One cache shared by every process of a deployment: the web server and the worker both see what the
# other stored or dropped. Embedded default: diskcache (SQLite files beside the database, safe across
# processes, no server to run); production: Redis (CACHE_URL).
CACHES = {
    "default": {
        "BACKEND": "cms.caching.backends.EmbeddedCache",
        "LOCATION": os.environ.get("MASTHEAD_CACHE_DIR", BASE_DIR / ".cache"),
        # Seconds a read waits for a writer before it counts as a miss (writes retry until done).
        "DATABASE_TIMEOUT": 1.0,
        "OPTIONS": {"size_limit": 2**30},
    }
}

# Whole public pages are cached for anonymous readers (cms/caching/page_cache.py), and dropped when what
# they show changes.
# 0 turns the page cache off. Browsers may keep a page MASTHEAD_BROWSER_CACHE_SECONDS.
MASTHEAD_PAGE_CACHE_SECONDS = int(os.environ.get("MASTHEAD_PAGE_CACHE_SECONDS", "600"))
MASTHEAD_BROWSER_CACHE_SECONDS = int(os.environ.get("MASTHEAD_BROWSER_CACHE_SECONDS", "60"))
# How long a process trusts its copy of the running story tests before reading the shared cache again
# (publishing/messaging/splitting.py): a test that starts or ends reaches every process within this.
MASTHEAD_STORY_TESTS_REFRESH_SECONDS = float(
    os.environ.get("MASTHEAD_STORY_TESTS_REFRESH_SECONDS", "1")
)
# Expensive fragments of a page (its main content, the site's header and footer) are kept until what
# they show changes (cms/caching/fragments.py), or at most this long. 0 turns them off.
MASTHEAD_FRAGMENT_CACHE_SECONDS = int(os.environ.get("MASTHEAD_FRAGMENT_CACHE_SECONDS", "86400"))

# The beacon buffers reading events and the worker scores them this many seconds later, in batches
# (buyingstages/audience/event_buffer.py). 0 scores each event inside its request.
MASTHEAD_BEACON_BUFFER_SECONDS = float(os.environ.get("MASTHEAD_BEACON_BUFFER_SECONDS", "1"))
# How many new reader ids the site signs for one client address (buyingstages/audience/readers.py):
# enough for a busy office behind one address, too few for one visitor to pose as a crowd.
MASTHEAD_NEW_READERS_PER_ADDRESS = os.environ.get("MASTHEAD_NEW_READERS_PER_ADDRESS", "20/h")

# Background tasks (django-tasks): run at once here; production runs a worker (see production.py).
# Background work (sales-ready e-mails, webhooks) runs in `manage.py db_worker`, never in a request.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Seconds to wait before each retry of a failed webhook delivery; one more attempt than delays.
MASTHEAD_WEBHOOK_RETRY_DELAYS = [60, 300, 1800, 7200, 21600]
MASTHEAD_WEBHOOK_TIMEOUT = 10

# Wagtail
WAGTAIL_SITE_NAME = "Masthead"
# The site's public address, set once (PUBLIC_URL; `make run PORT=…` sets it for the demo): e-mails,
# decks, feeds, the sitemap, robots.txt, the pages API and canonical links all start from it, and
# `migrate` gives it to the default Site (buyingstages/common/addresses.py).
MASTHEAD_PUBLIC_URL = (
    os.environ.get("PUBLIC_URL")
    or os.environ.get("WAGTAILADMIN_BASE_URL")
    or "http://127.0.0.1:8000"
).rstrip("/")
WAGTAILADMIN_BASE_URL = MASTHEAD_PUBLIC_URL
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Documents are served through Wagtail's view so every download stays first-party and ungated.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No staff member's e-mail (hashed) goes to gravatar.com: the admin shows initials instead.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILAPI_BASE_URL = MASTHEAD_PUBLIC_URL
TAGGIT_CASE_INSENSITIVE = True

# The worker logs a line per task at INFO; its console shows warnings and failures unless
# WORKER_LOG_LEVEL=INFO asks for every task.
WORKER_LOG = {"handlers": ["worker"], "propagate": False}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "worker": {
            "class": "logging.StreamHandler",
            "level": os.environ.get("WORKER_LOG_LEVEL", "WARNING"),
        },
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        "django.tasks": WORKER_LOG,
        "django_tasks": WORKER_LOG,
        "django_tasks_db": WORKER_LOG,
    },
}

# Sales decks: the worker also draws each rendering as PDF with LibreOffice (publishing/messaging/pdf.py).
MASTHEAD_DECK_PDFS = os.environ.get("MASTHEAD_DECK_PDFS", "1") == "1"
# Sales decks: the largest .pptx accepted (brand templates and "is my deck current?" uploads).
MASTHEAD_MAX_PPTX_BYTES = 20_000_000

# A rate limit never turns into an error page: with the cache unreachable, requests are let through.
RATELIMIT_FAIL_OPEN = True
# Rate limits count each client's address; behind a load balancer, the one in this header, counting this
# many entries from its right (buyingstages/common/throttling.py). Unset: the connection's own address.
RATELIMIT_IP_META_KEY = "buyingstages.common.throttling.client_address"
MASTHEAD_CLIENT_ADDRESS_HEADER = os.environ.get("CLIENT_ADDRESS_HEADER", "")
MASTHEAD_TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", "1"))
