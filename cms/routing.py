"""Which site and page answer a request, known per content version.

For every page view Wagtail looks up the site (one query) and walks the page tree from the site's root
to the page, two queries a level: five for an asset. Sites and the tree change only when content does,
which replaces the content version, so each process remembers, per version, the site for each host
and, for each path it has served, which page answered. The next request for that path loads the page
alone, in one query whose SQL is compiled once per connection (``buyingstages.prepared``), and Wagtail
serves it as always: view restrictions, hooks and the page's own ``serve``. Only plain page routes are
remembered; a page that routes its own sub-paths (the library's hubs and feeds) is walked every time,
and a path that found no page is never remembered.

A page model may define ``serving_queryset()`` to load what its template shows in that same query.
"""

from django.http.request import split_domain_port
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Site
from wagtail.url_routing import RouteResult

from buyingstages.content_version import PerVersion
from buyingstages.prepared import PreparedQuery

# Enough for every page of a large site; past it, paths are walked as Wagtail does.
MAX_ROUTES = 50_000
MAX_HOSTS = 100


class RouteTable:
    """One version's sites by (host, port) and pages by (site, path), filled as requests arrive."""

    def __init__(self):
        self.sites = {}
        self.pages = {}

    def prime(self, request, path):
        """Tell Wagtail the request's site and, if this path was served before, its page."""
        host = (split_domain_port(request._get_raw_host())[0], request.get_port())
        if host not in self.sites:
            if len(self.sites) >= MAX_HOSTS:
                return
            site = Site.find_for_request(request)
            self.sites[host] = site and (site._state.db, site_values(site))
            return
        if self.sites[host] is None:
            return
        # A fresh instance per request: whatever a request caches on its site stays with it.
        database, values = self.sites[host]
        request._wagtail_site = site = Site.from_db(database, SITE_FIELDS, values)
        route = self.pages.get((site.pk, path))
        if route is not None:
            page_class, pk = route
            for page in page_loader(page_class)(pk, using=database):
                request._wagtail_route_for_request = RouteResult(page)

    def remember(self, request, path):
        """After Wagtail routed the request: keep a plain page route for the next request."""
        site = getattr(request, "_wagtail_site", None)
        route = getattr(request, "_wagtail_route_for_request", None)
        if site is None or route is None or len(self.pages) >= MAX_ROUTES:
            return
        page, args, kwargs = route
        if args or kwargs or isinstance(page, RoutablePageMixin):
            return
        self.pages.setdefault((site.pk, path), (type(page), page.pk))


SITE_FIELDS = [field.attname for field in Site._meta.concrete_fields]


def site_values(site):
    return [getattr(site, name) for name in SITE_FIELDS]


def serving_queryset(page_class):
    custom = getattr(page_class, "serving_queryset", None)
    return custom() if custom else page_class._default_manager.all()


_page_loaders = {}


def page_loader(page_class):
    """The live page of ``page_class`` with the given id, its SQL compiled once (buyingstages.prepared)."""
    if page_class not in _page_loaders:
        _page_loaders[page_class] = PreparedQuery(
            lambda pk: serving_queryset(page_class).live().filter(pk=pk)
        )
    return _page_loaders[page_class]


_tables = PerVersion(RouteTable)


def route_table():
    return _tables.get()
