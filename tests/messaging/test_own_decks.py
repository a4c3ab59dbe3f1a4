"""A salesperson's own decks: built from the slide library in the admin, their own slides and notes
kept, the library's slides regenerated at every release; theirs and editors' only."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from pptx import Presentation
from wagtail.test.utils.form_data import nested_form_data, streamfield

from publishing.messaging.models import SalesDeck
from tests.factories import AssetPageFactory
from tests.messaging.story import NEW, OLD

pytestmark = pytest.mark.django_db

OWN_TITLE, OWN_TEXT = "Why Acme, why now", "Their audit is in March"
OWN_NOTES = "Ask Priya about the March audit before this slide."


@pytest.fixture
def asset(library, stages):
    asset = AssetPageFactory(
        parent=library, stage=stages[3], title="Primer", slug="primer", summary="How planners plan."
    )
    asset.save_revision().publish()
    asset.refresh_from_db()
    return asset


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def sam(make_user):
    return signed_in(make_user("Sales", "sam"))


@pytest.fixture
def kim(make_user):
    return signed_in(make_user("Sales", "kim"))


def deck_form(title, slides, order=None):
    """The deck form as the admin's StreamField editor posts it; `order` is where dragging put each
    block (the editor posts every block with its new position)."""
    data = nested_form_data(
        {"title": title, "audience": "Acme's plant managers", "slides": streamfield(slides)}
    )
    for index, position in enumerate(order or range(len(slides))):
        data[f"slides-{index}-order"] = str(position)
    return data


def library_slides(message, asset):
    return [
        ("message_slide", {"message": message.pk, "parts": ["headline"]}),
        ("asset_slide", {"asset": asset.pk}),
        ("text_slide", {"title": OWN_TITLE, "text": OWN_TEXT, "notes": OWN_NOTES}),
    ]


def slides_of(client, deck):
    """(title, text, notes) of each slide of the deck as downloaded, read back with python-pptx."""
    response = client.get(deck.get_download_url())
    assert response.status_code == 200
    presentation = Presentation(io.BytesIO(b"".join(response.streaming_content)))
    return [
        (
            slide.shapes.title.text if slide.shapes.title is not None else "",
            "\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame),
            slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else "",
        )
        for slide in presentation.slides
    ]


def build_own_deck(sam, message, asset, run_on_commit):
    """Sam builds a deck in My decks, then drags their own slide to the top."""
    slides = library_slides(message, asset)
    with run_on_commit():
        response = sam.post("/admin/sales/my-decks/new/", deck_form("Acme pitch", slides))
    assert response.status_code == 302, response.context["form"].errors
    deck = SalesDeck.objects.get(title="Acme pitch")
    with run_on_commit():
        response = sam.post(
            f"/admin/sales/my-decks/edit/{deck.pk}/", deck_form("Acme pitch", slides, [1, 2, 0])
        )
    assert response.status_code == 302, response.context["form"].errors
    deck.refresh_from_db()
    return deck


def test_a_text_slide_carries_speaker_notes_into_the_pptx(sam, message, asset, run_on_commit):
    deck = build_own_deck(sam, message, asset, run_on_commit)
    own = [slide for slide in slides_of(sam, deck) if slide[0] == OWN_TITLE]
    assert len(own) == 1
    assert OWN_TEXT in own[0][1]
    assert own[0][2] == OWN_NOTES


def test_a_salesperson_builds_reorders_and_downloads_their_own_deck(
    sam, message, asset, run_on_commit
):
    deck = build_own_deck(sam, message, asset, run_on_commit)
    assert deck.owner.username == "sam"
    assert [block.block_type for block in deck.slides] == [
        "text_slide",
        "message_slide",
        "asset_slide",
    ]
    titles = [title for title, _, _ in slides_of(sam, deck)]
    own, headline, primer = titles.index(OWN_TITLE), titles.index(OLD), titles.index("Primer")
    assert 0 < own < headline < primer  # after the title slide, in the order Sam dragged them to

    listing = sam.get("/admin/sales/my-decks/").content.decode()
    assert "Acme pitch" in listing


def test_a_release_regenerates_the_library_slides_and_keeps_their_own(
    sam, make_user, message, asset, run_on_commit
):
    deck = build_own_deck(sam, message, asset, run_on_commit)
    before = deck.current_rendering()

    message.headline = NEW
    with run_on_commit():
        message.save_revision(user=make_user("Editors", "eda")).publish()

    assert deck.current_rendering() != before
    slides = slides_of(sam, deck)
    titles = [title for title, _, _ in slides]
    assert NEW in titles
    assert OLD not in titles
    own = titles.index(OWN_TITLE)
    assert own < titles.index(NEW) < titles.index("Primer")
    assert slides[own][2] == OWN_NOTES
    assert OWN_TEXT in slides[own][1]


def test_another_salesperson_can_neither_see_nor_download_it(
    sam, kim, make_user, message, asset, run_on_commit
):
    deck = build_own_deck(sam, message, asset, run_on_commit)

    assert kim.get(deck.get_download_url()).status_code == 404
    assert kim.get(deck.get_slides_url()).status_code == 404
    assert kim.get(f"/admin/sales/my-decks/edit/{deck.pk}/").status_code == 404
    assert kim.post(f"/admin/sales/my-decks/delete/{deck.pk}/").status_code == 404
    assert kim.get(f"/admin/sales/my-decks/copy/{deck.pk}/").status_code == 404
    assert "Acme pitch" not in kim.get("/admin/sales/my-decks/").content.decode()
    assert "Acme pitch" not in kim.get("/admin/decks/").content.decode()
    assert SalesDeck.objects.filter(pk=deck.pk).exists()

    editor = signed_in(make_user("Editors", "eda"))
    assert editor.get(deck.get_download_url()).status_code == 200


def test_copying_a_marketing_deck_makes_an_owned_copy(sam, kim, message, asset, run_on_commit):
    with run_on_commit():
        marketing = SalesDeck.objects.create(
            title="Evaluation",
            slug="evaluation",
            slides=[
                {"type": "message_slide", "value": {"message": message.pk, "parts": ["headline"]}}
            ],
        )
    listing = sam.get("/admin/decks/").content.decode()
    assert f"/admin/sales/my-decks/copy/{marketing.pk}/" in listing

    form = sam.get(f"/admin/sales/my-decks/copy/{marketing.pk}/")
    assert form.status_code == 200
    assert 'value="Evaluation"' in form.content.decode()
    assert 'action="/admin/sales/my-decks/new/"' in form.content.decode()  # it saves a new deck
    slides = [("message_slide", {"message": message.pk, "parts": ["headline"]})]
    with run_on_commit():
        response = sam.post("/admin/sales/my-decks/new/", deck_form("Evaluation", slides))
    assert response.status_code == 302, response.context["form"].errors

    copy = SalesDeck.objects.exclude(pk=marketing.pk).get()
    assert copy.owner.username == "sam"
    assert copy.slug != marketing.slug
    marketing.refresh_from_db()
    assert marketing.owner is None
    assert OLD in [title for title, _, _ in slides_of(sam, copy)]
    assert kim.get(copy.get_download_url()).status_code == 404


def test_another_salesperson_cannot_check_a_file_of_someone_else_s_own_deck(
    make_user, run_on_commit, message
):
    owner, other = make_user("Sales", "ana"), make_user("Sales", "bo")
    deck = SalesDeck(
        slug="ana-first-call",
        title="Ana's first call",
        slides=[{"type": "message_slide", "value": {"message": message.pk, "parts": []}}],
        owner=owner,
    )
    with run_on_commit():
        deck.save()
    with deck.current_rendering().file.open("rb") as file:
        content = file.read()

    def check_as(user):
        return signed_in(user).post(
            "/admin/deck-check/", {"file": SimpleUploadedFile("deck.pptx", content)}
        )

    assert check_as(owner).status_code == 200
    refused = check_as(other)
    assert refused.status_code == 400
    assert "Ana&#x27;s first call" not in refused.content.decode()
    assert "first call" not in refused.content.decode()
