from django import template

from buyingstages.models import AssetIndexPage

register = template.Library()


def _library(context):
    """The asset library page, looked up once per request."""
    request = context.get("request")
    if request is None:
        return AssetIndexPage.objects.live().first()
    if not hasattr(request, "_masthead_library"):
        request._masthead_library = AssetIndexPage.objects.live().first()
    return request._masthead_library


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
