"""Whole public pages are cached for anonymous readers and dropped whenever what they show changes."""

import datetime
from unittest import mock

import pytest
from django.core.cache import cache
from django.utils import timezone
from wagtail.contrib.frontend_cache.backends import BaseBackend

from buyingstages.audience.models import MinimalFormPage, ReaderSurvey
from buyingstages.taxonomy.models import BuyingStage
from cms.caching import page_cache
from cms.home.models import BrandSettings
from publishing.messaging.models import Message
from tests.factories import AssetPageFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def asset(library, stages):
    return AssetPageFactory(parent=library, title="Why plants miss their plan", stage=stages[1])


def status(response):
    return response.headers.get(page_cache.STATUS_HEADER)


def test_an_asset_page_is_stored_once_and_then_served_without_a_query(
    client, asset, django_assert_num_queries
):
    first = client.get(asset.url)
    assert first.status_code == 200
    assert status(first) == "miss"

    with django_assert_num_queries(0):
        second = client.get(asset.url)
    assert status(second) == "hit"
    assert second.content == first.content
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_a_stored_page_is_public_for_browsers_and_shared_caches(client, asset):
    response = client.get(asset.url)
    assert "public" in response["Cache-Control"]
    assert "max-age=60" in response["Cache-Control"]
    # Nothing on the page depends on the reader's cookies, so a CDN may share one copy.
    assert "Cookie" not in response.get("Vary", "")
    # A reader with a profiling cookie gets the same stored copy.
    client.cookies["masthead_consent"] = "yes"
    assert status(client.get(asset.url)) == "hit"


def test_publishing_a_change_is_seen_on_the_next_request(client, asset):
    client.get(asset.url)
    asset.title = "Why plants hit their plan"
    asset.save_revision().publish()

    response = client.get(asset.url)
    assert status(response) == "miss"
    assert "Why plants hit their plan" in response.content.decode()


def test_a_new_asset_shows_in_the_library_and_its_hub_at_once(client, library, asset, stages):
    hub = library.url + library.reverse_subpage("stage", kwargs={"slug": stages[1].slug})
    client.get(library.url)
    client.get(hub)

    AssetPageFactory(parent=library, title="The hidden cost of overtime", stage=stages[1])

    assert "The hidden cost of overtime" in client.get(library.url).content.decode()
    assert "The hidden cost of overtime" in client.get(hub).content.decode()


def test_unpublishing_takes_the_page_away(client, asset):
    url = asset.url
    client.get(url)
    asset.unpublish()
    assert client.get(url).status_code == 404


def test_a_saved_draft_changes_nothing_readers_see(client, asset):
    client.get(asset.url)
    asset.title = "A draft title"
    asset.save_revision()

    response = client.get(asset.url)
    assert status(response) == "hit"
    assert "A draft title" not in response.content.decode()


def test_a_page_showing_a_message_follows_a_new_release(client, home, run_on_commit):
    message = Message(name="Core story", headline="Plants hit their plan more often.", job="Less.")
    message.save()
    with run_on_commit():
        message.save_revision().publish()
    home.story = [{"type": "message", "value": {"message": message.pk, "parts": ["headline"]}}]
    home.save_revision().publish()
    assert "Plants hit their plan more often." in client.get("/").content.decode()
    assert status(client.get("/")) == "hit"

    message.headline = "Every plant runs on one trusted schedule."
    with run_on_commit():
        message.save_revision().publish()

    html = client.get("/").content.decode()
    assert "Every plant runs on one trusted schedule." in html
    assert "Plants hit their plan more often." not in html


