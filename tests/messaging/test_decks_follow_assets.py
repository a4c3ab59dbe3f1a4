"""Decks follow the assets they show, as they follow messages; Sales are told what changed, in words."""

import datetime
import io
from unittest import mock
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from pptx import Presentation

from publishing.messaging import rendering as decks
from publishing.messaging.models import RenderStatus, SalesDeck
from tests.factories import AssetPageFactory
from tests.messaging.story import NEW, OLD

pytestmark = pytest.mark.django_db


@pytest.fixture
def asset(library, stages):
    asset = AssetPageFactory(
        parent=library,
        stage=stages[3],
        title="Primer",
        slug="primer",
        summary="How planners plan.",
    )
    asset.save_revision().publish()  # a live revision, as the admin leaves it
    asset.refresh_from_db()
    return asset


@pytest.fixture
def seller(make_user):
    user = make_user("Sales", "sam")
    user.email = "sam@example.com"
    user.save()
    return user


def make_deck(slug, slides, run_on_commit, **fields):
    deck = SalesDeck(slug=slug, title=f"Deck {slug}", slides=slides, **fields)
    with run_on_commit():
        deck.save()
    return deck


def asset_deck(asset, message, run_on_commit, slug="evaluation", **fields):
    slides = [
        {"type": "message_slide", "value": {"message": message.pk, "parts": ["headline"]}},
        {"type": "asset_slide", "value": {"asset": asset.pk}},
        {"type": "text_slide", "value": {"title": "Next steps", "text": "A fit check"}},
    ]
    return make_deck(slug, slides, run_on_commit, **fields)


def live_text(deck, now=None):
    """Every piece of text in the deck's live .pptx, read back with python-pptx."""
    with deck.current_rendering(now).file.open("rb") as file:
        presentation = Presentation(io.BytesIO(file.read()))
    return "\n".join(
        shape.text_frame.text
        for slide in presentation.slides
        for shape in slide.shapes
        if shape.has_text_frame
    )


def publish_edit(page, run_on_commit, **changes):
    for name, value in changes.items():
        setattr(page, name, value)
    with run_on_commit():
        page.save_revision().publish()


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


# Decks follow assets ------------------------------------------------------------------------------


def test_publishing_an_edit_to_an_asset_re_renders_only_the_decks_that_show_it(
    asset, message, run_on_commit
):
    deck = asset_deck(asset, message, run_on_commit)
    other = make_deck(
        "other",
        [{"type": "message_slide", "value": {"message": message.pk, "parts": []}}],
        run_on_commit,
    )
    before, other_before = deck.current_rendering(), other.current_rendering()
    assert "How planners plan." in live_text(deck)

    publish_edit(asset, run_on_commit, title="Primer, revised", summary="Plan in half the time.")

    after = deck.current_rendering()
    assert after != before
    text = live_text(deck)
    assert "Primer, revised" in text
    assert "Plan in half the time." in text
    assert "How planners plan." not in text
    assert OLD in text  # the rest of the deck is as it was
    assert other.current_rendering() == other_before
    assert other.renderings.count() == 1


def test_unpublishing_an_asset_removes_its_slide_from_the_current_deck(
    asset, message, run_on_commit
):
    deck = asset_deck(asset, message, run_on_commit)
    assert "Primer" in live_text(deck)

    with run_on_commit():
        asset.unpublish()

    text = live_text(deck)
    assert "Primer" not in text
    assert "How planners plan." not in text
    assert OLD in text
    assert "Next steps" in text


def test_deleting_an_asset_removes_its_slide_from_the_current_deck(asset, message, run_on_commit):
    deck = asset_deck(asset, message, run_on_commit)
    with run_on_commit():
        asset.delete()
    assert "Primer" not in live_text(deck)


def test_a_scheduled_asset_edit_reaches_the_deck_when_it_goes_live(asset, message, run_on_commit):
    deck = asset_deck(asset, message, run_on_commit)
    go_live = timezone.now() + datetime.timedelta(hours=2)
    asset.go_live_at = go_live
    publish_edit(asset, run_on_commit, summary="Plan in half the time.")
    assert "How planners plan." in live_text(deck)  # scheduled, not live yet

    later = go_live + datetime.timedelta(minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=later), run_on_commit():
        call_command("publish_scheduled")
    assert "Plan in half the time." in live_text(deck, now=later + datetime.timedelta(seconds=1))


def test_an_asset_unpublished_before_a_scheduled_message_release_stays_out_after_it(
    asset, message, run_on_commit
):
    deck = asset_deck(asset, message, run_on_commit)
    go_live = timezone.now() + datetime.timedelta(hours=2)
    message.headline, message.go_live_at = NEW, go_live
    with run_on_commit():
        message.save_revision().publish()  # the deck is prepared now, for the go-live
    with run_on_commit():
        asset.unpublish()

    after = go_live + datetime.timedelta(minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=after):
        text = live_text(deck)
    assert NEW in text
    assert "Primer" not in text


