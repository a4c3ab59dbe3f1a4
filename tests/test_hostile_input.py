"""Hostile text and parameters: HTML and script in every text field come out escaped everywhere they are
shown (pages, feeds, the ICS, decks), and odd feed parameters and CSV files get a clear answer."""

import datetime
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from buyingstages.audience.models import Lead
from publishing.calendar.models import CalendarEntry, CalendarFeedToken
from publishing.messaging.models import DeckTemplate, Message, SalesDeck
from tests.factories import AssetPageFactory, CalendarEntryFactory, TopicFactory, section
from tests.people import as_a_person

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'
FUZZ = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture
def hostile_asset(library, stages):
    topic = TopicFactory(name=f"Topic {SCRIPT}", slug="hostile-topic")
    return AssetPageFactory(
        parent=library,
        stage=stages[1],
        title=f"Title {SCRIPT}",
        summary=f"Summary {SCRIPT}",
        slug="hostile",
        topics=[topic],
        body=[section("Why it matters", "Plain words.")],
    )


def assert_escaped(text):
    """The hostile markup never appears as markup (pages have their own, first-party scripts)."""
    assert '<script>alert("x")' not in text
    assert "<img src=x onerror" not in text


def test_pages_hubs_search_and_feeds_escape_hostile_text(client, hostile_asset, library):
    urls = [
        hostile_asset.url,
        library.url,
        library.url + "topic/hostile-topic/",
        library.url + "topic/hostile-topic/feed/rss/",
        library.url + "topic/hostile-topic/feed/atom/",
        "/search/?q=Title",
        "/",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert "Title" in body, url
        assert_escaped(body)


def test_the_admin_listings_escape_hostile_text(editor_client, hostile_asset):
    for url in ("/admin/assets/", "/admin/sales/library/", "/admin/reports/content-audit/"):
        response = editor_client.get(url)
        assert response.status_code == 200, url
        assert_escaped(response.content.decode())


def test_the_ics_feed_carries_hostile_text_as_plain_text(client, stages, make_user):
    user = make_user("Editors", "ed")
    _, secret = CalendarFeedToken.issue(user)
    CalendarEntryFactory(
        title=f"Plan {SCRIPT}\r\nBEGIN:VEVENT",
        stage=stages[0],
        publish_at=timezone.now() + datetime.timedelta(days=30),  # inside the feed's window
    )
    body = client.get(f"/calendar/feeds/{secret}.ics").content.decode()
    from icalendar import Calendar

    [event] = [
        c
        for c in Calendar.from_ical(body).walk("VEVENT")
        if str(c["SUMMARY"]).startswith("Publish")
    ]
    assert str(event["SUMMARY"]) == f"Publish: Plan {SCRIPT}\nBEGIN:VEVENT"
    # The text's line break is escaped (\n), so it cannot open a component of its own.
    real_components = [line for line in body.split("\r\n") if line == "BEGIN:VEVENT"]
    assert len(real_components) == len(Calendar.from_ical(body).walk("VEVENT"))


def test_decks_carry_hostile_text_as_text(
    make_user, hostile_asset, django_capture_on_commit_callbacks
):
    message = Message(name="Hostile", headline=f"Headline {SCRIPT}", job="Saves time.")
    message.save()
    with django_capture_on_commit_callbacks(execute=True):
        message.save_revision().publish()
        deck = SalesDeck.objects.create(
            slug="hostile",
            title=f"Deck {SCRIPT}",
            slides=[
                {"type": "message_slide", "value": {"message": message.pk, "parts": []}},
                {"type": "asset_slide", "value": {"asset": hostile_asset.pk}},
            ],
        )
    rendering = deck.current_rendering()
    assert_escaped(rendering.html)
    with rendering.file.open("rb") as file, zipfile.ZipFile(io.BytesIO(file.read())) as archive:
        slide_xml = archive.read("ppt/slides/slide2.xml").decode()
    assert "Headline &lt;script&gt;" in slide_xml  # XML-escaped text, not markup


@FUZZ
@given(
    params=st.dictionaries(
        st.sampled_from(["stage", "topic", "owner", "x"]),
        st.text(max_size=60) | st.sampled_from(["me", "../../etc", "%00", "'; DROP TABLE x;--"]),
        max_size=3,
    )
)
def test_ics_parameters_never_error(client, make_user, params):
    user = get_or_make(make_user)
    _, secret = CalendarFeedToken.issue(user)
    clean = {key: value.replace("\x00", "") for key, value in params.items()}
    response = client.get(f"/calendar/feeds/{secret}.ics", clean)
    assert response.status_code in (200, 400)


def get_or_make(make_user):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(username="feeder").first() or make_user(
        "Editors", "feeder"
    )


@FUZZ
@given(content=st.binary(max_size=600) | st.text(max_size=400).map(str.encode))
def test_csv_import_answers_any_file_clearly_and_all_or_nothing(editor_client, content):
    before = CalendarEntry.objects.count()
    response = editor_client.post(
        "/admin/calendar/import/",
        {"file": SimpleUploadedFile("plan.csv", content, content_type="text/csv")},
    )
    assert response.status_code in (200, 302, 400)
    if response.status_code != 302:
        assert CalendarEntry.objects.count() == before


def test_uploaded_file_names_cannot_climb_out_of_their_folder(editor_client, settings):
    from pptx import Presentation

    buffer = io.BytesIO()
    Presentation().save(buffer)
    response = editor_client.post(
        "/admin/deck-templates/add/",
        {"name": "Brand", "file": SimpleUploadedFile("../../../etc/evil.pptx", buffer.getvalue())},
    )
    assert response.status_code == 302
    stored = DeckTemplate.objects.get().file
    assert stored.name.startswith("deck-templates/")
    assert ".." not in stored.name
    assert stored.path.startswith(str(settings.PRIVATE_MEDIA_ROOT))  # templates are private files


def test_a_hostile_name_is_kept_as_text_and_shown_escaped_to_sales(client, home, make_user):
    topic = TopicFactory(name="Uptime", slug="uptime")
    response = client.post(
        "/subscribe/",
        as_a_person(
            {
                "name": SCRIPT[:90],
                "email": "x@example.com",
                "cadence": "monthly",
                "consent": "on",
                "topics": [topic.pk],
            }
        ),
    )
    assert response.status_code == 200
    lead = Lead.objects.get(email="x@example.com")
    assert lead.name == SCRIPT[:90]  # plain text, not cleaned into something else
    lead.mark_sales_ready("Strong signal")
    client.force_login(make_user("Sales", "sam"))
    for url in ("/admin/sales/inbox/", f"/admin/sales/inbox/inspect/{lead.pk}/"):
        page = client.get(url)
        assert page.status_code == 200
        assert_escaped(page.content.decode())
