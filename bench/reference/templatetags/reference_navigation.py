"""bakerydemo's navigation tags (bakerydemo/base/templatetags/navigation_tags.py)."""

from django import template
from wagtail.models import Page, Site

from bench.reference.models import FooterText

register = template.Library()


@register.simple_tag(takes_context=True)
def get_site_root(context):
    return Site.find_for_request(context["request"]).root_page


@register.inclusion_tag("reference/tags/top_menu.html", takes_context=True)
def top_menu(context, parent, calling_page=None):
    """The menu: the live children of the site's root shown in menus, the current one marked."""
    menuitems = parent.get_children().live().in_menu()
    for menuitem in menuitems:
        menuitem.active = (
            calling_page.url_path.startswith(menuitem.url_path) if calling_page else False
        )
    return {"calling_page": calling_page, "menuitems": menuitems, "request": context["request"]}


@register.inclusion_tag("reference/tags/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    self = context.get("self")
    if self is None or self.depth <= 2:
        ancestors = ()
    else:
        ancestors = Page.objects.ancestor_of(self, inclusive=True).filter(depth__gt=1)
    return {"ancestors": ancestors, "request": context["request"]}


@register.inclusion_tag("reference/includes/footer_text.html", takes_context=True)
def get_footer_text(context):
    footer_text = context.get("footer_text", "")
    if not footer_text:
        instance = FooterText.objects.filter(live=True).first()
        footer_text = instance.body if instance else ""
    return {"footer_text": footer_text}
