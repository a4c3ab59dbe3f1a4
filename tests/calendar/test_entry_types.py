"""Entry types: any kind of work on the calendar, each saying what it needs; pages planned in
Wagtail without an entry show read-only."""

import datetime

import pytest
from django.utils import timezone

from publishing.calendar.exchange import COLUMNS, export_entries, import_entries
from publishing.calendar.models import CalendarEntry, EntryType, Status
from tests.factories import AssetPageFactory, CalendarEntryFactory
from tests.listings import listing_rows

pytestmark = pytest.mark.django_db


def at(day, hour=9):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def form(stage, **values):
    data = {
        "title": "Plant data live", "brief": "", "stage": stage.pk, "format": "", "length": "",
        "channel": "website", "owner": "", "status": Status.objects.get(slug="idea").pk,
        "publish_at": "2027-03-02 09:00", "draft_due": "", "review_due": "", "entry_type": "",
        "start_time": "", "registration_url": "", "network": "", "post_text": "", "repeat": "",
        "repeat_every": "", "repeat_until": "",
    }  # fmt: skip
    data.update(values)
    return data


def kind(slug):
    return str(EntryType.objects.get(slug=slug).pk)


def test_the_built_in_types_are_there_in_order():
    assert list(EntryType.objects.values_list("name", flat=True)) == [
        "Asset page", "Other page", "Webinar", "Event", "E-mail", "Social post",
    ]  # fmt: skip


def test_a_webinar_needs_a_start_time_and_a_registration_page(editor_client, stages):
    url = "/admin/calendar/entries/new/"
    refused = editor_client.post(url, form(stages[2], entry_type=kind("webinar")))
    assert refused.status_code == 200 and not CalendarEntry.objects.exists()
    page = refused.content.decode()
    assert "A webinar needs a start time." in page
    assert "A webinar needs the address of its registration page." in page

    done = editor_client.post(
        url,
        form(
            stages[2], entry_type=kind("webinar"), start_time="15:30",
            registration_url="https://example.com/register",
        ),
    )  # fmt: skip
    assert done.status_code == 302
    webinar = CalendarEntry.objects.get()
    assert timezone.localtime(webinar.publish_at).time() == datetime.time(15, 30)


def test_a_social_post_needs_its_network_and_text_within_the_network_limit(editor_client, stages):
    url = "/admin/calendar/entries/new/"
    refused = editor_client.post(url, form(stages[2], entry_type=kind("social-post")))
    assert "Choose the network the social post goes out on." in refused.content.decode()
    assert "Write the text of the social post." in refused.content.decode()
    too_long = editor_client.post(
        url, form(stages[2], entry_type=kind("social-post"), network="x", post_text="a" * 281)
    )
    assert "X posts are at most 280 characters; this one is 281." in too_long.content.decode()
    assert not CalendarEntry.objects.exists()
    done = editor_client.post(
        url, form(stages[2], entry_type=kind("social-post"), network="x", post_text="Out now.")
    )
    assert done.status_code == 302


def test_another_page_type_links_to_any_existing_page(editor_client, stages, home):
    url = "/admin/calendar/entries/new/"
    refused = editor_client.post(url, form(stages[2], entry_type=kind("other-page")))
    assert "Choose the page an other page entry is about." in refused.content.decode()
    done = editor_client.post(url, form(stages[2], entry_type=kind("other-page"), page=home.pk))
    assert done.status_code == 302
    assert CalendarEntry.objects.get().page_id == home.pk


def test_an_editor_adds_a_type_of_their_own(editor_client, stages):
    response = editor_client.post(
        "/admin/calendar-types/new/",
        {"name": "Podcast episode", "slug": "podcast", "sort_order": 70, "needs_start_time": "on"},
    )
    assert response.status_code == 302
    podcast = EntryType.objects.get(slug="podcast")
    refused = editor_client.post(
        "/admin/calendar/entries/new/", form(stages[2], entry_type=podcast.pk)
    )
    assert "A podcast episode needs a start time." in refused.content.decode()


def test_a_type_that_is_not_a_page_offers_no_draft_page(editor_client, stages, library):
    entry = CalendarEntryFactory(stage=stages[2], entry_type=EntryType.objects.get(slug="email"))
    response = editor_client.post(f"/admin/calendar/create-draft/{entry.pk}/", follow=True)
    assert "has no asset page to create" in response.content.decode()
    entry.refresh_from_db()
    assert entry.page_id is None


