"""Is my deck current? The slides' text compared with the current deck, slide by slide."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils.html import strip_tags
from pptx import Presentation

from publishing.messaging import checking
from publishing.messaging.checking import CHANGED, EXTRA, MISSING, SlideText
from publishing.messaging.models import Message, SalesDeck
from tests.factories import AssetPageFactory
from tests.messaging.story import NEW, OLD

pytestmark = pytest.mark.django_db

JOB = "Cuts unplanned downtime by a third."
HAND_EDIT = "We cut downtime in half for everyone, guaranteed."


@pytest.fixture
def message(run_on_commit):
    message = Message(
        name="Core story", headline=OLD, job=JOB, boilerplate="Keelstone, since 2009."
    )
    message.save()
    with run_on_commit():
        message.save_revision().publish()
    return message


@pytest.fixture
def seller(make_user):
    return make_user("Sales", "sam")


@pytest.fixture
def deck(message, run_on_commit):
    deck = SalesDeck(
        slug="first-meeting",
        title="First meeting",
        slides=[
            {"type": "message_slide", "value": {"message": message.pk, "parts": []}},
            {"type": "text_slide", "value": {"title": "Next steps", "text": "A fit check"}},
        ],
    )
    with run_on_commit():
        deck.save()
    return deck


def current_copy(deck):
    with deck.current_rendering().file.open("rb") as file:
        return file.read()


def edited(content, old, new):
    """The deck with one paragraph's text changed, as a salesperson would in PowerPoint."""
    presentation = Presentation(io.BytesIO(content))
    found = [
        paragraph
        for slide in presentation.slides
        for shape in slide.shapes
        if shape.has_text_frame
        for paragraph in shape.text_frame.paragraphs
        if paragraph.text == old
    ]
    assert found, f"no paragraph says {old!r}"
    runs = found[0].runs
    runs[0].text = new
    for run in runs[1:]:
        run.text = ""
    buffer = io.BytesIO()
    presentation.save(buffer)
    return buffer.getvalue()


def check(client, content, name="deck.pptx"):
    return client.post("/admin/deck-check/", {"file": SimpleUploadedFile(name, content)})


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def result_of(content):
    return checking.check(SimpleUploadedFile("deck.pptx", content))


def cells(html, name):
    """The text of each table cell marked `data-<name>`, tags stripped."""
    parts = html.split(f"<td data-{name}>")[1:]
    return [" ".join(strip_tags(part.split("</td>")[0]).split()) for part in parts]


def test_an_untouched_current_deck_is_current(seller, deck):
    result = result_of(current_copy(deck))
    assert result.current
    assert result.changes == []
    response = check(signed_in(seller), current_copy(deck))
    assert response.status_code == 200
    assert "Your deck is current" in response.content.decode()


def test_a_bullet_edited_by_hand_is_not_current_and_is_named_with_both_wordings(seller, deck):
    copy = edited(current_copy(deck), JOB, HAND_EDIT)

    result = result_of(copy)
    assert not result.current
    [change] = result.changes
    assert (change.kind, change.yours.number, change.approved.number) == (CHANGED, 2, 2)
    [line] = change.lines
    assert (line.approved, line.yours) == (JOB, HAND_EDIT)
    assert not change.stale

    response = check(signed_in(seller), copy)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Your deck is out of date" in html
    assert "Slide 2" in html
    assert cells(html, "approved") == [JOB]
    assert cells(html, "yours") == [HAND_EDIT]
    assert "<del> in half for everyone, guaranteed</del>" in html  # word by word
    assert (
        html.count(OLD) == 1
    )  # the slide's title names it; the unchanged headline is not compared


def test_the_wording_in_the_file_is_escaped(seller, deck):
    copy = edited(current_copy(deck), JOB, "<script>alert('x')</script> We cut downtime.")
    html = check(signed_in(seller), copy).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert" in html


def test_an_old_deck_names_only_the_parts_that_changed(seller, deck, message, run_on_commit):
    old_copy = current_copy(deck)
    message.headline = NEW
    with run_on_commit():
        message.save_revision().publish()

    result = result_of(old_copy)
    assert [m.name for m in result.messages_changed] == ["Core story"]
    [change] = result.changes
    assert [(line.label, line.approved, line.yours) for line in change.lines] == [
        ("Title", NEW, OLD)
    ]

    html = check(signed_in(seller), old_copy).content.decode()
    assert "Your deck is out of date" in html
    assert "the message “Core story”" in html
    assert cells(html, "approved") == [NEW]
    assert cells(html, "yours") == [OLD]
    assert JOB not in html  # not the whole message again
    assert deck.get_download_url() in html


