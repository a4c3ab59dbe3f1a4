"""Which public pages show a thing, so a change drops those pages and no others.

A page shows itself, and appears on its ancestors (the home page's latest reading, the library and its
hubs and feeds). An asset also appears as the next step on the assets of earlier stages that share one
of its topics, and on any page that links to it (Wagtail's reference index: featured assets, message
blocks). What every page shows (branding, taxonomy, the home page and the menu under it, sites, the
reading rules) drops every page.

Pages are dropped from the page cache at once and, when a CDN is configured, purged through Wagtail's
frontend cache (``PurgeBatch``).
"""

import logging

from django.conf import settings
from django.db import transaction
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page, ReferenceIndex, Site

from buyingstages.library.models import AssetPage
from cms.caching.fragments import frame_fragment_keys, page_fragment_keys
from cms.caching.page_cache import drop_keys, path_key

logger = logging.getLogger(__name__)

# Every page's frame shows the pages under the home page (the menu): a change to one of them, or to
# the home page, redraws every page.
MENU_DEPTH = 3


def page_paths(page):
    """The URL paths a live page answers: its own and its routes (hubs, feeds)."""
    parts = page.get_url_parts()
    if parts is None:
        return []
    root = parts[2]
    return [root + path.lstrip("/") for path in page.get_cached_paths()]


def drop(pages):
    """Drop these pages and their fragments (and the site's frame, when they are in its menu) now and,
    so a rendering from older rows cannot outlive the transaction, again after the commit; the CDN is
    purged once, after the commit."""
    pages = {page.pk: page for page in pages}.values()
    keys = [path_key(path) for page in pages for path in page_paths(page)]
    keys += [key for page in pages for key in page_fragment_keys(page)]
    if any(page.depth <= MENU_DEPTH for page in pages):
        sections = list(Page.objects.filter(depth__lte=MENU_DEPTH).values_list("path", flat=True))
        keys += [key for site in Site.objects.all() for key in frame_fragment_keys(site, sections)]
    drop_keys(keys)

    def after_commit():
        drop_keys(keys)
        if getattr(settings, "WAGTAILFRONTENDCACHE", None):
            batch = PurgeBatch()
            batch.add_pages(pages)
            batch.purge()

    transaction.on_commit(after_commit)


def drop_everything(reason):
    logger.info("Every public page dropped: %s", reason)
    drop(Page.objects.live().specific(defer=True).exclude(depth=1))


def referring_pages(instance):
    """Live pages whose content links to ``instance`` (rich text, choosers, snippets in blocks)."""
    ids = (
        ReferenceIndex.get_references_to(instance)
        .filter(base_content_type__app_label="wagtailcore", base_content_type__model="page")
        .values_list("object_id", flat=True)
    )
    return Page.objects.live().filter(pk__in=[int(pk) for pk in ids]).specific(defer=True)


def earlier_steps(asset):
    """Live assets that may offer ``asset`` as their next step."""
    if asset.stage_id is None:
        return AssetPage.objects.none()
    return (
        AssetPage.objects.live()
        .filter(
            tagged_topics__tag__in=asset.topics.all(),
            stage__sort_order__lt=asset.stage.sort_order,
        )
        .distinct()
    )


def pages_showing(page):
    """The live pages whose rendering includes ``page``: itself first."""
    page = page.specific_deferred
    shown = [page, *page.get_ancestors().live().exclude(depth=1).specific(defer=True)]
    if isinstance(page, AssetPage):
        shown += earlier_steps(page)
    shown += referring_pages(page)
    return shown
