from django import template
from wagtail.models import Site

register = template.Library()


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    """Live pages under the site root that editors marked "show in menus"."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return {"items": []}
    current = context.get("page")
    current_path = current.path if current else ""
    items = [
        (page, current_path.startswith(page.path))
        for page in site.root_page.get_children().live().in_menu()
    ]
    return {"items": items, "request": request}
