"""Links into the asset library: its index, and the hub of a stage or topic."""

from django import template

from buyingstages.library.models import AssetIndexPage

register = template.Library()


def _library_url(context):
    """The live library's URL; looked up once per request."""
    request = context.get("request")
    url = getattr(request, "masthead_library_url", None)
    if url is None:
        library = AssetIndexPage.objects.live().first()
        url = library.get_url(request) if library else ""
        if request is not None:
            request.masthead_library_url = url
    return url


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
