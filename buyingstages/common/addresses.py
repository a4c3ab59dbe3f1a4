"""Addresses outside a request (e-mails, decks, commands) start from the site's public base URL."""

from django.conf import settings


def absolute_url(path):
    """``path`` (from ``reverse`` or a page's URL) on the public base URL, ``WAGTAILADMIN_BASE_URL``."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path
