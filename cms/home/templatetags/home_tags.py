"""The site's frame: branding, the consent banner and the main menu."""

from django import template
from wagtail.models import Site

from buyingstages.audience.models import ProfilingSettings
from cms.home.models import BrandSettings

register = template.Library()


@register.simple_tag(takes_context=True)
def brand_settings(context):
    """BrandSettings for the request's site: organisation name, strapline, footer note."""
    request = context.get("request")
    return BrandSettings.for_request(request) if request is not None else None


@register.simple_tag(takes_context=True)
def consent_settings(context):
    """ProfilingSettings' consent banner: whether readers are asked, and in which words."""
    request = context.get("request")
    return ProfilingSettings.load(request_or_site=request) if request is not None else None


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    """Live pages under the site root that editors marked "show in menus"."""
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return {"items": []}
    current = context.get("page")
    current_path = current.path if current else ""
    items = [
        {
            "url": page.get_url(request),
            "title": page.title,
            "active": current_path.startswith(page.path),
        }
        for page in site.root_page.get_children().live().in_menu()
    ]
    return {"items": items}
