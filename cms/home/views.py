"""Addresses for crawlers: robots.txt points them at the sitemap and away from what is not for them."""

from django.conf import settings
from django.views.generic import TemplateView

# Admin, reading events, personal links (subscriptions, privacy requests, share links, calendar feeds)
# and decks for Sales: none of them belongs in a search engine.
NOT_FOR_CRAWLERS = [
    "/admin/",
    "/t/",
    "/subscribe/",
    "/privacy/",
    "/s/",
    "/calendar/",
    "/sales/",
    "/api/",
    "/search/",
]


class RobotsView(TemplateView):
    template_name = "robots.txt"
    content_type = "text/plain; charset=utf-8"

    def get_context_data(self, **kwargs):
        return {
            "disallowed": NOT_FOR_CRAWLERS,
            "sitemap_url": settings.MASTHEAD_PUBLIC_URL + "/sitemap.xml",
        }