def test_pages_planned_in_wagtail_without_an_entry_show_read_only(
    editor_client, stages, library, django_assert_max_num_queries
):
    planned = AssetPageFactory(parent=library, stage=stages[1], title="Planned with an entry")
    CalendarEntryFactory(stage=stages[1], page=planned, publish_at=at(datetime.date(2027, 3, 3)))
    scheduled = AssetPageFactory(parent=library, stage=stages[1], title="Scheduled in Wagtail")
    scheduled.unpublish()
    scheduled.go_live_at = at(datetime.date(2027, 3, 10))
    scheduled.save()
    published = AssetPageFactory(parent=library, stage=stages[1], title="Published in Wagtail")
    type(published).objects.filter(pk=published.pk).update(
        first_published_at=at(datetime.date(2027, 3, 12))
    )
    events = editor_client.get("/admin/calendar/events/?start=2027-03-01&end=2027-03-31").json()
    pages = {event["title"]: event for event in events if event["id"].startswith("page-")}
    assert set(pages) == {"Scheduled in Wagtail", "Published in Wagtail"}
    assert pages["Scheduled in Wagtail"]["start"] == "2027-03-10"
    assert pages["Scheduled in Wagtail"]["editable"] is False
    assert pages["Published in Wagtail"]["extendedProps"]["statusName"] == "Published in Wagtail"
    # A filter is about entries: pages without one are left out then.
    filtered = editor_client.get(
        f"/admin/calendar/events/?start=2027-03-01&end=2027-03-31&stage={stages[1].pk}"
    ).json()
    assert not [event for event in filtered if event["id"].startswith("page-")]


def test_page_items_cost_one_query_however_many_pages(editor_client, stages, library):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        with CaptureQueriesContext(connection) as queries:
            editor_client.get("/admin/calendar/events/?start=2027-03-01&end=2027-03-31")
        return len(queries)

    def add(n):
        for _ in range(n):
            page = AssetPageFactory(parent=library, stage=stages[1])
            page.unpublish()
            page.go_live_at = at(datetime.date(2027, 3, 10))
            page.save()

    add(1)
    small = count()
    add(20)
    assert count() == small


def test_types_and_their_needs_travel_through_csv(stages):
    webinar = CalendarEntryFactory(
        stage=stages[2], entry_type=EntryType.objects.get(slug="webinar"),
        publish_at=at(datetime.date(2027, 3, 2), 15), start_time=datetime.time(15),
        registration_url="https://example.com/r", repeat="monthly_weekday", repeat_every=1,
    )  # fmt: skip
    text = export_entries(CalendarEntry.objects.with_calendar_data())
    assert "Webinar" in text and "monthly_weekday" in text and "15:00" in text
    line = ",".join(COLUMNS) + "\n" + ",".join(
        {"title": "Weekly post", "type": "Social post", "network": "LinkedIn", "post_text": "Hello",
         "publish_at": "2027-03-03 10:00", "repeat": "weekly", "status": "Planned"}.get(c, "")
        for c in COLUMNS
    )  # fmt: skip
    assert import_entries(line.encode()) == (1, [])
    post = CalendarEntry.objects.exclude(pk=webinar.pk).get()
    assert (post.entry_type.slug, post.network, post.repeat, post.status.slug) == (
        "social-post", "linkedin", "weekly", "planned",
    )  # fmt: skip
    refused = (
        ",".join(COLUMNS)
        + "\n"
        + ",".join(
            {"title": "No text", "type": "Social post", "network": "x"}.get(c, "") for c in COLUMNS
        )
    )
    written, errors = import_entries(refused.encode())
    assert written == 0 and "Write the text of the social post." in errors[0]


def test_deleting_a_type_entries_use_is_refused_even_when_the_reference_index_missed_them(
    admin_client, stages
):
    from wagtail.models import ReferenceIndex

    webinar = EntryType.objects.get(slug="webinar")
    CalendarEntryFactory(stage=stages[0], entry_type=webinar)
    CalendarEntryFactory(stage=stages[0], entry_type=webinar)
    ReferenceIndex.objects.all().delete()
    url = f"/admin/calendar-types/delete/{webinar.pk}/"
    assert "2 calendar entries use the type" in admin_client.get(url).content.decode()
    refused = admin_client.post(url, follow=True)
    assert refused.redirect_chain == [(url, 302)]
    assert "give them another type first" in " ".join(str(m) for m in refused.context["messages"])
    assert EntryType.objects.filter(pk=webinar.pk).exists()


def test_the_types_listing_answers_yes_or_no_in_words(editor_client):
    """Not Python's True/False, and no red cross: "no" is an answer, not an error."""
    response = editor_client.get("/admin/calendar-types/")
    rows = {row["Name"]: row for row in listing_rows(response)}
    assert rows["Asset page"]["Makes an asset page"] == "Yes"
    assert rows["Webinar"]["Makes an asset page"] == "No"
    assert rows["Webinar"]["Needs a start time"] == "Yes"
    assert rows["Social post"]["Needs a network"] == "Yes"
    assert rows["E-mail"]["Needs a network"] == "No"
    assert "True" not in response.content.decode() and "False" not in response.content.decode()
