"""The site's frame: branding, the consent banner, the main menu and the card a shared link shows."""

from django import template
from wagtail.models import Site

from buyingstages.audience.models import ProfilingSettings
from buyingstages.common.addresses import absolute_url
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


SHARE_IMAGE = "fill-1200x630"  # the size LinkedIn, Slack and X show large


@register.inclusion_tag("includes/share_card.html", takes_context=True)
def share_card(context, title=None, description=None, image=None, kind="website"):
    """The canonical address and the Open Graph and Twitter card tags, so a link shared on LinkedIn or
    in Slack shows the page's title, summary and picture. Defaults come from the page and the brand."""
    request, page, brand = context.get("request"), context.get("page"), context.get("brand")
    if title is None and page is not None:
        title = page.seo_title or page.title
    if description is None and page is not None:
        description = page.search_description or getattr(page, "summary", "")
    card = {
        "url": absolute_url(request.path) if request is not None else "",
        "title": title or (brand.organisation_name if brand else ""),
        "description": description or (brand.strapline if brand else ""),
        "site_name": brand.organisation_name if brand else "",
        "kind": kind,
    }
    if image is not None:
        rendition = image.get_rendition(SHARE_IMAGE)
        url = rendition.url
        card.update(
            image_url=url if url.startswith(("http://", "https://")) else absolute_url(url),
            image_width=rendition.width,
            image_height=rendition.height,
            image_alt=image.default_alt_text or "",
        )
    return card
