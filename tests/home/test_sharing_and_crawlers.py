"""A shared link shows the page's title, summary and picture; crawlers find the sitemap on the public
address and keep out of what is not for them."""

import re

import pytest
import wagtail_factories
from wagtail.models import Site

from cms.home.models import BrandSettings
from tests.factories import AssetPageFactory, TopicFactory

pytestmark = pytest.mark.django_db


def meta(html, attribute, name):
    found = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', html)
    return found.group(1) if found else None


def test_an_asset_shared_on_linkedin_or_slack_shows_its_title_summary_and_picture(
    client, home, library, stages
):
    brand = BrandSettings.for_site(Site.objects.get(is_default_site=True))
    brand.organisation_name = "Keelstone Analytics"
    brand.save()
    asset = AssetPageFactory(
        parent=library,
        title="Downtime & the plant floor",
        summary="What an hour of downtime costs, line by line.",
        stage=stages[1],
        hero_image=wagtail_factories.ImageFactory(
            title="Hero", file__width=1600, file__height=1000
        ),
    )
    html = client.get(asset.url, headers={"Host": "localhost"}).content.decode()

    address = "http://testserver" + asset.url  # the public address, whatever the request's host
    assert f'<link rel="canonical" href="{address}">' in html
    assert meta(html, "property", "og:url") == address
    assert meta(html, "property", "og:type") == "article"
    assert meta(html, "property", "og:title") == "Downtime &amp; the plant floor"
    assert meta(html, "property", "og:description") == asset.summary
    assert meta(html, "property", "og:site_name") == "Keelstone Analytics"
    image = meta(html, "property", "og:image")
    assert re.fullmatch(r"http://testserver/media/images/\S+\.fill-1200x630\.\w+", image)
    assert (
        meta(html, "property", "og:image:width"),
        meta(html, "property", "og:image:height"),
    ) == (
        "1200",
        "630",
    )
    assert meta(html, "name", "twitter:card") == "summary_large_image"
    assert meta(html, "name", "twitter:title") == "Downtime &amp; the plant floor"


def test_every_public_page_has_a_canonical_link_and_a_card(client, home, library, stages):
    topic = TopicFactory(name="Plant data", slug="plant-data", description="Data from the floor.")
    AssetPageFactory(parent=library, stage=stages[0], topics=[topic])
    pages = {
        "/": "Home",
        library.url: library.title,
        f"{library.url}topic/plant-data/": "Plant data",
        f"{library.url}stage/{stages[0].slug}/": stages[0].name,
        "/subscribe/": None,
    }
    for path, title in pages.items():
        html = client.get(path).content.decode()
        assert f'<link rel="canonical" href="http://testserver{path}">' in html, path
        assert meta(html, "property", "og:url") == f"http://testserver{path}"
        assert meta(html, "property", "og:title"), path
        if title:
            assert meta(html, "property", "og:title") == title, path
        assert meta(html, "name", "twitter:card") == "summary", path
    hub = client.get(f"{library.url}topic/plant-data/").content.decode()
    assert meta(hub, "property", "og:description") == "Data from the floor."


def test_robots_txt_points_at_the_sitemap_and_keeps_crawlers_out_of_private_addresses(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    for private in ("/admin/", "/t/", "/subscribe/", "/privacy/", "/s/", "/calendar/", "/sales/"):
        assert f"Disallow: {private}" in lines
    assert "Disallow: /" not in lines  # the site itself stays open to crawlers
