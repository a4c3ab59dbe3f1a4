"""A form page asks for an e-mail address and, if the editor wants, a name and topics: nothing else,
however the editor words it or whatever a visitor posts."""

import pytest
from django.core import mail
from wagtail.contrib.forms.models import FormSubmission
from wagtail.test.utils.form_data import nested_form_data, rich_text

from buyingstages.audience.forms import FORM_CONSENT_WORDING
from buyingstages.audience.models import Lead, MinimalFormPage
from tests.factories import TopicFactory
from tests.people import as_a_person

pytestmark = pytest.mark.django_db

ADD_FORM_PAGE = "/admin/pages/add/audience/minimalformpage/{}/"


def form_page_data():
    return nested_form_data(
        {
            "title": "Get the guide",
            "slug": "get-the-guide",
            "intro": rich_text("<p>We send it once.</p>"),
            "thank_you_text": rich_text("<p>Sent.</p>"),
            "ask_name": "on",
            "action-publish": "Publish",
        }
    )


# What an editor tried, to ask for more than Masthead asks: each is posted to the form builder as the
# old one took it (a field with a label, a type and choices). None of it can reach the form.
DISGUISES = {
    "form_fields-TOTAL_FORMS": "4",
    "form_fields-INITIAL_FORMS": "0",
    "form_fields-0-label": "Industry",
    "form_fields-0-field_type": "singleline",
    "form_fields-1-label": "How soon do you plan to buy?",
    "form_fields-1-field_type": "radio",
    "form_fields-1-choices": "This quarter\nThis year\nJust looking",
    "form_fields-2-label": "Anzahl der Werke",
    "form_fields-2-field_type": "number",
    "form_fields-3-label": "Topics",
    "form_fields-3-field_type": "checkboxes",
    "form_fields-3-choices": "Under 50k\n50k-250k\nOver 250k",
}


def test_whatever_an_editor_posts_the_form_asks_only_name_email_topics_and_consent(
    editor_client, client, home
):
    uptime = TopicFactory(name="Uptime")
    TopicFactory(name="Energy")
    data = {**form_page_data(), **DISGUISES, "topics": [uptime.pk]}
    response = editor_client.post(ADD_FORM_PAGE.format(home.pk), data)
    assert response.status_code == 302
    page = MinimalFormPage.objects.get()

    html = client.get(page.url).content.decode()
    for label in ("Your name", "Your e-mail address", "Uptime", FORM_CONSENT_WORDING):
        assert label in html
    for asked in ("Industry", "plan to buy", "Anzahl", "Under 50k", "Energy"):
        assert asked not in html
    inputs = {
        name
        for name in ("name", "email", "topics", "consent", "website", "shown")
        if f'name="{name}"' in html
    }
    assert inputs == {"name", "email", "topics", "consent", "website", "shown"}


def test_the_form_builder_says_why_there_is_nothing_to_add(editor_client, home):
    html = editor_client.get(ADD_FORM_PAGE.format(home.pk)).content.decode()
    assert "there are no other fields to" in html and "leave for a competitor" in html
    assert "form_fields-TOTAL_FORMS" not in html


def test_a_form_stores_only_what_it_asked(client, home, django_capture_on_commit_callbacks):
    uptime = TopicFactory(name="Uptime")
    page = home.add_child(instance=MinimalFormPage(title="Get the guide", slug="get-the-guide"))
    page.topics.add(uptime)
    page.save_revision().publish()

    client.post(
        page.url,
        as_a_person(
            {
                "name": "Ana",
                "email": "Ana@Example.com",
                "topics": [uptime.pk],
                "consent": "on",
                "company": "Acme",
                "phone": "555",
                "budget": "250k",
            }
        ),
    )

    submission = FormSubmission.objects.get()
    assert submission.form_data == {
        "name": "Ana",
        "email": "Ana@Example.com",
        "topics": ["Uptime"],
        "consent": FORM_CONSENT_WORDING,
    }
    assert Lead.objects.get().email == "ana@example.com"  # a known reader now, with data rights
    assert mail.outbox == []


def test_without_consent_nothing_is_kept(client, home):
    page = home.add_child(instance=MinimalFormPage(title="Get the guide", slug="get-the-guide"))
    response = client.post(page.url, as_a_person({"name": "Ana", "email": "ana@example.com"}))
    assert "We need your agreement" in response.content.decode()
    assert not FormSubmission.objects.exists() and not Lead.objects.exists()


def test_a_form_that_asks_no_name_has_no_name_field(client, home):
    page = home.add_child(
        instance=MinimalFormPage(title="Get the guide", slug="get-the-guide", ask_name=False)
    )
    html = client.get(page.url).content.decode()
    assert 'name="name"' not in html and 'name="topics"' not in html
    client.post(page.url, as_a_person({"email": "ana@example.com", "consent": "on"}))
    assert FormSubmission.objects.get().form_data["email"] == "ana@example.com"


def test_never_gated_stages_refuse_any_form_and_optional_ones_offer_it_beside_the_asset(
    client, home, library, stages
):
    from django.core.exceptions import ValidationError

    from buyingstages.taxonomy.models import DataCapturePolicy
    from tests.factories import AssetPageFactory

    form_page = home.add_child(
        instance=MinimalFormPage(title="E-mail me this", slug="email-me-this")
    )
    stages[0].policy = DataCapturePolicy.NEVER_GATED
    stages[0].save()
    stages[2].policy = DataCapturePolicy.OPTIONAL
    stages[2].save()

    with pytest.raises(ValidationError) as refused:
        AssetPageFactory(parent=library, stage=stages[0], offered_form=form_page)
    assert "still deciding whether they have a problem" in str(refused.value)

    asset = AssetPageFactory(parent=library, stage=stages[2], offered_form=form_page)
    html = client.get(asset.url).content.decode()
    assert "E-mail me this" in html and "everything above stays free to read" in html
    assert asset.title in html and "Why it matters" in html  # the asset itself is all there