def test_an_entry_never_outlives_a_scheduled_release(client, home, run_on_commit):
    message = Message(name="Core story", headline="Old words.", job="Less downtime.")
    message.save()
    with run_on_commit():
        message.save_revision().publish()
    home.story = [{"type": "message", "value": {"message": message.pk, "parts": ["headline"]}}]
    home.save_revision().publish()

    go_live = timezone.now() + datetime.timedelta(minutes=5)
    message.headline = "New words."
    message.go_live_at = go_live
    with run_on_commit():
        message.save_revision().publish()  # scheduled: prepared now, live at go_live

    assert page_cache.entry_lifetime() <= 5 * 60
    assert "Old words." in client.get("/").content.decode()
    assert status(client.get("/")) == "hit"
    with mock.patch("django.utils.timezone.now", return_value=go_live + datetime.timedelta(0, 1)):
        response = client.get("/")
    assert status(response) == "miss"
    assert "New words." in response.content.decode()


def test_the_end_of_an_embargo_limits_an_entry(home):
    Message.objects.create(
        name="Launch",
        headline="Soon.",
        embargo_until=timezone.now() + datetime.timedelta(seconds=90),
    )
    assert 0 < page_cache.entry_lifetime() <= 90


@pytest.mark.parametrize(
    "change",
    [
        lambda: BrandSettings.objects.update_or_create(
            site_id=1, defaults={"organisation_name": "Keelstone Systems"}
        ),
        lambda: BuyingStage.objects.filter(slug="awareness").get().save(),
        lambda: TopicFactory(name="Scheduling"),
    ],
    ids=["brand settings", "a buying stage", "a topic"],
)
def test_settings_and_taxonomy_shown_everywhere_drop_the_pages(client, asset, change):
    client.get(asset.url)
    change()
    assert status(client.get(asset.url)) == "miss"


def test_a_new_reader_survey_appears_on_its_asset(client, asset):
    client.get(asset.url)
    survey = ReaderSurvey.objects.create(
        question="What brought you here?", choices="Search\nA colleague"
    )
    survey.pages.add(asset)
    assert "What brought you here?" in client.get(asset.url).content.decode()


def test_signed_in_people_always_get_a_fresh_page(client, asset, make_user):
    client.get(asset.url)
    client.force_login(make_user("Editors", "eda"))
    response = client.get(asset.url)
    assert status(response) is None
    assert "wagtail-userbar" in response.content.decode()
    client.logout()
    assert status(client.get(asset.url)) == "hit"


def test_pages_with_a_form_or_personal_answers_are_never_stored(client, library, home):
    form_page = MinimalFormPage(
        title="Get the digest", slug="digest", thank_you_text="<p>Thanks</p>"
    )
    home.add_child(instance=form_page)
    for url in (form_page.url, "/search/?q=plan", "/subscribe/", "/no-such-page/"):
        client.get(url)
        assert status(client.get(url)) is None, url


def test_a_broken_cache_serves_the_page_uncached(client, asset):
    broken = mock.Mock(**{"get.side_effect": ConnectionError("cache down")})
    with mock.patch.object(page_cache, "cache", broken):
        response = client.get(asset.url)
    assert response.status_code == 200
    assert status(response) is None


def test_a_lost_entry_is_rendered_again(client, asset):
    client.get(asset.url)
    cache.clear()  # evicted, or a fresh Redis
    assert status(client.get(asset.url)) == "miss"


def test_publishing_an_asset_keeps_the_pages_that_do_not_show_it(client, library, stages):
    topic, other_topic = TopicFactory(name="Scheduling"), TopicFactory(name="Energy")
    earlier = AssetPageFactory(parent=library, title="Why plans slip", stage=stages[0])
    unrelated = AssetPageFactory(parent=library, title="Energy at night", stage=stages[0])
    later = AssetPageFactory(parent=library, title="How to plan a shift", stage=stages[2])
    earlier.topics.add(topic)
    earlier.save_revision().publish()
    unrelated.topics.add(other_topic)
    unrelated.save_revision().publish()
    later.topics.add(topic)
    later.save_revision().publish()
    for page in (earlier, unrelated, later):
        client.get(page.url)

    later.title = "How to plan a shift, step by step"
    later.save_revision().publish()

    assert status(client.get(unrelated.url)) == "hit"
    # The earlier asset offers the later one as its next step, so it shows the new title at once.
    shown = client.get(earlier.url)
    assert status(shown) == "miss"
    assert "How to plan a shift, step by step" in shown.content.decode()


