"""One message, everywhere: messages on pages and in decks, moved together when a message changes."""

import datetime
import io
import json
import zipfile
from unittest import mock

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from django.utils.html import strip_tags
from pptx import Presentation
from pptx.util import Inches
from wagtail.blocks import StructBlockValidationError

from publishing.messaging import rendering as decks
from publishing.messaging import sync
from publishing.messaging.models import (
    DeckRendering,
    DeckTemplate,
    Message,
    MessageRelease,
    RenderStatus,
    SalesDeck,
)
from tests.factories import AssetPageFactory
from tests.messaging.story import NEW, OLD

pytestmark = pytest.mark.django_db


def publish(message, run_on_commit, **changes):
    for field, value in changes.items():
        setattr(message, field, value)
    with run_on_commit():
        revision = message.save_revision()
        revision.publish()
    message.refresh_from_db()
    return revision


@pytest.fixture
def message(run_on_commit):
    message = Message(name="Core story", headline=OLD, job="Cuts unplanned downtime by a third.")
    message.save()
    publish(message, run_on_commit)
    return message


def message_slides_deck(message, slug="first-meeting", run_on_commit=None, **fields):
    slides = [
        {"type": "message_slide", "value": {"message": message.pk, "parts": []}},
        {
            "type": "text_slide",
            "value": {"title": "Next steps", "text": "A fit check\nA site visit"},
        },
    ]
    deck = SalesDeck(slug=slug, title=f"Deck {slug}", slides=slides, **fields)
    with run_on_commit():
        deck.save()
    return deck


