"""Importing a CSV through the admin: upload, a preview of every line, then Apply, all or nothing."""

import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile

from publishing.calendar.models import CalendarEntry
from tests.factories import CalendarEntryFactory, CampaignFactory, SegmentFactory

pytestmark = pytest.mark.django_db

URL = "/admin/calendar/import/"


def upload(client, text):
    return client.post(
        URL, {"file": SimpleUploadedFile("plan.csv", text.encode(), content_type="text/csv")}
    )


def apply_token(response):
    found = re.search(r'name="preview" value="([^"]+)"', response.content.decode())
    return found and found.group(1)


def preview_rows(response):
    """Each previewed line as its cells' text, tags stripped."""
    html = response.content.decode()
    return [
        [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", cell)).strip() for cell in cells]
        for cells in (
            re.findall(r"<td>(.*?)</td>", row, re.S)
            for row in re.findall(r'<tr class="import-\w+">(.*?)</tr>', html, re.S)
        )
    ]


@pytest.fixture
def entries(stages):
    return [
        CalendarEntryFactory(title="Keep me", stage=stages[0]),
        CalendarEntryFactory(title="Move me", stage=stages[1]),
    ]


@pytest.fixture
def plan_file(entries):
    keep, move = entries
    return (
        "id,title,stage\r\n"
        f"{keep.pk},Keep me,epiphany\r\n"
        f"{move.pk},Move me,interest\r\n"
        ",Brand new,advocacy\r\n"
    )


def test_the_preview_shows_each_line_and_writes_nothing(editor_client, plan_file, entries):
    response = upload(editor_client, plan_file)

    assert response.status_code == 200
    assert preview_rows(response) == [
        ["Line 2", "No change", "Keep me", ""],
        ["Line 3", "Update", "Move me", "stage : Awareness → Interest"],
        ["Line 4", "Create", "Brand new", "stage : Advocacy"],
    ]
    assert "1 to create, 1 to update, 1 unchanged, 0 refused" in response.content.decode()
    assert apply_token(response)
    assert CalendarEntry.objects.count() == 2
    assert CalendarEntry.objects.get(pk=entries[1].pk).stage == entries[1].stage


def test_apply_writes_what_the_preview_showed(editor_client, plan_file, entries, stages):
    token = apply_token(upload(editor_client, plan_file))

    response = editor_client.post(URL, {"preview": token})

    assert response.status_code == 302 and response["Location"] == "/admin/calendar/"
    assert CalendarEntry.objects.count() == 3
    assert CalendarEntry.objects.get(pk=entries[1].pk).stage == stages[2]
    assert CalendarEntry.objects.get(title="Brand new").stage == stages[6]
    assert CalendarEntry.objects.get(pk=entries[0].pk).version == 1  # unchanged, not rewritten


def test_a_refused_line_means_no_apply_and_nothing_written(editor_client, plan_file, entries):
    response = upload(editor_client, plan_file + "999999,Ghost,epiphany\r\n,Lost,nowhere\r\n")

    assert response.status_code == 400
    html = response.content.decode()
    assert "Nothing will be written until the file is fixed" in html
    assert preview_rows(response)[3:] == [
        [
            "Line 5",
            "Refused",
            "Ghost",
            "there is no entry with id “999999” (to add it as a new entry, empty its id)",
        ],
        ["Line 6", "Refused", "Lost", "unknown stage “nowhere”"],
    ]
    assert apply_token(response) is None
    assert CalendarEntry.objects.count() == 2


def test_the_preview_shows_campaigns_and_segments_and_refuses_unknown_ones(editor_client, entries):
    keep, move = entries
    CampaignFactory(name="Spring launch", slug="spring")
    SegmentFactory(name="Retail"), SegmentFactory(name="Public sector")
    text = (
        "id,title,campaign,segments\r\n"
        f"{keep.pk},Keep me,Spring launch,retail;public-sector\r\n"
        f"{move.pk},Move me,Winter sale,\r\n"
        ",Brand new,spring,Utilities\r\n"
    )

    response = upload(editor_client, text)

    assert response.status_code == 400
    assert preview_rows(response) == [
        [
            "Line 2",
            "Update",
            "Keep me",
            "campaign : — → Spring launch segments : — → Retail (industry), Public sector (industry)",
        ],
        ["Line 3", "Refused", "Move me", "unknown campaign “Winter sale”"],
        ["Line 4", "Refused", "Brand new", "unknown segment “Utilities”"],
    ]
    assert apply_token(response) is None
    assert not CalendarEntry.objects.filter(campaign__isnull=False).exists()

    fixed = text.replace("Winter sale", "spring").replace("Utilities", "Retail")
    assert (
        editor_client.post(URL, {"preview": apply_token(upload(editor_client, fixed))})["Location"]
        == "/admin/calendar/"
    )
    assert CalendarEntry.objects.filter(campaign__slug="spring").count() == 3
    assert list(
        CalendarEntry.objects.get(title="Brand new").segments.values_list("slug", flat=True)
    ) == ["retail"]


def test_apply_checks_the_file_again_and_writes_nothing_if_a_line_no_longer_fits(
    editor_client, plan_file, stages
):
    token = apply_token(upload(editor_client, plan_file))
    stages[6].delete()  # the stage the new entry names is gone by the time Apply is pressed

    response = editor_client.post(URL, {"preview": token})

    assert response.status_code == 409
    assert "Nothing was imported" in response.content.decode()
    assert ["Line 4", "Refused", "Brand new", "unknown stage “advocacy”"] in preview_rows(response)
    assert CalendarEntry.objects.count() == 2
    assert not CalendarEntry.objects.filter(stage=stages[2]).exists()  # line 3 not applied either


def test_an_entry_edited_after_the_preview_is_not_overwritten(editor_client, plan_file, entries):
    token = apply_token(upload(editor_client, plan_file))
    keep = entries[0]
    keep.brief = "Edited meanwhile"
    keep.save()

    response = editor_client.post(URL, {"preview": token})

    assert response.status_code == 409
    assert "the calendar changed since the preview" in response.content.decode()
    assert CalendarEntry.objects.count() == 2
    fresh = apply_token(response)  # the new preview can be applied, knowingly
    assert editor_client.post(URL, {"preview": fresh}).status_code == 302
    assert CalendarEntry.objects.get(pk=keep.pk).brief == "Edited meanwhile"
    assert CalendarEntry.objects.count() == 3


def test_a_preview_is_applied_once(editor_client, plan_file):
    token = apply_token(upload(editor_client, plan_file))
    assert editor_client.post(URL, {"preview": token}).status_code == 302

    again = editor_client.post(URL, {"preview": token})

    assert again.status_code == 409 and "imported already" in again.content.decode()
    assert CalendarEntry.objects.count() == 3


@pytest.mark.parametrize("token", ["", "forged", "eyJ1c2VyIjoxfQ:1abc:xyz"])
def test_a_preview_that_is_not_ours_is_refused(editor_client, plan_file, token):
    response = editor_client.post(URL, {"preview": token})

    assert response.status_code == 400
    assert "could not be verified" in response.content.decode()
    assert CalendarEntry.objects.count() == 2


def test_someone_else_s_preview_is_refused(client, editor_client, make_user, plan_file):
    token = apply_token(upload(editor_client, plan_file))
    client.force_login(make_user("Editors", "another-editor"))

    response = client.post(URL, {"preview": token})

    assert response.status_code == 400 and "someone else" in response.content.decode()
    assert CalendarEntry.objects.count() == 2


def test_a_person_who_may_only_add_entries_cannot_update_them(client, plan_file):
    from django.contrib.auth import get_user_model

    adders = Group.objects.create(name="Calendar adders")
    adders.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="add_calendarentry"),
        Permission.objects.get(codename="view_calendarentry"),
    )
    user = get_user_model().objects.create_user("adder", password="pw")
    user.groups.add(adders)
    client.force_login(user)

    response = upload(client, plan_file)

    assert response.status_code == 400
    assert "you may add entries but not change existing ones" in response.content.decode()


def test_uploading_nothing_is_a_400(editor_client):
    response = editor_client.post(URL, {})

    assert response.status_code == 400
    assert "This field is required" in response.content.decode()


def test_a_file_that_changes_nothing_offers_no_apply(editor_client, entries):
    keep, _ = entries
    response = upload(editor_client, f"id,title\n{keep.pk},Keep me\n")

    assert response.status_code == 200
    assert "The file changes nothing" in response.content.decode()
    assert apply_token(response) is None