def test_an_asset_drops_only_the_earlier_pages_whose_next_steps_show_it(client, library, stages):
    topic = TopicFactory(name="Scheduling")
    earlier = AssetPageFactory(
        parent=library, title="Why plans slip", stage=stages[0], topics=[topic]
    )
    nearer = AssetPageFactory(
        parent=library, title="Plans in practice", stage=stages[1], topics=[topic]
    )
    farther = AssetPageFactory(
        parent=library, title="Plan by plan", stage=stages[3], topics=[topic]
    )
    for page in (earlier, nearer):
        client.get(page.url)

    farther.title = "Plan by plan, compared"
    farther.save_revision().publish()

    # The earlier asset offers the nearer stage's asset, not this one: its kept page still holds.
    assert status(client.get(earlier.url)) == "hit"
    shown = client.get(nearer.url)
    assert status(shown) == "miss"
    assert "Plan by plan, compared" in shown.content.decode()


@pytest.mark.parametrize("change", ["withdrawn", "retagged", "moved to a later stage", "deleted"])
def test_an_asset_leaving_a_next_step_drops_the_pages_that_offered_it(
    client, library, stages, change
):
    scheduling, energy = TopicFactory(name="Scheduling"), TopicFactory(name="Energy")
    earlier = AssetPageFactory(parent=library, stage=stages[0], topics=[scheduling])
    leaving = AssetPageFactory(
        parent=library, title="Plans in practice", stage=stages[1], topics=[scheduling]
    )
    AssetPageFactory(parent=library, title="Plan by plan", stage=stages[2], topics=[scheduling])
    assert "Plans in practice" in client.get(earlier.url).content.decode()

    if change == "withdrawn":
        leaving.unpublish()
    elif change == "deleted":
        leaving.delete()
    else:
        if change == "retagged":
            leaving.topics.set([energy])
        else:
            leaving.stage = stages[4]
        leaving.save_revision().publish()

    shown = client.get(earlier.url)
    assert status(shown) == "miss"
    assert "Plans in practice" not in shown.content.decode()
    assert "Plan by plan" in shown.content.decode()


def test_a_rendering_begun_before_a_drop_is_not_stored(client, asset, library):
    """A reader's page rendered from the old rows while an editor publishes never outlives the drop."""
    from cms.caching.invalidation import drop, pages_showing

    def publish_midway(page, request, serve_args, serve_kwargs):
        drop(pages_showing(asset))

    from wagtail import hooks

    with hooks.register_temporarily("before_serve_page", publish_midway):
        first = client.get(asset.url)
    assert status(first) is None
    assert status(client.get(asset.url)) == "miss"


def test_the_cache_can_be_turned_off(client, asset, settings):
    settings.MASTHEAD_PAGE_CACHE_SECONDS = 0
    client.get(asset.url)
    assert status(client.get(asset.url)) is None


# A CDN in front: Wagtail's frontend cache ------------------------------------------------------

PURGED = []


class RecordingBackend(BaseBackend):
    def __init__(self, params):
        super().__init__(params)

    def purge(self, url):
        PURGED.append(url)


@pytest.fixture
def cdn(settings):
    PURGED.clear()
    settings.WAGTAILFRONTENDCACHE = {"cdn": {"BACKEND": f"{__name__}.RecordingBackend"}}
    return PURGED


def test_with_a_cdn_pages_get_a_shared_cache_lifetime(client, asset, cdn):
    response = client.get(asset.url)
    assert "s-maxage=600" in response["Cache-Control"]


def test_publishing_an_asset_purges_it_the_library_and_its_hubs(
    asset, library, stages, cdn, run_on_commit
):
    asset.topics.add(TopicFactory(name="Scheduling", slug="scheduling"))
    asset.save()
    cdn.clear()
    with run_on_commit():
        asset.save_revision().publish()

    base = "http://testserver"
    assert base + asset.url in cdn
    assert base + library.url in cdn
    assert f"{base}{library.url}stage/{stages[1].slug}/" in cdn
    assert f"{base}{library.url}topic/scheduling/" in cdn
    assert f"{base}{library.url}topic/scheduling/feed/rss/" in cdn
    assert base + "/" in cdn  # the home page lists assets too


