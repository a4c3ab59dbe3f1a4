"""The site's frame (menu, branding, consent banner), the same on every page until something is published.

What the frame shows is read from the database once per page-cache generation and site, and kept in the
default cache under the generation token (``cms.page_cache.generation``): every publish and every change
to settings or taxonomy replaces the token, so a kept frame is always the current one.
"""

from django import template
from django.core.cache import cache
from django.utils.safestring import mark_safe
from wagtail.models import Site
from wagtail.templatetags.wagtailcore_tags import richtext

from buyingstages.models import ProfilingSettings

from ..models import BrandSettings
from ..page_cache import generation

register = template.Library()

# Long enough to outlive many requests; a new generation makes the key unused well before this.
FRAME_SECONDS = 3600
# Rendered without a request (no site, no settings context processor): an empty frame, as before.
NO_FRAME = {"brand": {}, "consent": {}, "menu": []}


def _read_frame(site, request):
    rules = ProfilingSettings.load(request_or_site=request)
    frame = {
        "brand": {},
        "consent": {
            "consent_required": rules.consent_required,
            "consent_wording": rules.consent_wording,
        },
        "menu": [],
    }
    if site is not None:
        brand = BrandSettings.for_request(request)
        frame["brand"] = {
            "organisation_name": brand.organisation_name,
            "strapline": brand.strapline,
            "footer_note": str(richtext(brand.footer_note)) if brand.footer_note else "",
        }
        menu = site.root_page.get_children().live().in_menu()
        frame["menu"] = [(page.path, page.get_url(request), page.title) for page in menu]
    return frame


def site_frame(request):
    """The frame for the request's site: looked up once per request, read once per generation."""
    if request is None:
        return NO_FRAME
    if not hasattr(request, "_masthead_frame"):
        site = Site.find_for_request(request)
        key = f"masthead:frame:{generation()}:{site.pk if site else 'none'}"
        frame = cache.get(key)
        if frame is None:
            frame = _read_frame(site, request)
            cache.set(key, frame, FRAME_SECONDS)
        request._masthead_frame = frame
    return request._masthead_frame


@register.simple_tag(takes_context=True)
def brand_settings(context):
    """BrandSettings for the request's site: organisation name, strapline, footer note as HTML."""
    brand = site_frame(context.get("request"))["brand"]
    if brand.get("footer_note"):
        brand = {**brand, "footer_note": mark_safe(brand["footer_note"])}  # noqa: S308 (Wagtail's rich text)
    return brand


@register.simple_tag(takes_context=True)
def consent_settings(context):
    """ProfilingSettings' consent banner: whether readers are asked, and in which words."""
    return site_frame(context.get("request"))["consent"]


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    """Live pages under the site root that editors marked "show in menus"."""
    frame = site_frame(context.get("request"))
    current = context.get("page")
    current_path = current.path if current else ""
    items = [
        {"url": url, "title": title, "active": current_path.startswith(path)}
        for path, url, title in frame["menu"]
    ]
    return {"items": items}
