"""The site's public address (``MASTHEAD_PUBLIC_URL``), set once and used everywhere.

E-mails, decks and commands build links outside a request with `absolute_url`. Wagtail builds a page's
full URL (the sitemap, feeds, the pages API, canonical links) from its Site record, so `migrate` gives
the default Site the same address (`follow_public_address`): one setting, no second place to forget.
"""

from urllib.parse import urlsplit

from django.apps import apps as global_apps
from django.conf import settings
from wagtail.models import Site

DEFAULT_PORTS = {"http": 80, "https": 443}


def absolute_url(path):
    """``path`` (from ``reverse`` or a page's URL) on the site's public address."""
    return settings.MASTHEAD_PUBLIC_URL.rstrip("/") + path


def public_host_and_port():
    address = urlsplit(settings.MASTHEAD_PUBLIC_URL)
    return address.hostname, address.port or DEFAULT_PORTS.get(address.scheme, 80)


def follow_public_address(apps=global_apps, using="default", **kwargs):
    """Give the default Site the public address (a post_migrate receiver); returns the Site.

    A `migrate` of only some apps on a new database may have no Site table yet (the models as
    migrated so far, `apps`, say so), and then there is nothing to do. The Site itself is saved as
    Wagtail's model, so Wagtail forgets the root paths it cached."""
    try:
        apps.get_model("wagtailcore", "Site")
    except LookupError:
        return None
    site = Site.objects.using(using).filter(is_default_site=True).first()
    hostname, port = public_host_and_port()
    if site and (site.hostname, site.port) != (hostname, port):
        site.hostname, site.port = hostname, port
        site.save(update_fields=["hostname", "port"])
    return site
