"""Decks as PDF: made from the .pptx in the worker, served beside it, and never in its way."""

import os
import shutil
import subprocess
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from publishing.messaging import pdf
from publishing.messaging.models import Message, SalesDeck

pytestmark = pytest.mark.django_db

TITLE, HEADLINE = "Plant visit deck", "Every plant runs on one trusted schedule."
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")


def needs(tool, package):
    if tool is None:
        message = f"deck PDFs need {package}"
        if os.environ.get("CI"):
            pytest.fail(f"{message}; .ci/run must install it")
        print(f"skipped: {message}")  # noqa: T201 (the reason shows with pytest -s)
        pytest.skip(message)


@pytest.fixture(autouse=True)
def deck_pdfs_on(settings):
    settings.MASTHEAD_DECK_PDFS = True  # however the test settings set it for the rest of the suite


def make_deck(run_on_commit):
    message = Message(name="Core story", headline=HEADLINE, job="Cuts unplanned downtime.")
    message.save()
    with run_on_commit():
        message.save_revision().publish()
    deck = SalesDeck(
        slug="plant-visit",
        title=TITLE,
        slides=[{"type": "message_slide", "value": {"message": message.pk, "parts": []}}],
    )
    with run_on_commit():
        deck.save()  # rendered, switched live, then its PDF made: the worker's path, run inline
    return deck


@pytest.fixture
def deck(run_on_commit):
    return make_deck(run_on_commit)


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def pdf_url(deck):
    return f"/sales/decks/{deck.slug}.pdf"


def test_a_rendered_deck_gets_a_pdf_showing_its_title_and_headline(deck, tmp_path):
    needs(SOFFICE, "LibreOffice Impress (apt-get install libreoffice-impress-nogui)")
    needs(PDFTOTEXT, "poppler (apt-get install poppler-utils)")
    rendering = deck.current_rendering()
    assert rendering.file and rendering.pdf
    assert rendering.pdf.name.endswith(".pdf")
    saved = tmp_path / "deck.pdf"
    with rendering.pdf.open("rb") as file:
        saved.write_bytes(file.read())
    text = subprocess.run(  # noqa: S603
        [PDFTOTEXT, str(saved), "-"], check=True, capture_output=True, timeout=60
    ).stdout.decode()
    assert TITLE in text
    assert HEADLINE in " ".join(text.split())  # the headline may wrap


def test_sales_download_the_pdf_and_others_are_refused_as_for_the_pptx(deck, make_user, client):
    needs(SOFFICE, "LibreOffice Impress (apt-get install libreoffice-impress-nogui)")
    response = signed_in(make_user("Sales", "sam")).get(pdf_url(deck))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="plant-visit.pdf"'
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content).startswith(b"%PDF")

    anonymous = client.get(pdf_url(deck))
    assert anonymous.status_code == client.get(deck.get_download_url()).status_code == 302
    assert anonymous["Location"].startswith("/admin/login/")
    visitor = signed_in(get_user_model().objects.create_user("vic", password="pw"))
    assert visitor.get(pdf_url(deck)).status_code == 403
    assert visitor.get(deck.get_download_url()).status_code == 403


def test_without_libreoffice_the_deck_goes_live_and_its_pdf_is_being_prepared(
    run_on_commit, make_user, caplog
):
    failure = pdf.ConversionFailed("LibreOffice (soffice) is not installed.")
    with mock.patch.object(pdf, "pptx_to_pdf", side_effect=failure) as convert:
        deck = make_deck(run_on_commit)
    assert convert.call_count == 1  # once per stored .pptx, not again when it is switched live
    rendering = deck.current_rendering()
    assert rendering is not None and rendering.file
    assert not rendering.pdf
    assert "LibreOffice (soffice) is not installed" in caplog.text

    seller = signed_in(make_user("Sales", "sam"))
    assert seller.get(deck.get_download_url()).status_code == 200
    response = seller.get(pdf_url(deck))
    assert response.status_code == 404
    assert "being prepared" in response.content.decode()


def test_the_deck_page_links_its_pdf_beside_the_pptx(deck, make_user):
    html = signed_in(make_user("Sales", "sam")).get(deck.get_slides_url()).content.decode()
    assert deck.get_download_url() in html
    assert f'href="{pdf_url(deck)}"' in html
