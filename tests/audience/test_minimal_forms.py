import pytest
from wagtail.contrib.forms.models import FormSubmission
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from buyingstages.audience.minimal_forms import refusal
from buyingstages.audience.models import MinimalFormField, MinimalFormPage
from tests.people import as_a_person

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("label", "field_type"),
    [
        ("Name", "singleline"),
        ("Full name", "singleline"),
        ("Your e-mail", "email"),
        ("Which topics interest you?", "checkboxes"),
        ("I agree to receive e-mails", "checkbox"),
    ],
)
def test_name_email_topics_and_consent_are_allowed(label, field_type):
    assert refusal(label, field_type) is None


@pytest.mark.parametrize(
    ("label", "field_type", "what"),
    [
        ("Phone", "singleline", "phone"),
        ("TELEPHONE #", "singleline", "phone"),
        ("Mobile no.", "singleline", "phone"),
        ("Job-Title", "singleline", "job title"),
        ("Your role", "singleline", "job title"),
        ("Company name", "singleline", "company"),
        ("Organization", "singleline", "company"),
        ("Organisation", "singleline", "company"),
        ("Post code", "singleline", "postal address"),
        ("Street adress", "singleline", "postal address"),
        ("Ädresse", "singleline", "postal address"),
        ("Budget (€)", "singleline", "budget"),
        ("Level of interest", "singleline", "level of interest"),
        ("How interested are you?", "singleline", "level of interest"),
        ("Anything else?", "multiline", "free-text"),
        ("Employees", "number", "number field"),
        ("Seniority", "dropdown", "drop-down"),
        ("utm", "hidden", "hidden"),
    ],
)
def test_fields_for_data_we_never_ask_are_refused_with_a_reason(label, field_type, what):
    reason = refusal(label, field_type)
    assert what in reason
    assert "name, an e-mail address and topics" in reason


def test_a_field_named_innocently_but_keyed_as_phone_is_refused():
    assert "phone" in refusal("Best way to reach you", "singleline", name="phone_number")


def form_page_data(fields):
    return nested_form_data(
        {
            "title": "Get the guide",
            "slug": "get-the-guide",
            "intro": rich_text("<p>We send it once.</p>"),
            "thank_you_text": rich_text("<p>Sent.</p>"),
            "form_fields": inline_formset(
                [
                    {
                        "label": label,
                        "field_type": field_type,
                        "required": "on",
                        "choices": "",
                        "default_value": "",
                        "help_text": "",
                    }
                    for label, field_type in fields
                ]
            ),
            "action-publish": "Publish",
        }
    )


def test_the_admin_refuses_a_phone_field_and_explains_why(editor_client, home):
    response = editor_client.post(
        f"/admin/pages/add/audience/minimalformpage/{home.pk}/",
        form_page_data(
            [("Name", "singleline"), ("Email", "email"), ("Phone number", "singleline")]
        ),
    )
    assert response.status_code == 200
    assert "looks like a phone number" in response.content.decode()
    assert not MinimalFormPage.objects.exists()


def test_a_minimal_form_publishes_and_stores_only_its_own_fields(editor_client, client, home):
    response = editor_client.post(
        f"/admin/pages/add/audience/minimalformpage/{home.pk}/",
        form_page_data([("Name", "singleline"), ("Email", "email")]),
    )
    assert response.status_code == 302
    page = MinimalFormPage.objects.get()
    assert MinimalFormField.objects.filter(page=page).count() == 2

    client.post(
        page.url,
        as_a_person({"name": "Ana", "email": "ana@example.com", "company": "Acme", "phone": "555"}),
    )
    submission = FormSubmission.objects.get()
    assert submission.form_data == {"name": "Ana", "email": "ana@example.com"}
    from buyingstages.audience.models import Lead

    assert Lead.objects.get().email == "ana@example.com"  # a known reader now, with data rights


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