def deck_texts(rendering):
    with rendering.file.open("rb") as file:
        presentation = Presentation(io.BytesIO(file.read()))
    slides = [
        [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
        for slide in presentation.slides
    ]
    notes = [slide.notes_slide.notes_text_frame.text for slide in presentation.slides]
    return slides, notes, json.loads(presentation.core_properties.comments)


def pptx_bytes(presentation):
    buffer = io.BytesIO()
    presentation.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def home_with_message(home, message, run_on_commit):
    home.story = [{"type": "message", "value": {"message": message.pk, "parts": ["headline"]}}]
    home.save_revision().publish()
    return home


@pytest.fixture
def seller(make_user):
    user = make_user("Sales", "sam")
    user.email = "sam@example.com"
    user.save()
    return user


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


# Messages --------------------------------------------------------------------------------------


def test_the_job_is_told_as_a_result_not_as_enabling(editor_client):
    response = editor_client.post(
        "/admin/messages/add/",
        {
            "name": "Weak story",
            "headline": "Better plants.",
            "job": "Keelstone enables planners to plan.",
            "proof_points-count": 0,
        },
    )
    assert response.status_code == 200
    assert "not what the product “enables”" in response.content.decode()
    assert not Message.objects.exists()


def test_an_editor_publishes_a_message_with_proof_points_in_the_admin(editor_client):
    response = editor_client.post(
        "/admin/messages/add/",
        {
            "name": "Core story",
            "headline": OLD,
            "job": "Cuts unplanned downtime by a third.",
            "category": "An operations data platform.",
            "proof_points-count": 1,
            "proof_points-0-type": "quantified_outcome",
            "proof_points-0-deleted": "",
            "proof_points-0-order": 0,
            "proof_points-0-value-figure": "38%",
            "proof_points-0-value-outcome": "less unplanned downtime",
            "proof_points-0-value-context": "Harlow, first year",
            "action-publish": "action-publish",
        },
    )
    assert response.status_code == 302
    message = Message.objects.get()
    assert message.live
    assert "38% less unplanned downtime (Harlow, first year)" in message.as_text()


# On the site -----------------------------------------------------------------------------------


def test_a_page_shows_the_released_message_and_follows_a_new_release(
    client, home_with_message, message, run_on_commit
):
    assert OLD in client.get("/").content.decode()

    publish(message, run_on_commit, headline=NEW)

    html = client.get("/").content.decode()
    assert NEW in html
    assert OLD not in html


def test_a_draft_of_a_message_is_not_shown_publicly(client, home_with_message, message):
    message.headline = NEW
    message.save_revision()  # saved, not published
    html = client.get("/").content.decode()
    assert OLD in html
    assert NEW not in html


def test_the_page_shows_only_the_chosen_parts(client, home_with_message, message):
    html = client.get("/").content.decode()
    assert OLD in html
    assert "Cuts unplanned downtime by a third." not in html


def test_usage_view_lists_pages_and_decks_using_a_message(
    editor_client, home_with_message, message, run_on_commit
):
    message_slides_deck(message, run_on_commit=run_on_commit)
    response = editor_client.get(f"/admin/messages/usage/{message.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert home_with_message.title in html
    assert "Deck first-meeting" in html


# Decks -----------------------------------------------------------------------------------------


def test_a_deck_renders_the_live_message_text_into_a_real_pptx(message, run_on_commit):
    deck = message_slides_deck(message, run_on_commit=run_on_commit)
    rendering = deck.current_rendering()
    slides, notes, manifest = deck_texts(rendering)

    assert slides[0] == ["Deck first-meeting"]
    assert slides[1][0] == OLD
    assert "Cuts unplanned downtime by a third." in slides[1][1]
    assert slides[2] == ["Next steps", "A fit check\nA site visit"]
    assert notes[1] == f"Masthead message “Core story”, revision {message.live_revision_id}."
    assert manifest["messages"] == {str(message.pk): message.live_revision_id}
    assert rendering.message_revisions == {str(message.pk): message.live_revision_id}
    assert OLD in rendering.html


def test_publishing_a_message_re_renders_every_deck_that_uses_it(message, run_on_commit):
    first = message_slides_deck(message, "first", run_on_commit)
    second = message_slides_deck(message, "second", run_on_commit)
    unrelated = SalesDeck(
        slug="other",
        title="Other",
        slides=[{"type": "text_slide", "value": {"title": "Hello", "text": "World"}}],
    )
    with run_on_commit():
        unrelated.save()
    before = unrelated.current_rendering()

    revision = publish(message, run_on_commit, headline=NEW)

    for deck in (first, second):
        slides, notes, manifest = deck_texts(deck.current_rendering())
        assert slides[1][0] == NEW
        assert manifest["messages"] == {str(message.pk): revision.pk}
        assert all(OLD not in text for slide in slides for text in slide)
    assert unrelated.current_rendering() == before


def test_a_deck_with_an_asset_slide_shows_its_summary_outcome_and_link(
    library, stages, message, run_on_commit
):
    asset = AssetPageFactory(parent=library, stage=stages[3], title="Primer", slug="primer")
    deck = SalesDeck(
        slug="assets",
        title="Assets",
        slides=[{"type": "asset_slide", "value": {"asset": asset.pk}}],
    )
    with run_on_commit():
        deck.save()
    slides, _, _ = deck_texts(deck.current_rendering())
    assert slides[1][0] == "Primer"
    assert asset.summary in slides[1][1]
    assert "http://testserver" + asset.url in slides[1][1]


def test_download_serves_the_current_rendering_to_sales_and_editors(
    client, message, seller, make_user, run_on_commit
):
    deck = message_slides_deck(message, run_on_commit=run_on_commit)
    url = "/sales/decks/first-meeting.pptx"

    anonymous = client.get(url)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/admin/login/")
    outsider = get_user_model_user("reader")
    assert signed_in(outsider).get(url).status_code == 403

    for user in (seller, make_user("Editors", "eda")):
        response = signed_in(user).get(url)
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith(
            'attachment; filename="first-meeting.pptx"'
        )
        body = b"".join(response.streaming_content)
        assert Presentation(io.BytesIO(body)).slides[1].shapes.title.text == OLD
    assert signed_in(seller).get(deck.get_slides_url()).status_code == 200
    assert signed_in(seller).get("/sales/decks/no-such-deck.pptx").status_code == 404


def get_user_model_user(username):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user(username, password="pw")


def test_draft_decks_are_for_editors_only(message, seller, make_user, run_on_commit):
    message_slides_deck(message, run_on_commit=run_on_commit, is_draft=True)
    assert signed_in(seller).get("/sales/decks/first-meeting.pptx").status_code == 404
    assert (
        signed_in(make_user("Editors", "eda")).get("/sales/decks/first-meeting.pptx").status_code
        == 200
    )


def test_sales_are_told_which_decks_changed_and_how(message, seller, run_on_commit):
    message_slides_deck(message, run_on_commit=run_on_commit)
    mail.outbox.clear()
    publish(message, run_on_commit, headline=NEW)
    [email] = mail.outbox
    assert email.to == ["sam@example.com"]
    assert "Deck first-meeting" in email.body
    assert f"Headline value statement: “{OLD}” → “{NEW}”" in email.body


# Scheduled publishing --------------------------------------------------------------------------


def test_a_scheduled_message_is_prepared_ahead_and_flips_everywhere_at_go_live(
    client, home_with_message, message, seller, run_on_commit
):
    deck = message_slides_deck(message, run_on_commit=run_on_commit)
    go_live = timezone.now() + datetime.timedelta(hours=2)
    message.headline = NEW
    message.go_live_at = go_live
    with run_on_commit():
        revision = message.save_revision()
        revision.publish()  # with a future go_live_at, Wagtail schedules it

    # Prepared ahead: the release and the deck rendering exist, dated at go-live.
    release = MessageRelease.objects.get(revision=revision)
    assert release.live_from == go_live
    prepared = DeckRendering.objects.filter(deck=deck, live_from=go_live).get()
    assert prepared.message_revisions == {str(message.pk): revision.pk}

    def everywhere():
        page = client.get("/").content.decode()
        body = b"".join(signed_in(seller).get(deck.get_download_url()).streaming_content)
        title = Presentation(io.BytesIO(body)).slides[1].shapes.title.text
        return (NEW in page, OLD in page, title)

    assert everywhere() == (False, True, OLD)
    with mock.patch(
        "django.utils.timezone.now", return_value=go_live - datetime.timedelta(seconds=1)
    ):
        assert everywhere() == (False, True, OLD)
    with mock.patch(
        "django.utils.timezone.now", return_value=go_live + datetime.timedelta(seconds=1)
    ):
        assert everywhere() == (True, False, NEW)


def test_cancelling_a_schedule_withdraws_what_was_prepared(
    client, home_with_message, message, editor_client, run_on_commit
):
    message_slides_deck(message, run_on_commit=run_on_commit)
    message.headline = NEW
    message.go_live_at = timezone.now() + datetime.timedelta(hours=2)
    with run_on_commit():
        revision = message.save_revision()
        revision.publish()
    assert MessageRelease.objects.filter(revision=revision).exists()

    with run_on_commit():
        response = editor_client.post(
            f"/admin/messages/history/{message.pk}/revisions/{revision.pk}/unschedule/"
        )
    assert response.status_code == 302
    assert not MessageRelease.objects.filter(revision=revision).exists()
    assert not DeckRendering.objects.filter(live_from__gt=timezone.now()).exists()


# Exceptions: embargo and test variants ----------------------------------------------------------


def test_an_embargoed_message_is_never_public_nor_downloadable_by_sales(
    client, home_with_message, message, seller, make_user, run_on_commit
):
    deck = message_slides_deck(message, run_on_commit=run_on_commit)
    lift = timezone.now() + datetime.timedelta(days=3)
    publish(message, run_on_commit, embargo_until=lift)

    assert OLD not in client.get("/").content.decode()
    refused = signed_in(seller).get(deck.get_download_url())
    assert refused.status_code == 403
    assert "under embargo" in refused.content.decode()
    assert signed_in(make_user("Editors", "eda")).get(deck.get_download_url()).status_code == 200

    with mock.patch("django.utils.timezone.now", return_value=lift + datetime.timedelta(minutes=1)):
        assert OLD in client.get("/").content.decode()
        assert signed_in(seller).get(deck.get_download_url()).status_code == 200


def test_editors_preview_an_embargoed_message_on_the_site_and_in_a_draft_deck(
    home_with_message, message, make_user, run_on_commit
):
    deck = message_slides_deck(message, run_on_commit=run_on_commit, is_draft=True)
    message.headline, message.embargo_until = NEW, timezone.now() + datetime.timedelta(days=3)
    message.save_revision()  # a draft under embargo
    editor = signed_in(make_user("Editors", "eda"))

    preview = editor.get(f"/admin/messages/preview/{message.pk}/")
    assert preview.status_code == 200
    deck_preview = editor.get(f"/admin/decks/{deck.pk}/draft-preview/")
    assert NEW in deck_preview.content.decode()


def test_a_test_variant_runs_on_a_page_and_never_touches_decks(
    client, home, message, editor_client, run_on_commit
):
    deck = message_slides_deck(message, run_on_commit=run_on_commit)
    renderings_before = deck.renderings.count()
    variant = Message(
        name="Core story (test B)", headline=NEW, job="Cuts downtime.", variant_of=message
    )
    variant.save()
    publish(variant, run_on_commit)
    assert deck.renderings.count() == renderings_before

    home.story = [{"type": "message", "value": {"message": variant.pk, "parts": []}}]
    home.save_revision().publish()
    assert NEW in client.get("/").content.decode()

    block = SalesDeck._meta.get_field("slides").stream_block.child_blocks["message_slide"]
    with pytest.raises(StructBlockValidationError) as refused:
        block.clean({"message": variant, "parts": []})
    assert "Test variants run on chosen web pages only" in str(
        refused.value.block_errors["message"]
    )


# Brand template and failures ------------------------------------------------------------------


def test_a_brand_template_is_validated_and_its_layouts_are_used(
    editor_client, message, run_on_commit
):
    deck = message_slides_deck(message, run_on_commit=run_on_commit)
    brand = Presentation()
    brand.slide_width, brand.slide_height = Inches(13.333), Inches(7.5)  # widescreen
    upload = SimpleUploadedFile("brand.pptx", pptx_bytes(brand))
    with run_on_commit():
        response = editor_client.post(
            "/admin/deck-templates/add/", {"name": "Keelstone 2026", "file": upload}
        )
    assert response.status_code == 302
    with deck.current_rendering().file.open("rb") as file:
        rendered = Presentation(io.BytesIO(file.read()))
    assert rendered.slide_width == Inches(13.333)
    assert rendered.slides[1].shapes.title.text == OLD


@pytest.mark.parametrize(
    ("content", "error"),
    [
        (b"not a presentation at all", "not a PowerPoint (.pptx) file"),
        (b"PK\x03\x04broken zip", "not a PowerPoint (.pptx) file"),
        ("zip-without-pptx", "not a PowerPoint (.pptx) file"),
        ("one-layout", "at least two slide layouts"),
    ],
)
def test_a_broken_brand_template_is_refused_and_changes_nothing(editor_client, content, error):
    if content == "zip-without-pptx":
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("hello.txt", "hi")
        content = buffer.getvalue()
    elif content == "one-layout":
        presentation = Presentation()
        layouts = presentation.slide_layouts
        for layout in list(layouts)[1:]:
            layouts.remove(layout)
        content = pptx_bytes(presentation)
    response = editor_client.post(
        "/admin/deck-templates/add/",
        {"name": "Broken", "file": SimpleUploadedFile("brand.pptx", content)},
    )
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not DeckTemplate.objects.exists()


def test_an_oversized_template_is_refused(editor_client, settings):
    settings.MASTHEAD_MAX_PPTX_BYTES = 1000
    response = editor_client.post(
        "/admin/deck-templates/add/",
        {"name": "Huge", "file": SimpleUploadedFile("brand.pptx", pptx_bytes(Presentation()))},
    )
    assert "larger than" in response.content.decode()
    assert not DeckTemplate.objects.exists()


def test_a_failed_render_keeps_the_previous_deck_live_and_is_reported(
    message, editor_client, run_on_commit
):
    deck = message_slides_deck(message, run_on_commit=run_on_commit)
    good = deck.current_rendering()
    with mock.patch.object(decks, "write_pptx", side_effect=OSError("disk full")):
        publish(message, run_on_commit, headline=NEW)

    assert deck.current_rendering() == good
    last = deck.last_rendering()
    assert (last.status, last.error) == (RenderStatus.FAILED, "OSError: disk full")
    report = editor_client.get("/admin/message-consistency/").content.decode()
    assert 'data-failed-deck="first-meeting"' in report
    assert "disk full" in report
    assert 'data-stale-deck="first-meeting"' in report


def test_consistency_report_lists_messages_used_nowhere(editor_client, message, run_on_commit):
    unused = Message(name="Unused", headline="Nobody shows this.", job="Saves time.")
    unused.save()
    publish(unused, run_on_commit)
    message_slides_deck(message, run_on_commit=run_on_commit)
    report = editor_client.get("/admin/message-consistency/").content.decode()
    assert f'data-unused-message="{unused.pk}"' in report
    assert f'data-unused-message="{message.pk}"' not in report


def test_sales_cannot_open_the_consistency_report_or_edit_messages(seller, message):
    client = signed_in(seller)
    assert client.get("/admin/message-consistency/").status_code == 302
    assert client.get(f"/admin/messages/edit/{message.pk}/").status_code == 302


# Is my deck current? ---------------------------------------------------------------------------


def check(client, content, name="deck.pptx"):
    return client.post("/admin/deck-check/", {"file": SimpleUploadedFile(name, content)})


def test_deck_check_says_a_current_deck_is_current(seller, message, run_on_commit):
    deck = message_slides_deck(message, run_on_commit=run_on_commit)
    with deck.current_rendering().file.open("rb") as file:
        response = check(signed_in(seller), file.read())
    assert response.status_code == 200
    assert "Your deck is current" in response.content.decode()


def test_deck_check_lists_what_changed_in_an_old_deck(seller, message, run_on_commit):
    deck = message_slides_deck(message, run_on_commit=run_on_commit)
    with deck.current_rendering().file.open("rb") as file:
        old_copy = file.read()
    publish(message, run_on_commit, headline=NEW)

    html = check(signed_in(seller), old_copy).content.decode()
    assert "Your deck is out of date" in html
    assert "Core story" in html
    assert NEW in strip_tags(html)
    assert deck.get_download_url() in html


def test_deck_check_says_when_a_file_is_not_ours(seller):
    response = check(signed_in(seller), pptx_bytes(Presentation()))
    assert response.status_code == 400
    assert "This file was not made by Masthead" in response.content.decode()


@pytest.mark.parametrize("content", [b"plain text", b"PK\x03\x04junk", b"", b"\x00" * 100])
def test_deck_check_refuses_a_file_that_is_not_a_pptx(seller, content):
    response = check(signed_in(seller), content)
    assert response.status_code == 400
    assert "Traceback" not in response.content.decode()


def test_deck_check_refuses_an_oversized_upload(seller, settings):
    settings.MASTHEAD_MAX_PPTX_BYTES = 100
    response = check(signed_in(seller), pptx_bytes(Presentation()))
    assert response.status_code == 400
    assert "larger than" in response.content.decode()


def test_release_is_idempotent(message):
    revision = message.live_revision
    release, renderings = sync.release(message, revision)
    again, more = sync.release(message, revision)
    assert (again, more) == (release, [])


# Wagtail's editorial features on messages ---------------------------------------------------------


def test_revisions_compare_lock_and_preview_work_on_messages(editor_client, message, run_on_commit):
    first = message.live_revision
    second = publish(message, run_on_commit, headline=NEW)

    compare = editor_client.get(
        f"/admin/messages/history/{message.pk}/revisions/compare/{first.pk}...{second.pk}/"
    )
    assert compare.status_code == 200
    assert NEW in compare.content.decode()

    form = {"name": message.name, "headline": NEW, "job": message.job, "proof_points-count": 0}
    assert editor_client.post(f"/admin/messages/preview/{message.pk}/", form).json()["is_valid"]
    for mode in ("", "deck"):
        preview = editor_client.get(f"/admin/messages/preview/{message.pk}/", {"mode": mode})
        assert preview.status_code == 200
        assert NEW in preview.content.decode()

    assert editor_client.post(f"/admin/messages/lock/{message.pk}/").status_code == 302
    message.refresh_from_db()
    assert message.locked


def test_messages_go_through_a_moderation_workflow(editor_client, message, make_user):
    from django.contrib.auth.models import Group
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import GroupApprovalTask, Workflow, WorkflowContentType, WorkflowTask

    workflow = Workflow.objects.create(name="Message sign-off")
    task = GroupApprovalTask.objects.create(name="Head of marketing")
    task.groups.set([Group.objects.get(name="Administrators")])
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowContentType.objects.create(
        workflow=workflow, content_type=ContentType.objects.get_for_model(Message)
    )
    response = editor_client.post(
        f"/admin/messages/edit/{message.pk}/",
        {
            "name": message.name,
            "headline": NEW,
            "job": message.job,
            "proof_points-count": 0,
            "action-submit": "action-submit",
        },
    )
    assert response.status_code == 302
    message = Message.objects.get(pk=message.pk)
    assert message.workflow_in_progress
    assert message.headline == OLD  # nothing is live until the task is approved
