"""RSS and Atom feeds of the live assets on one topic."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed

from buyingstages.common.text import without_control_codes


class TopicRSSFeed(Feed):
    """The newest live assets on a topic. Built per request with the library page and the topic."""

    limit = 30
    route = "topic_rss"

    def __init__(self, library, topic):
        super().__init__()
        self.library = library
        self.topic = topic
        self.request = None

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.topic

    def title(self, topic):
        site = self.library.get_site()
        name = without_control_codes(topic.name)
        return f"{name} | {site.site_name}" if site and site.site_name else name

    # Every address on the site's public address (the Site record), not the host a request named.
    def on_the_library(self, route, topic):
        root = self.library.get_full_url(self.request)
        return root + self.library.reverse_subpage(route, kwargs={"slug": topic.slug})

    def link(self, topic):
        return self.on_the_library("topic", topic)

    def feed_url(self, topic):
        return self.on_the_library(self.route, topic)

    # RFC 4287 asks for an author: the organisation that publishes the library.
    def author_name(self):
        site = self.library.get_site()
        return without_control_codes(site.site_name) if site and site.site_name else "Masthead"

    def author_link(self):
        site = self.library.get_site()
        return site.root_url + "/" if site else None

    def description(self, topic):
        text = topic.description or f"New thought leadership on {topic.name}."
        return without_control_codes(text)

    def items(self, topic):
        return (
            self.library.assets()
            .for_topic(topic)
            .select_related("stage")
            .prefetch_related("topics")
            .order_by("-first_published_at", "pk")[: self.limit]
        )

    # Text stored before form input was cleaned, or written by code, may hold control codes that
    # XML refuses; a feed must never fail on them.
    def item_title(self, item):
        return without_control_codes(item.title)

    def item_description(self, item):
        return without_control_codes(item.summary)

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):  # Atom requires one for every entry
        return item.last_published_at or item.first_published_at

    def item_categories(self, item):
        names = [item.stage.name, *(topic.name for topic in item.topics.all())]
        return [without_control_codes(name) for name in names]


class TopicAtomFeed(TopicRSSFeed):
    feed_type = Atom1Feed
    route = "topic_atom"

    def subtitle(self, topic):
        return self.description(topic)
