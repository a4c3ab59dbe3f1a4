"""Files behind a login, an embargo or a draft are only ever served through a view that checks who asks."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from buyingstages.library.models import AssetDownload
from publishing.messaging import rendering
from publishing.messaging.models import SalesDeck
from tests.factories import AssetPageFactory

pytestmark = pytest.mark.django_db

Document = get_document_model()


def document(title):
    return Document.objects.create(
        title=title, file=ContentFile(b"%PDF-1.4 list", name=f"{title}.pdf")
    )


def offer(asset, *documents):
    for item in documents:
        AssetDownload.objects.create(page=asset, document=item)
    asset.save_revision().publish()  # what the editor does; Wagtail indexes the references


@pytest.fixture
def files(library, stages):
    public = document("white-paper")
    embargoed = document("EMBARGOED-price-list")
    offer(AssetPageFactory(parent=library, stage=stages[2], title="Live guide"), public)
    draft = AssetPageFactory(parent=library, stage=stages[4], title="Pricing, next quarter")
    offer(draft, embargoed)
    draft.unpublish()
    private = document("customer-only-runbook")
    behind_login = AssetPageFactory(parent=library, stage=stages[5], title="Customer runbook")
    offer(behind_login, private)
    behind_login.view_restrictions.create(restriction_type="login")
    return {"public": public, "embargoed": embargoed, "private": private}


def test_the_documents_api_lists_only_what_a_live_public_page_offers(client, files):
    listed = client.get("/api/v2/documents/").json()["items"]
    assert [item["title"] for item in listed] == ["white-paper"]
    for hidden in ("embargoed", "private"):
        assert client.get(f"/api/v2/documents/{files[hidden].pk}/").status_code == 404
    assert client.get("/api/v2/documents/", {"search": "EMBARGOED"}).json()["items"] == []


def test_readers_download_only_what_a_live_public_page_offers(client, files):
    assert client.get(files["public"].url).status_code == 200
    for hidden in ("embargoed", "private"):
        assert client.get(files[hidden].url).status_code == 404


def test_staff_who_work_with_documents_still_get_every_one(editor_client, files):
    for item in files.values():
        assert editor_client.get(item.url).status_code == 200


def test_the_images_api_lists_only_what_a_live_public_page_shows(client, library, stages):
    Image = get_image_model()
    shown = Image.objects.create(title="Plant floor", file=get_test_image_file("floor.png"))
    unshown = Image.objects.create(title="Unannounced product", file=get_test_image_file("new.png"))
    AssetPageFactory(parent=library, stage=stages[1], hero_image=shown).save_revision().publish()
    draft = AssetPageFactory(parent=library, stage=stages[1], hero_image=unshown)
    draft.save_revision().publish()
    draft.unpublish()

    listed = client.get("/api/v2/images/").json()["items"]
    assert [item["title"] for item in listed] == ["Plant floor"]


def test_a_rendered_deck_is_kept_out_of_the_public_media_folder(db):
    deck = SalesDeck.objects.create(slug="first", title="First meeting", slides=[])
    stored = rendering.render(deck)
    path = Path(stored.file.path).resolve()
    assert path.is_file()
    assert not path.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    assert path.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve())
