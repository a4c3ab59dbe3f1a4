from django import template

from buyingstages.models import AssetIndexPage, AssetPage

register = template.Library()


def _library(context):
    """The asset library page, looked up once per request.

    On an asset page it is the page's parent (the library is the only place assets live, and there is
    one), which Wagtail's routing has already loaded: no query.
    """
    request = context.get("request")
    if request is None:
        return AssetIndexPage.objects.live().first()
    if not hasattr(request, "_masthead_library"):
        library = _parent_library(context.get("page"))
        if library is None:
            library = AssetIndexPage.objects.live().first()
        request._masthead_library = library
    return request._masthead_library


def _parent_library(page):
    """The asset's live library, as routing left it on the page; None if that is not it."""
    parent = page.get_parent() if isinstance(page, AssetPage) and page.path else None
    library = parent.specific_deferred if parent is not None else None
    return library if isinstance(library, AssetIndexPage) and library.live else None


@register.simple_tag(takes_context=True)
def library_url(context):
    library = _library(context)
    return library.get_url(context.get("request")) if library else ""


@register.simple_tag(takes_context=True)
def stage_url(context, stage):
    library = _library(context)
    return library.hub_url("stage", stage.slug, context.get("request")) if library else ""


@register.simple_tag(takes_context=True)
def topic_url(context, topic, route="topic"):
    """The topic's hub, or with route="topic_rss"/"topic_atom" its feeds."""
    library = _library(context)
    return library.hub_url(route, topic.slug, context.get("request")) if library else ""


@register.inclusion_tag("buyingstages/includes/asset_card.html", takes_context=True)
def asset_card(context, asset, heading_level=3):
    return {"asset": asset, "heading_level": heading_level, "request": context.get("request")}
