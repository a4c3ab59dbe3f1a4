import xml.etree.ElementTree as ET

import pytest

from tests.factories import AssetPageFactory, TopicFactory

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def topic_assets(library, stages):
    topic = TopicFactory(name="Supply chain visibility", slug="supply-chain-visibility")
    on_topic = AssetPageFactory(
        parent=library, title="Seeing the whole chain", stage=stages[0], topics=[topic]
    )
    AssetPageFactory(parent=library, title="Off topic", stage=stages[0])
    draft = AssetPageFactory(parent=library, title="Not yet", stage=stages[1], topics=[topic])
    draft.unpublish()
    return on_topic


def test_rss_feed_lists_live_assets_on_the_topic(client, topic_assets):
    response = client.get("/library/topic/supply-chain-visibility/feed/rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    assert channel.findtext("title").startswith("Supply chain visibility")
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["Seeing the whole chain"]
    assert items[0].findtext("link") == "http://testserver/library/seeing-the-whole-chain/"
    assert items[0].findtext("description") == topic_assets.summary
    categories = {category.text for category in items[0].findall("category")}
    assert categories == {"Epiphany", "Supply chain visibility"}


def test_atom_feed_lists_live_assets_on_the_topic(client, topic_assets):
    response = client.get("/library/topic/supply-chain-visibility/feed/atom/")
    assert response.status_code == 200
    feed = ET.fromstring(response.content)
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == ["Seeing the whole chain"]
    assert entries[0].find(f"{ATOM}link").get("href").endswith("/library/seeing-the-whole-chain/")


def test_feed_escapes_markup_in_titles(client, library, stages):
    topic = TopicFactory(slug="escaping")
    AssetPageFactory(
        parent=library, title="<script>alert(1)</script>", stage=stages[0], topics=[topic]
    )
    response = client.get("/library/topic/escaping/feed/rss/")
    assert b"<script>" not in response.content
    titles = [item.findtext("title") for item in ET.fromstring(response.content).iter("item")]
    assert titles == ["<script>alert(1)</script>"]


def test_the_atom_feed_carries_what_rfc_4287_requires(client, topic_assets):
    """What the W3C feed validator found missing: an author; and every address on the public one."""
    response = client.get("/library/topic/supply-chain-visibility/feed/atom/")
    feed = ET.fromstring(response.content)
    assert feed.findtext(f"{ATOM}author/{ATOM}name") == "Keelstone"
    assert feed.findtext(f"{ATOM}author/{ATOM}uri") == "http://testserver/"
    assert feed.findtext(f"{ATOM}id") and feed.findtext(f"{ATOM}updated")
    self_link = feed.find(f"{ATOM}link[@rel='self']").get("href")
    assert self_link == "http://testserver/library/topic/supply-chain-visibility/feed/atom/"
    for entry in feed.findall(f"{ATOM}entry"):
        assert entry.findtext(f"{ATOM}id") and entry.findtext(f"{ATOM}updated")
        assert entry.find(f"{ATOM}link").get("href").startswith("http://testserver/library/")


def test_feeds_follow_the_public_address_whatever_host_a_request_names(client, topic_assets):
    response = client.get(
        "/library/topic/supply-chain-visibility/feed/rss/", headers={"Host": "localhost"}
    )
    channel = ET.fromstring(response.content).find("channel")
    assert channel.findtext("link") == "http://testserver/library/topic/supply-chain-visibility/"
    assert channel.find("item").findtext("link").startswith("http://testserver/library/")


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_a_feed_fetched_again_unchanged_is_a_304(client, topic_assets, kind, library, stages):
    url = f"/library/topic/supply-chain-visibility/feed/{kind}/"
    first = client.get(url)
    assert first.status_code == 200 and first["ETag"] and first["Last-Modified"]

    again = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304 and not again.content
    since = client.get(url, headers={"If-Modified-Since": first["Last-Modified"]})
    assert since.status_code == 304

    AssetPageFactory(
        parent=library,
        title="A new piece",
        stage=stages[0],
        topics=list(topic_assets.topics.all()),
    )
    changed = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert changed.status_code == 200
    assert b"A new piece" in changed.content


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_a_feed_reader_reads_every_feed_cleanly(client, topic_assets, kind):
    import feedparser

    response = client.get(f"/library/topic/supply-chain-visibility/feed/{kind}/")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == {"rss": "rss20", "atom": "atom10"}[kind]
    assert feed.feed.title.startswith("Supply chain visibility")
    assert [entry.title for entry in feed.entries] == ["Seeing the whole chain"]
    assert feed.entries[0].link == "http://testserver/library/seeing-the-whole-chain/"
    assert feed.entries[0].published_parsed
    if kind == "atom":
        assert feed.feed.author == "Keelstone"
