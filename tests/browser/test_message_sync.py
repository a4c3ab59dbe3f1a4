"""One message, everywhere: an editor publishes a new headline in Wagtail, and the home page and a
freshly downloaded sales deck both carry it.

The editor uses the real snippet editor and its Publish action; publishing queues the synchronized
switch (release_message), which the test settings run inline once the publish commits. The home page
is read by an anonymous visitor, the deck downloaded by a salesperson, each in their own browser
context. Runs against the real demo content (seed_demo).
"""

import json
import re
import uuid
import zipfile

import pytest
from playwright.sync_api import expect
from pptx import Presentation

from cms.demo import loading
from publishing.messaging.models import Message, MessageRelease, SalesDeck
from tests.browser.signing_in import EDITOR_PASSWORD, EDITOR_USERNAME, log_in
from tests.browser.test_profiling_journey import wait_until

pytestmark = pytest.mark.browser

MESSAGE = "Core story"
OLD_HEADLINE = {item["name"]: item for item in loading.read("messages")}[MESSAGE]["headline"]
# The first-meeting deck shows the whole core story and no other message; evaluation-pack shows
# its headline too, beside another message.
DECK = "first-meeting"
DECK_TITLE = {deck["slug"]: deck["title"] for deck in loading.read("decks")}[DECK]
DECKS_USING_MESSAGE = {
    deck["slug"]
    for deck in loading.read("decks")
    if any(slide.get("message") == MESSAGE for slide in deck["slides"])
}

SALES_USERNAME, SALES_PASSWORD = "sales", "masthead-sales"


@pytest.fixture
def salesperson(demo_site, make_user):
    user = make_user("Sales", SALES_USERNAME)
    user.set_password(SALES_PASSWORD)
    user.save()
    return user


def current_revisions(slug):
    """{message id: revision id} of the deck's live rendering, or {} if it has none."""
    rendering = SalesDeck.objects.get(slug=slug).current_rendering()
    return rendering.message_revisions if rendering else {}


def deck_texts(presentation):
    """Every piece of text a reader of the deck can see: slides, speaker notes, properties."""
    texts = []
    for slide in presentation.slides:
        texts += [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
        if slide.has_notes_slide:
            texts.append(slide.notes_slide.notes_text_frame.text)
    properties = presentation.core_properties
    texts += [properties.title, properties.subject, properties.keywords, properties.comments]
    return texts


def test_published_headline_reaches_home_page_and_downloaded_deck(
    page, new_page, demo_site, editor, salesperson, tmp_path
):
    """An editor publishes a new headline; the home page and a freshly downloaded deck carry it."""
    message = Message.objects.get(name=MESSAGE)
    old_revision = message.live_revision_id
    assert message.headline == OLD_HEADLINE and old_revision is not None
    assert sorted(DECKS_USING_MESSAGE) == ["evaluation-pack", "first-meeting"]
    for slug in DECKS_USING_MESSAGE:
        assert current_revisions(slug).get(str(message.pk)) == old_revision, (
            f"before the edit, the {slug} deck should show the demo's {MESSAGE} revision"
        )
    new_headline = (
        f"Keelstone puts every plant on one schedule its planners trust ({uuid.uuid4().hex[:8]})."
    )

    # The editor signs in and finds the message through the admin menu's listing.
    log_in(page, demo_site, EDITOR_USERNAME, EDITOR_PASSWORD)
    assert page.goto(f"{demo_site}/admin/messages/").ok
    with page.expect_navigation():
        page.locator("#listing-results").get_by_role("link", name=MESSAGE, exact=True).click()
    assert page.url == f"{demo_site}/admin/messages/edit/{message.pk}/", page.url

    # Replace the headline and publish with Wagtail's own action, from the footer's action menu.
    headline = page.get_by_role("textbox", name="Headline value statement")
    expect(headline).to_have_value(OLD_HEADLINE)
    headline.fill(new_headline)
    footer = page.locator("footer")
    footer.get_by_role("button", name="More actions").click()
    publish = footer.get_by_role("button", name="Publish", exact=True)
    expect(publish).to_be_visible()
    with page.expect_navigation():
        publish.click()
    expect(page.locator(".messages .success")).to_contain_text(
        f"'{MESSAGE}' updated and published."
    )

    # Wagtail made a new live revision; the switch released it and moved every deck using it.
    message.refresh_from_db()
    new_revision = message.live_revision_id
    assert message.headline == new_headline
    assert new_revision is not None and new_revision != old_revision
    wait_until(
        MessageRelease.objects.filter(message=message, revision_id=new_revision).exists,
        f"the release of {MESSAGE} revision {new_revision}",
    )
    for slug in DECKS_USING_MESSAGE:
        wait_until(
            lambda slug=slug: current_revisions(slug).get(str(message.pk)) == new_revision,
            f"the {slug} deck's live rendering to use revision {new_revision}",
        )

    # An anonymous visitor, in a browser of their own, sees the new headline on the home page.
    visitor = new_page(viewport={"width": 1280, "height": 900})
    assert visitor.goto(f"{demo_site}/").ok
    story = visitor.locator(f'section.message[data-message="{message.pk}"]')
    expect(story).to_have_count(1)
    expect(story.locator(".message__headline")).to_have_text(new_headline)
    expect(visitor.get_by_text(OLD_HEADLINE)).to_have_count(0)

    # A salesperson, in a browser of their own, opens the deck and downloads the .pptx.
    seller = new_page(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    log_in(seller, demo_site, SALES_USERNAME, SALES_PASSWORD)
    assert seller.goto(f"{demo_site}/sales/decks/{DECK}/").ok
    expect(seller.get_by_role("heading", level=1)).to_have_text(DECK_TITLE)
    expect(seller.get_by_text(new_headline)).not_to_have_count(0)
    expect(seller.get_by_text(OLD_HEADLINE)).to_have_count(0)
    with seller.expect_download() as download_info:
        seller.get_by_role("link", name="Download .pptx").click()
    download = download_info.value
    assert download.failure() is None, download.failure()
    assert download.suggested_filename == f"{DECK}.pptx"
    path = tmp_path / download.suggested_filename
    download.save_as(path)

    # The deck's message slide leads with the new headline and names the new revision.
    deck = Presentation(path)
    slides = [
        slide
        for slide in deck.slides
        if slide.has_notes_slide and f"“{MESSAGE}”" in slide.notes_slide.notes_text_frame.text
    ]
    assert len(slides) == 1, f"the {DECK} deck should have one slide showing {MESSAGE}"
    slide = slides[0]
    assert slide.shapes.title.text == new_headline, (
        f"the message slide's title is {slide.shapes.title.text!r}, not the new headline"
    )
    notes = slide.notes_slide.notes_text_frame.text
    assert re.search(rf"\brevision {new_revision}\b", notes), (
        f"the speaker notes should name revision {new_revision}: {notes!r}"
    )
    manifest = json.loads(deck.core_properties.comments)
    assert manifest["masthead-deck"] == DECK
    assert manifest["messages"] == {str(message.pk): new_revision}, (
        f"the deck's manifest should map message {message.pk} to revision {new_revision}: "
        f"{manifest['messages']}"
    )

    # And the old headline is nowhere in it: not in what python-pptx reads, nor in any part.
    assert not [text for text in deck_texts(deck) if text and OLD_HEADLINE in text]
    with zipfile.ZipFile(path) as archive:
        stale = [name for name in archive.namelist() if OLD_HEADLINE.encode() in archive.read(name)]
    assert not stale, f"the old headline is still in the deck's parts {stale}"