def test_a_deck_edited_before_a_scheduled_message_release_keeps_its_edit_after_it(
    asset, message, run_on_commit
):
    deck = asset_deck(asset, message, run_on_commit)
    go_live = timezone.now() + datetime.timedelta(hours=2)
    message.headline, message.go_live_at = NEW, go_live
    with run_on_commit():
        message.save_revision().publish()  # the deck is prepared now, for the go-live
    deck.slides = [*deck.slides.raw_data, {"type": "text_slide", "value": {
        "title": "Pricing", "text": "Per plant, per year"}}]  # fmt: skip
    with run_on_commit():
        deck.save()

    after = go_live + datetime.timedelta(minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=after):
        text = live_text(deck)
    assert NEW in text
    assert "Per plant, per year" in text


def test_a_deck_that_fails_to_render_keeps_its_previous_rendering(asset, message, run_on_commit):
    deck = asset_deck(asset, message, run_on_commit)
    good = deck.current_rendering()
    with mock.patch.object(decks, "brand_template", return_value=b"not a presentation"):
        publish_edit(asset, run_on_commit, summary="Plan in half the time.")
    assert deck.last_rendering().status == RenderStatus.FAILED
    assert deck.current_rendering() == good


def test_an_asset_in_no_deck_renders_nothing(asset, message, run_on_commit):
    deck = make_deck(
        "messages-only",
        [{"type": "message_slide", "value": {"message": message.pk, "parts": []}}],
        run_on_commit,
    )
    publish_edit(asset, run_on_commit, summary="Plan in half the time.")
    assert deck.renderings.count() == 1


# The e-mail to Sales ------------------------------------------------------------------------------


def links_in(html):
    import re

    return re.findall(r'href="([^"]+)"', html)


def html_part(email):
    [(html, mimetype)] = email.alternatives
    assert mimetype == "text/html"
    return html


def assert_links_work(email, user):
    html = html_part(email)
    links = links_in(html)
    assert links
    client = signed_in(user)
    for link in links:
        assert link.startswith("http://testserver/")
        assert link in email.body  # the text part carries the same links
        assert client.get(urlsplit(link).path).status_code == 200


def test_sales_are_told_in_words_how_an_asset_slide_changed_with_working_links(
    asset, message, seller, run_on_commit
):
    deck = asset_deck(asset, message, run_on_commit)
    draft = asset_deck(asset, message, run_on_commit, slug="draft", is_draft=True)
    mail.outbox.clear()

    publish_edit(asset, run_on_commit, title="Primer, revised")

    [email] = mail.outbox
    assert email.subject == "Decks updated: asset “Primer, revised”"
    assert email.to == ["sam@example.com"]
    assert "Asset slide “Primer, revised”, title: “Primer” → “Primer, revised”" in email.body
    assert "Asset slide “Primer, revised”, title: “Primer” → “Primer, revised”" in html_part(email)
    assert "http://testserver" + deck.get_download_url() in email.body
    assert draft.get_download_url() not in email.body  # Sales cannot open drafts
    assert "http://testserver/admin/deck-check/" in email.body
    assert "@@" not in email.body and "+++" not in email.body
    assert_links_work(email, seller)


def test_sales_are_told_an_unpublished_asset_left_their_decks(
    asset, message, seller, run_on_commit
):
    asset_deck(asset, message, run_on_commit)
    mail.outbox.clear()
    with run_on_commit():
        asset.unpublish()
    [email] = mail.outbox
    assert "Asset slide “Primer” removed: the asset was unpublished" in email.body
    assert_links_work(email, seller)


def test_an_asset_edit_that_changes_no_slide_sends_no_email(asset, message, seller, run_on_commit):
    asset_deck(asset, message, run_on_commit)
    mail.outbox.clear()
    publish_edit(asset, run_on_commit, seo_title="Only for search engines")
    assert mail.outbox == []


def test_sales_are_told_in_words_how_a_message_changed_with_working_links(
    asset, message, seller, run_on_commit
):
    asset_deck(asset, message, run_on_commit)
    mail.outbox.clear()
    message.headline = NEW
    with run_on_commit():
        message.save_revision().publish()

    [email] = mail.outbox
    assert email.subject == "Decks updated: Core story"
    assert "\n" not in email.subject
    change = f"Headline value statement: “{OLD}” → “{NEW}”"
    assert change in email.body
    assert change in html_part(email)
    assert f"-Headline value statement: {OLD}" not in email.body  # not a unified diff
    assert_links_work(email, seller)
