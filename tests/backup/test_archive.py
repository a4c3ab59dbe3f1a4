"""Backup and restore: a round trip brings back content, calendar, messages, decks and leads."""

import io
import shutil
import zipfile

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command

from buyingstages.audience.models import Lead
from buyingstages.library.models import AssetPage
from buyingstages.sales.models import ShareLink
from cms.backup import archive as backup
from publishing.calendar.models import CalendarEntry
from publishing.messaging.models import Message, SalesDeck
from tests.factories import AssetPageFactory, CalendarEntryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def forget_content_types_after():
    """A restore makes content types afresh; the test's rollback brings the old ids back."""
    yield
    ContentType.objects.clear_cache()


@pytest.fixture
def content(library, stages, make_user, django_capture_on_commit_callbacks):
    asset = AssetPageFactory(parent=library, stage=stages[3], title="Fit check", slug="fit-check")
    CalendarEntryFactory(title="Next quarter's guide", stage=stages[2])
    lead = Lead.objects.create(name="Ana Ruiz", email="ana@example.com")
    lead.mark_sales_ready("Strong signal")
    ShareLink.for_owner(asset, make_user("Sales", "sam"))
    message = Message(name="Core story", headline="Plants hit plan.", job="Cuts downtime.")
    message.save()
    with django_capture_on_commit_callbacks(execute=True):
        message.save_revision().publish()
        SalesDeck.objects.create(
            slug="first",
            title="First",
            slides=[{"type": "message_slide", "value": {"message": message.pk, "parts": []}}],
        )
    return asset


def snapshot():
    deck = SalesDeck.objects.get(slug="first")
    rendering = deck.current_rendering()
    with rendering.file.open("rb") as file:
        pptx = file.read()
    return {
        "assets": sorted(AssetPage.objects.live().values_list("title", flat=True)),
        "calendar": sorted(CalendarEntry.objects.values_list("title", flat=True)),
        "leads": sorted(Lead.objects.values_list("email", "state")),
        "share links": sorted(ShareLink.objects.values_list("code", "owner__username")),
        "messages": sorted(Message.objects.values_list("name", "headline", "live")),
        "deck": (deck.title, rendering.message_revisions, len(pptx)),
    }


def test_round_trip_restores_everything(content, client, tmp_path):
    before = snapshot()
    path = tmp_path / "backup.zip"
    call_command("backup_content", str(path), stdout=io.StringIO())

    # Lose everything: content, files and all.
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)
    shutil.rmtree(settings.PRIVATE_MEDIA_ROOT, ignore_errors=True)
    AssetPage.objects.all().delete()
    Lead.objects.all().delete()
    Message.objects.all().delete()
    SalesDeck.objects.all().delete()
    CalendarEntry.objects.all().delete()

    call_command("restore_content", str(path), yes=True, stdout=io.StringIO())
    assert snapshot() == before
    assert client.get(AssetPage.objects.get(slug="fit-check").url).status_code == 200


def test_restore_asks_for_confirmation(tmp_path):
    with pytest.raises(CommandError, match="--yes"):
        call_command("restore_content", str(tmp_path / "x.zip"))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not a zip", "not a zip file"),
        ("empty-zip", "no manifest or data"),
        ("escaping-name", "unsafe file name"),
    ],
)
def test_a_bad_backup_is_refused_and_changes_nothing(content, message, tmp_path, library, stages):
    AssetPageFactory(parent=library, stage=stages[0], title="Still here")
    path = tmp_path / "bad.zip"
    if content == "empty-zip":
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("hello.txt", "hi")
    elif content == "escaping-name":
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("manifest.json", '{"masthead_backup": 1}')
            archive.writestr("data.json", "[]")
            archive.writestr("media/../../etc/evil", "x")
    else:
        path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        call_command("restore_content", str(path), yes=True)
    assert AssetPage.objects.filter(title="Still here").exists()


def test_backup_refuses_to_overwrite(tmp_path):
    path = tmp_path / "b.zip"
    path.write_bytes(b"")
    with pytest.raises(CommandError, match="already exists"):
        call_command("backup_content", str(path))


def test_backup_leaves_out_what_is_rebuilt(content, tmp_path):
    path = tmp_path / "backup.zip"
    backup.backup(path)
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        data = archive.read("data.json").decode()
    assert {"manifest.json", "data.json"} <= set(names)
    assert any(name.endswith(".pptx") for name in names)
    assert '"model": "sessions.session"' not in data
    assert '"model": "contenttypes.contenttype"' not in data
