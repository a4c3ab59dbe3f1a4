"""Which public pages show a thing, so a change drops those pages and no others.

A page shows itself, and appears on its ancestors (the home page's latest reading, the library and its
hubs and feeds). An asset also appears as the next step on the few earlier-stage assets whose
next-step cards show it (``buyingstages.library.next_steps``), and on any page that links to it
(Wagtail's reference index: featured assets, message blocks). What every page shows (branding,
taxonomy, the home page and the menu under it, sites, the reading rules) drops every page.

Pages are dropped from the page cache at once and, when a CDN is configured, purged through Wagtail's
frontend cache (``PurgeBatch``).
"""

import logging

from django.conf import settings
from django.db import transaction
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page, ReferenceIndex, Site

from buyingstages.library import next_steps
from buyingstages.library.models import AssetIndexPage, AssetPage
from cms.caching.fragments import MENU_DEPTH, frame_fragment_keys, page_fragment_keys
from cms.caching.page_cache import drop_keys, path_key

logger = logging.getLogger(__name__)


def page_paths(page, routes=None):
    """The URL paths a live page answers: its own and its routes (hubs, feeds), or only ``routes``."""
    parts = page.get_url_parts()
    if parts is None:
        return []
    root = parts[2]
    routes = page.get_cached_paths() if routes is None else routes
    return [root + path.lstrip("/") for path in routes]


def drop(pages, frame=False, routes=None):
    """Drop these pages and their fragments (and, with ``frame``, the site's header and footer) now
    and, so a rendering from older rows cannot outlive the transaction, again after the commit; the
    CDN is purged once, after the commit. ``routes``: {page id: routes} for a page of which only
    some addresses show the change (the library's hubs and feeds)."""
    routes = routes or {}
    pages = {page.pk: page for page in pages}.values()
    keys = [path_key(path) for page in pages for path in page_paths(page, routes.get(page.pk))]
    keys += [key for page in pages for key in page_fragment_keys(page)]
    if frame:
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


def drop_everything(reason, also=()):
    """Drop every live page, and ``also`` these (just withdrawn, so no longer live)."""
    logger.info("Every public page dropped: %s", reason)
    drop([*Page.objects.live().specific(defer=True).exclude(depth=1), *also], frame=True)


def drop_old_addresses(page, old_url_path):
    """After a move or a new slug: the paths ``page`` and the pages under it answered before."""
    new_url_path = page.url_path
    paths = []
    for site in Site.objects.select_related("root_page"):
        root = site.root_page.url_path
        if not old_url_path.startswith(root):
            continue
        for moved in page.get_descendants(inclusive=True).live().specific(defer=True):
            old = "/" + (old_url_path + moved.url_path[len(new_url_path) :])[len(root) :]
            paths += [old + path.lstrip("/") for path in moved.get_cached_paths()]
    keys = [path_key(path) for path in paths]
    drop_keys(keys)
    transaction.on_commit(lambda: drop_keys(keys))


def referring_pages(instance):
    """Live pages whose content links to ``instance`` (rich text, choosers, snippets in blocks)."""
    ids = (
        ReferenceIndex.get_references_to(instance)
        .filter(base_content_type__app_label="wagtailcore", base_content_type__model="page")
        .values_list("object_id", flat=True)
    )
    return Page.objects.live().filter(pk__in=[int(pk) for pk in ids]).specific(defer=True)


def offering_as_next_step(page):
    """The ids of the live pages whose next-step cards show ``page`` as the database is now."""
    return next_steps.offering(page.pk) if isinstance(page, AssetPage) else set()


def listing_routes(page, listed_before=None):
    """{library id: the hubs and feeds that list ``page``, now or (``listed_before``, from
    ``AssetPage.listed_under``) before a change}: a publish drops those, not every hub."""
    if not isinstance(page, AssetPage):
        return {}
    stages, topics = listed_before or (set(), set())
    stages, topics = set(stages), set(topics)
    if page.stage_id:
        stages.add(page.stage.slug)
    topics |= {topic.slug for topic in page.topics.all()}
    now_stages, now_topics = page.listed_under()
    stages, topics = stages | now_stages, topics | now_topics
    return {
        library.pk: library.paths_listing(sorted(stages), sorted(topics))
        for library in page.get_ancestors().type(AssetIndexPage).specific(defer=True)
    }


def pages_showing(page, offered_by=()):
    """The live pages whose rendering includes ``page``: itself first. ``offered_by``: the ids of
    pages that offered it as a next step before a change (the database now says who offers it)."""
    page = page.specific_deferred
    shown = [page, *page.get_ancestors().live().exclude(depth=1).specific(defer=True)]
    offering = offering_as_next_step(page) | set(offered_by)
    if offering:
        shown += Page.objects.filter(pk__in=offering).specific(defer=True)
    shown += referring_pages(page)
    return shown
