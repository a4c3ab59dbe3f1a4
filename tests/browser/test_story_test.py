"""Testing a new story on real readers: an editor starts a test of a draft headline, two fresh
browsers (different User-Agents, so they fall in different versions) see the two headlines, their
reading arrives counted per version, the editor releases B, and the home page and a freshly
downloaded deck both carry B. Runs against the real demo content (seed_demo) and the real page cache.
"""

import pytest
from playwright.sync_api import expect
from pptx import Presentation

from buyingstages.audience.models import ContentEvent
from publishing.messaging import splitting
from publishing.messaging.models import Message, MessageRelease, StoryTest, StoryTestState
from tests.browser.signing_in import EDITOR_PASSWORD, EDITOR_USERNAME, log_in
from tests.browser.test_message_sync import (
    DECK,
    MESSAGE,
    OLD_HEADLINE,
    SALES_PASSWORD,
    SALES_USERNAME,
    current_revisions,
    salesperson,  # noqa: F401 (a fixture)
)
from tests.browser.test_profiling_journey import wait_until

pytestmark = pytest.mark.browser

NEW_HEADLINE = "Keelstone gives every plant one schedule its planners trust."


def user_agent(n):
    return (
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
        f"Chrome/140.0.0.{n} Safari/537.36"
    )


def readers_in_each_version(test):
    """{version: a User-Agent that falls in it}, worked out from the test's own salt."""
    [running] = [found for found in splitting.running_tests() if found.pk == test.pk]
    found = {}
    for n in range(1000):
        arm = running.arm_of("127.0.0.1", user_agent(n))
        if arm is not None:
            found.setdefault(arm.name, user_agent(n))
        if len(found) == len(test.arms):
            return found
    raise AssertionError("no reader found for every version")


def test_an_editor_tests_a_headline_on_readers_and_releases_the_winner_everywhere(
    page,
    new_page,
    demo_site,
    editor,
    salesperson,  # noqa: F811 (the fixture imported above)
    tmp_path,
):
    message = Message.objects.get(name=MESSAGE)
    assert message.headline == OLD_HEADLINE

    # The editor saves a draft with a new headline: the challenger.
    log_in(page, demo_site, EDITOR_USERNAME, EDITOR_PASSWORD)
    assert page.goto(f"{demo_site}/admin/messages/edit/{message.pk}/").ok
    page.get_by_role("textbox", name="Headline value statement").fill(NEW_HEADLINE)
    with page.expect_navigation():
        page.locator("footer").get_by_role("button", name="Save draft").click()

    # From the message's menu, they start a test of that draft on every reader.
    assert page.goto(f"{demo_site}/admin/messages/edit/{message.pk}/").ok
    page.locator("footer").get_by_role("button", name="More actions").click()
    script_errors = []
    page.on("pageerror", lambda error: script_errors.append(str(error)))
    with page.expect_navigation():
        page.locator("footer").get_by_role("link", name="Test drafts on readers").click()
    expect(page.get_by_text(f"A, the current version: “{OLD_HEADLINE}”")).to_be_visible()
    page.wait_for_load_state("load")
    assert script_errors == []  # the planned end's date chooser among them
    expect(page.get_by_label("Challenger B")).to_contain_text(NEW_HEADLINE)
    # The whole form fits the laptop's width, the drafts' headlines in their choices included.
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    page.get_by_label("Share of readers in the test (%)").fill("100")
    with page.expect_navigation():
        page.get_by_role("button", name="Start the test").click()
    test = StoryTest.objects.get(message=message)
    assert test.is_running and page.url == f"{demo_site}/admin/story-tests/{test.pk}/"
    expect(page.locator("[data-verdict]")).to_contain_text("Not enough data")

    # Two fresh browsers, one in each version, read the home page, then an asset from it.
    agents = readers_in_each_version(test)
    for arm, headline in (("A", OLD_HEADLINE), ("B", NEW_HEADLINE)):
        reader = new_page(viewport={"width": 1280, "height": 900}, user_agent=agents[arm])
        for _ in range(2):  # the same version again (kept for this reader only: "private")
            response = reader.goto(f"{demo_site}/")
            assert response.ok and "private" in response.headers["cache-control"]
            story = reader.locator(f'section.message[data-message="{message.pk}"]')
            expect(story.locator(".message__headline")).to_have_text(headline)
        with reader.expect_navigation():
            reader.locator(".card a").first.click()
        wait_until(
            ContentEvent.objects.filter(story_variant=f"{test.pk}:{arm}").exists,
            f"a reading event counted for version {arm}",
        )

    # The editor sees both versions counted, and releases B.
    assert page.goto(f"{demo_site}/admin/story-tests/{test.pk}/").ok
    expect(page.locator('[data-readers="A"]')).to_have_text("1")
    expect(page.locator('[data-readers="B"]')).to_have_text("1")
    with page.expect_navigation():
        page.locator('[data-release="B"]').click()
    test.refresh_from_db()
    assert test.state == StoryTestState.RELEASED and test.figures["arms"]["B"]["readers"] == 1
    wait_until(
        MessageRelease.objects.filter(message=message, revision_id=test.challenger_b_id).exists,
        "the release of B",
    )
    wait_until(
        lambda: current_revisions(DECK).get(str(message.pk)) == test.challenger_b_id,
        "the deck to carry B",
    )

    # A new reader in what was version A sees B on the home page.
    visitor = new_page(viewport={"width": 1280, "height": 900}, user_agent=agents["A"])
    assert visitor.goto(f"{demo_site}/").ok
    story = visitor.locator(f'section.message[data-message="{message.pk}"]')
    expect(story.locator(".message__headline")).to_have_text(NEW_HEADLINE)
    expect(visitor.locator("[data-story-variant]")).to_have_count(0)  # the test is over

    # A salesperson downloads the deck afresh: it leads with B.
    seller = new_page(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    log_in(seller, demo_site, SALES_USERNAME, SALES_PASSWORD)
    assert seller.goto(f"{demo_site}/sales/decks/{DECK}/").ok
    with seller.expect_download() as download_info:
        seller.get_by_role("link", name="Download .pptx").click()
    path = tmp_path / "deck.pptx"
    download_info.value.save_as(path)
    titles = [
        slide.shapes.title.text
        for slide in Presentation(path).slides
        if slide.has_notes_slide and f"“{MESSAGE}”" in slide.notes_slide.notes_text_frame.text
    ]
    assert titles == [NEW_HEADLINE]
