import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from taggit.models import TaggedItem
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, Site

from buyingstages.models import (
    AssetDownload,
    AssetFormat,
    AssetPage,
    AssetTopic,
    BuyingStage,
    Persona,
    Segment,
    Topic,
)
from cms.models import HomePage
from publishing.models import CalendarEntry

pytestmark = pytest.mark.django_db

COUNTED = [
    Page, AssetPage, Revision, BuyingStage, Persona, Segment, Topic, AssetTopic, TaggedItem,
    AssetDownload, get_image_model(), get_document_model(), get_user_model(), Site, CalendarEntry,
]  # fmt: skip


def counts():
    return {model.__name__: model.objects.count() for model in COUNTED}


def seed(*args):
    out = io.StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def test_seed_demo_twice_leaves_identical_counts():
    seed("--users")
    first = counts()
    seed("--users")
    assert counts() == first


def test_demo_content_covers_every_stage_persona_and_format():
    seed()
    assets = AssetPage.objects.live()
    assert assets.count() >= 40
    assert BuyingStage.objects.count() == 7
    assert Topic.objects.count() == 8
    assert not BuyingStage.objects.filter(assets__isnull=True).exists()
    assert not Persona.objects.filter(assets__isnull=True).exists()
    assert set(assets.values_list("format", flat=True)) == set(AssetFormat.values)
    assert assets.filter(downloads__isnull=False).exists()
    assert all(asset.hero_image_id for asset in assets)
    assert assets.filter(signal_weight__gt=0).count() == 3
    assert CalendarEntry.objects.backlog().exists() and CalendarEntry.objects.open_slots().exists()
    home = HomePage.objects.get()
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk


def test_demo_downloads_are_real_pdfs_anyone_can_fetch(client):
    seed()
    download = AssetDownload.objects.select_related("document").first()
    response = client.get(download.document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_seed_demo_prints_logins_only_when_asked():
    assert "masthead-editor" not in seed()
    assert not get_user_model().objects.exists()
    output = seed("--users")
    assert "editor" in output and "masthead-sales" in output
    editor = get_user_model().objects.get(username="editor")
    assert editor.check_password("masthead-editor")
    assert list(editor.groups.values_list("name", flat=True)) == ["Editors"]


def test_scale_adds_benchmark_assets_idempotently():
    seed("--scale", "5")
    total = AssetPage.objects.count()
    seed("--scale", "5")
    assert AssetPage.objects.count() == total
    assert AssetPage.objects.filter(slug__startswith="scale-").count() == 5