def test_a_deck_whose_asset_was_since_unpublished_names_that_slide_as_stale(
    seller, message, library, stages, run_on_commit
):
    asset = AssetPageFactory(parent=library, stage=stages[3], title="Primer", slug="primer")
    deck = SalesDeck(
        slug="evaluation",
        title="Evaluation",
        slides=[
            {"type": "message_slide", "value": {"message": message.pk, "parts": ["headline"]}},
            {"type": "asset_slide", "value": {"asset": asset.pk}},
        ],
    )
    with run_on_commit():
        deck.save()
    old_copy = current_copy(deck)
    with run_on_commit():
        asset.unpublish()

    result = result_of(old_copy)
    [change] = result.changes
    assert (change.kind, change.yours.title, change.asset.pk, change.stale) == (
        EXTRA,
        "Primer",
        asset.pk,
        True,
    )
    assert result.stale_assets == [change]

    html = check(signed_in(seller), old_copy).content.decode()
    assert "Your deck is out of date" in html
    assert f'data-stale-asset="{asset.pk}"' in html
    assert "Slide 3: “Primer” is not in the current deck" in html
    assert "The asset “Primer” was unpublished" in html


def test_a_deck_whose_asset_was_since_edited_names_that_slide_as_stale(
    seller, message, library, stages, run_on_commit
):
    asset = AssetPageFactory(parent=library, stage=stages[3], title="Primer", slug="primer")
    deck = SalesDeck(
        slug="evaluation",
        title="Evaluation",
        slides=[{"type": "asset_slide", "value": {"asset": asset.pk}}],
    )
    with run_on_commit():
        deck.save()
    old_copy = current_copy(deck)
    asset.summary = "Plan in half the time."
    with run_on_commit():
        asset.save_revision().publish()

    [change] = result_of(old_copy).changes
    assert change.kind == CHANGED
    assert change.stale
    assert "was edited after your copy was made" in change.reason
    assert [(line.approved, line.yours) for line in change.lines] == [
        ("Plan in half the time.", "What Primer is about.")
    ]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("blank-pptx", "not made by Masthead"),
        ("unknown-deck", "which Masthead no longer offers"),
        (b"plain text", "not a PowerPoint (.pptx) file"),
        (b"PK\x03\x04junk", "not a PowerPoint (.pptx) file"),
    ],
)
def test_a_file_that_cannot_be_checked_is_a_400_with_the_reason(seller, content, reason):
    if content in ("blank-pptx", "unknown-deck"):
        presentation = Presentation()
        if content == "unknown-deck":
            presentation.core_properties.comments = json.dumps(
                {"masthead-deck": "gone", "messages": {}}
            )
        buffer = io.BytesIO()
        presentation.save(buffer)
        content = buffer.getvalue()
    response = check(signed_in(seller), content)
    assert response.status_code == 400
    assert reason in response.content.decode()


def test_an_oversized_upload_is_a_400(seller, deck, settings):
    settings.MASTHEAD_MAX_PPTX_BYTES = 100
    response = check(signed_in(seller), current_copy(deck))
    assert response.status_code == 400
    assert "larger than" in response.content.decode()


def test_a_draft_deck_is_not_compared_for_sales(seller, deck, make_user):
    copy = current_copy(deck)
    deck.is_draft = True
    deck.save(update_fields=["is_draft"])
    assert check(signed_in(seller), copy).status_code == 400
    editor = signed_in(make_user("Editors", "eda"))
    assert "Your deck is current" in check(editor, copy).content.decode()


# Pairing slides ------------------------------------------------------------------------------------


def slides(*texts):
    return [
        SlideText(number, title, tuple(lines)) for number, (title, *lines) in enumerate(texts, 1)
    ]


def test_slides_are_paired_by_likeness_not_by_position():
    yours = slides(
        ("Deck",),
        ("Primer", "What Primer is about."),
        ("Plants hit their plan", "Cuts downtime.", "Keelstone."),
        ("Next steps", "A fit check"),
    )
    approved = slides(
        ("Deck",),
        ("Every plant runs on one schedule", "Cuts downtime.", "Keelstone."),
        ("Next steps", "A fit check"),
        ("Pricing", "From £10k."),
    )
    changes = checking.compare(yours, approved)
    assert [
        (c.kind, c.yours and c.yours.number, c.approved and c.approved.number) for c in changes
    ] == [
        (EXTRA, 2, None),
        (CHANGED, 3, 2),
        (MISSING, None, 4),
    ]
    assert [line.label for line in changes[1].lines] == ["Title"]