def test_a_message_release_purges_the_pages_that_show_it(home, library, cdn, run_on_commit):
    message = Message(name="Core story", headline="Old words.", job="Less downtime.")
    message.save()
    with run_on_commit():
        message.save_revision().publish()
    with run_on_commit():
        home.story = [{"type": "message", "value": {"message": message.pk, "parts": []}}]
        home.save_revision().publish()
    cdn.clear()

    message.headline = "New words."
    with run_on_commit():
        message.save_revision().publish()

    assert "http://testserver/" in cdn
    assert "http://testserver" + library.url not in cdn


def test_measuring_a_file_on_first_use_keeps_the_pages_but_replacing_it_drops_them(client, asset):
    from wagtail.documents.models import Document

    document = Document.objects.create(title="Checklist", file="documents/checklist.pdf")
    asset.downloads.create(document=document, label="The checklist")
    asset.save_revision().publish()
    client.get(asset.url)
    document.save(update_fields=["file_size"])  # what Wagtail does while a page renders
    assert status(client.get(asset.url)) == "hit"
    document.title = "Plant checklist"
    document.save()
    assert status(client.get(asset.url)) == "miss"


def test_a_foreign_host_is_refused_before_the_cache_is_asked(client, asset, settings, caplog):
    settings.ALLOWED_HOSTS = ["www.example.com"]
    response = client.get(asset.url, HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "Page cache unavailable" not in caplog.text


def test_a_page_behind_a_password_is_never_stored(client, asset):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(
        page=asset, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    first = client.get(asset.url)
    assert "Why plants miss their plan" not in first.content.decode()
    assert status(first) is None
    client.post(first.context["action_url"], {"password": "s3cret", "return_url": asset.url})
    shown = client.get(asset.url)
    assert "Why plants miss their plan" in shown.content.decode()
    assert status(shown) is None
    client.cookies.clear()
    assert "Why plants miss their plan" not in client.get(asset.url).content.decode()


def test_a_page_added_to_the_menu_shows_in_the_header_of_every_kept_page(client, home, asset):
    from cms.home.models import StandardPage

    pages = ("/", asset.url, asset.get_parent().url)
    for url in pages:
        client.get(url)
        assert status(client.get(url)) == "hit"

    home.add_child(instance=StandardPage(title="About Keelstone", slug="about", show_in_menus=True))

    for url in pages:
        response = client.get(url)
        assert status(response) == "miss", url
        header = response.content.decode().split("</header>", 1)[0]
        assert "About Keelstone" in header, url


def test_a_new_slug_stops_the_old_address_serving_the_kept_page(client, asset, run_on_commit):
    old = asset.url
    client.get(old)
    assert status(client.get(old)) == "hit"
    asset.slug = "why-plants-hit-their-plan"
    with run_on_commit():  # Wagtail announces a new slug once it is committed
        asset.save_revision().publish()
    assert client.get(old).status_code in (301, 302, 404)
    assert client.get("/library/why-plants-hit-their-plan/").status_code == 200


def test_withdrawing_a_page_in_the_menu_drops_it_and_every_page(client, home, asset):
    from cms.home.models import StandardPage

    about = home.add_child(
        instance=StandardPage(title="About us", slug="about", show_in_menus=True)
    )
    for url in (about.url, asset.url):
        client.get(url)
        assert status(client.get(url)) == "hit"
    about.unpublish()
    assert client.get("/about/").status_code == 404
    assert "About us" not in client.get(asset.url).content.decode()


def test_replacing_an_image_redraws_the_cards_that_show_it(client, home, library, stages):
    import wagtail_factories

    image = wagtail_factories.ImageFactory(title="Plant at dusk")
    AssetPageFactory(parent=library, stage=stages[1], hero_image=image)
    client.get("/")
    assert status(client.get("/")) == "hit"
    image.title = "Plant at dawn"
    image.save()
    assert status(client.get("/")) == "miss"


def test_share_codes_and_campaign_tags_share_one_kept_page(client, asset):
    client.get(asset.url)
    assert status(client.get(asset.url + "?s=abc123")) == "hit"
    assert status(client.get(asset.url + "?utm_source=newsletter&utm_medium=email")) == "hit"


def test_each_host_keeps_its_own_rendering(client, asset, settings):
    settings.ALLOWED_HOSTS = ["www.example.com", "example.com"]
    client.get(asset.url, HTTP_HOST="www.example.com")
    assert status(client.get(asset.url, HTTP_HOST="www.example.com")) == "hit"
    assert status(client.get(asset.url, HTTP_HOST="example.com")) == "miss"


def test_a_kept_page_is_public_no_longer_than_it_has_left(client, asset, cdn):
    client.get(asset.url)
    later = timezone.now() + datetime.timedelta(seconds=500)
    with mock.patch("django.utils.timezone.now", return_value=later):
        response = client.get(asset.url)
    assert status(response) == "hit"
    assert "s-maxage=100" in response["Cache-Control"] or "s-maxage=99" in response["Cache-Control"]


def test_publishing_an_asset_drops_only_the_hubs_and_feeds_that_list_it(client, library, stages):
    scheduling, energy = TopicFactory(name="Scheduling"), TopicFactory(name="Energy")
    asset = AssetPageFactory(
        parent=library, title="Plans in practice", stage=stages[1], topics=[scheduling]
    )
    AssetPageFactory(parent=library, title="Energy at night", stage=stages[2], topics=[energy])
    listing = [
        library.url,
        f"{library.url}stage/{stages[1].slug}/",
        f"{library.url}topic/scheduling/",
        f"{library.url}topic/scheduling/feed/rss/",
        f"{library.url}topic/scheduling/feed/atom/",
    ]
    elsewhere = [
        f"{library.url}stage/{stages[2].slug}/",
        f"{library.url}topic/energy/",
        f"{library.url}topic/energy/feed/atom/",
    ]
    for url in listing + elsewhere:
        client.get(url)

    asset.title = "Plans in practice, revised"
    asset.save_revision().publish()

    for url in listing:
        shown = client.get(url)
        assert status(shown) == "miss", url
        assert "Plans in practice, revised" in shown.content.decode(), url
    for url in elsewhere:
        assert status(client.get(url)) == "hit", url


def test_an_asset_moved_to_another_stage_leaves_its_old_hub_at_once(client, library, stages):
    asset = AssetPageFactory(parent=library, title="Plans in practice", stage=stages[1])
    old_hub, new_hub = (f"{library.url}stage/{stage.slug}/" for stage in (stages[1], stages[3]))
    for url in (old_hub, new_hub):
        assert status(client.get(url)) == "miss"

    asset.stage = stages[3]
    asset.save_revision().publish()

    assert "Plans in practice" not in client.get(old_hub).content.decode()
    assert "Plans in practice" in client.get(new_hub).content.decode()


def test_an_asset_retagged_leaves_its_old_topic_hub_and_feed_at_once(client, library, stages):
    scheduling, energy = TopicFactory(name="Scheduling"), TopicFactory(name="Energy")
    asset = AssetPageFactory(
        parent=library, title="Plans in practice", stage=stages[1], topics=[scheduling]
    )
    old = [f"{library.url}topic/scheduling/", f"{library.url}topic/scheduling/feed/rss/"]
    for url in old:
        assert "Plans in practice" in client.get(url).content.decode()

    asset.topics.set([energy])
    asset.save_revision().publish()

    for url in old:
        assert "Plans in practice" not in client.get(url).content.decode(), url
    assert "Plans in practice" in client.get(f"{library.url}topic/energy/").content.decode()
