"""A salesperson makes a marketing deck their own and adds a slide for one meeting; when an editor
publishes a new headline, their deck carries it and still has their slide and its notes.

Real Chromium on the demo site and the real admin forms; tasks run once their transaction commits,
as the test settings have them.
"""

import io
import uuid

import pytest
from playwright.sync_api import expect
from pptx import Presentation

from cms.demo import loading
from publishing.messaging.models import Message, SalesDeck
from tests.browser.signing_in import EDITOR_PASSWORD, EDITOR_USERNAME, log_in
from tests.browser.test_profiling_journey import wait_until

pytestmark = pytest.mark.browser

MESSAGE = "Core story"
OLD_HEADLINE = {item["name"]: item for item in loading.read("messages")}[MESSAGE]["headline"]
DECK = "first-meeting"  # a marketing deck showing the core story
SALES_USERNAME, SALES_PASSWORD = "sam", "masthead-sam"
OWN_TITLE = "Questions from the Harlow site visit"
OWN_TEXT = "Can the schedule follow a line stoppage within the hour?"
OWN_NOTES = "Ask Maya about the night shift first."


@pytest.fixture
def salesperson(demo_site, make_user):
    user = make_user("Sales", SALES_USERNAME)
    user.set_password(SALES_PASSWORD)
    user.save()
    return user


def own_deck(user):
    return SalesDeck.objects.filter(owner=user).first()


def downloaded(page, base_url, deck, tmp_path):
    """The deck's live .pptx, downloaded the way a salesperson does, as (slide texts, notes)."""
    assert page.goto(base_url + deck.get_slides_url()).ok
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download .pptx").click()
    path = tmp_path / f"{uuid.uuid4().hex}.pptx"
    download_info.value.save_as(path)
    presentation = Presentation(io.BytesIO(path.read_bytes()))
    texts = [
        "\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)
        for slide in presentation.slides
    ]
    notes = [
        slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        for slide in presentation.slides
    ]
    return texts, notes


def test_a_salesperson_s_own_slide_survives_a_new_headline(
    page, new_page, demo_site, editor, salesperson, tmp_path
):
    marketing = SalesDeck.objects.get(slug=DECK)

    # The salesperson copies the marketing deck to their own and adds a slide of their own.
    seller = new_page(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    log_in(seller, demo_site, SALES_USERNAME, SALES_PASSWORD)
    assert seller.goto(f"{demo_site}/admin/decks/").ok
    row = seller.locator("tr", has_text=marketing.title)
    with seller.expect_navigation():
        row.get_by_role("link", name="Copy to my decks").click()
    seller.get_by_role("button", name="Insert a block").last.click()
    seller.get_by_role("option", name="Text slide").click()
    titles = seller.locator("input[id^='slides-'][id$='-value-title']")
    text_slides = [block for block in marketing.slides if block.block_type == "text_slide"]
    expect(titles).to_have_count(len(text_slides) + 1)  # theirs, after the deck's own
    prefix = titles.last.get_attribute("id").removesuffix("-title")
    seller.locator(f"#{prefix}-title").fill(OWN_TITLE)
    seller.locator(f"#{prefix}-text").fill(OWN_TEXT)
    seller.locator(f"#{prefix}-notes").fill(OWN_NOTES)
    with seller.expect_navigation():
        seller.locator("footer").get_by_role("button", name="Create").click()
    expect(seller.locator(".messages .success")).to_be_visible()

    deck = wait_until(lambda: own_deck(salesperson), "the salesperson's own deck")
    wait_until(deck.current_rendering, "the own deck's first rendering")
    texts, notes = downloaded(seller, demo_site, deck, tmp_path)
    assert any(OLD_HEADLINE in text for text in texts)
    own = next(i for i, text in enumerate(texts) if OWN_TITLE in text)
    assert OWN_TEXT in texts[own] and OWN_NOTES in notes[own]

    # An editor publishes a new headline for the core story.
    message = Message.objects.get(name=MESSAGE)
    new_headline = f"Keelstone puts every plant on one trusted schedule ({uuid.uuid4().hex[:8]})."
    log_in(page, demo_site, EDITOR_USERNAME, EDITOR_PASSWORD)
    assert page.goto(f"{demo_site}/admin/messages/edit/{message.pk}/").ok
    page.get_by_role("textbox", name="Headline value statement").fill(new_headline)
    footer = page.locator("footer")
    footer.get_by_role("button", name="More actions").click()
    with page.expect_navigation():
        footer.get_by_role("button", name="Publish", exact=True).click()
    message.refresh_from_db()
    wait_until(
        lambda: (
            (deck.current_rendering().message_revisions or {}).get(str(message.pk))
            == message.live_revision_id
        ),
        "the own deck's rendering of the new headline",
    )

    # Their deck, downloaded again, carries the new headline and still has their slide and notes.
    texts, notes = downloaded(seller, demo_site, deck, tmp_path)
    assert any(new_headline in text for text in texts)
    assert not any(OLD_HEADLINE in text for text in texts)
    own = next(i for i, text in enumerate(texts) if OWN_TITLE in text)
    assert OWN_TEXT in texts[own] and OWN_NOTES in notes[own]
