from django import template
from wagtail.models import Site

from buyingstages.content_version import PerVersion
from buyingstages.models import AssetIndexPage

register = template.Library()


# Per content version: the library's URL as seen from each site (it moves only when content changes).
_library_urls = PerVersion(dict)


def _library_url(context):
    """The asset library's URL: looked up once per content version and site, not per request."""
    request = context.get("request")
    site = Site.find_for_request(request)
    urls = _library_urls.get()
    key = site.pk if site else None
    if key not in urls:
        library = AssetIndexPage.objects.live().first()
        urls[key] = library.get_url(request) if library else ""
    return urls[key]


def _hub_url(context, route_name, slug):
    library = _library_url(context)
    return library + AssetIndexPage.get_resolver().reverse(route_name, slug=slug) if library else ""


@register.simple_tag(takes_context=True)
def library_url(context):
    return _library_url(context)


@register.simple_tag(takes_context=True)
def stage_url(context, stage):
    return _hub_url(context, "stage", stage.slug)


@register.simple_tag(takes_context=True)
def topic_url(context, topic, route="topic"):
    """The topic's hub, or with route="topic_rss"/"topic_atom" its feeds."""
    return _hub_url(context, route, topic.slug)
