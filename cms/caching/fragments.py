"""Template fragments kept in the shared cache until what they show changes.

``{% fragment "name" key… %}…{% endfragment %}`` (a built-in tag: no ``{% load %}``) keeps the rendered
fragment under ``name`` and its keys, like Django's ``{% cache %}``, until ``cms.caching.invalidation``
drops it: a page's fragments go with the page, the site's frame with the pages it lists. A fragment
lives at most ``MASTHEAD_FRAGMENT_CACHE_SECONDS``, and never past the next scheduled switch of a
message, so a message that goes live by itself is never kept out. Previews, and pages showing a
reader one version of a story under test, always render afresh; with the cache unreachable the
fragment is simply rendered.

The fragment names and keys are this module's contract with the templates that use them
(``templates/library/asset_page.html``, ``templates/home/home_page.html``, ``templates/base.html``).
"""

import datetime
import logging

from django import template
from django.conf import settings
from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.utils import timezone
from django.utils.safestring import mark_safe

from cms.caching.page_cache import dropped_since, entry_lifetime, reader_variant

logger = logging.getLogger(__name__)
register = template.Library()

# The fragments a page keeps, which vary on the page's id.
PAGE_FRAGMENTS = ("page-main", "page-head")
# Every page's frame shows the pages under the home page (the menu), and marks the current section:
# a change down to this depth redraws every page.
MENU_DEPTH = 3


def page_fragment_keys(page):
    return [make_template_fragment_key(name, [page.pk]) for name in PAGE_FRAGMENTS]


def frame_fragment_keys(site, menu_paths):
    """The site's header (one per menu section shown as current, and one for none) and footer."""
    return [
        make_template_fragment_key("site-footer", [site.pk]),
        *(make_template_fragment_key("site-header", [site.pk, path]) for path in ("", *menu_paths)),
    ]


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, vary_on):
        self.nodelist, self.name, self.vary_on = nodelist, name, vary_on

    def render(self, context):
        request = context.get("request")
        if (
            request is None
            or getattr(request, "is_preview", False)
            or not settings.MASTHEAD_FRAGMENT_CACHE_SECONDS
            or reader_variant(request)  # a story under test: the page cache keeps each version
        ):
            return self.nodelist.render(context)
        key = make_template_fragment_key(
            self.name.resolve(context), [value.resolve(context) for value in self.vary_on]
        )
        began = timezone.now()
        try:
            stored = cache.get(key)
        except Exception:
            logger.exception("Fragment cache unavailable")
            return self.nodelist.render(context)
        if isinstance(stored, dict) and "html" in stored and began < stored["until"]:
            return mark_safe(stored["html"])  # noqa: S308 (rendered by our own templates)
        rendered = self.nodelist.render(context)
        try:
            if not dropped_since(began):
                lifetime = entry_lifetime(began, settings.MASTHEAD_FRAGMENT_CACHE_SECONDS)
                until = began + datetime.timedelta(seconds=lifetime)
                cache.set(key, {"until": until, "html": str(rendered)}, timeout=lifetime)
                if dropped_since(began):  # a drop came in between: it may predate this rendering
                    cache.delete(key)
        except Exception:
            logger.exception("Fragment cache unavailable")
        return rendered


@register.filter
def menu_section(page):
    """The section of the menu a page is in (its ancestor just under the home page), for the frame."""
    path = getattr(page, "path", "")
    return path[: MENU_DEPTH * getattr(page, "steplen", 4)]


@register.tag
def fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% fragment %} needs a name: {% fragment 'name' key %}")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(
        nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(bit) for bit in bits[2:]]
    )
