"""An editor builds a form page in the real admin: there is no field to add or relabel, the editor is
told why, and the published form asks a visitor only what the editor chose from what is allowed."""

import pytest
from playwright.sync_api import expect
from wagtail.contrib.forms.models import FormSubmission

from buyingstages.audience.models import MinimalFormPage
from buyingstages.common.bots import MIN_SECONDS
from buyingstages.taxonomy.models import Topic
from cms.home.models import HomePage
from tests.browser.signing_in import EDITOR_PASSWORD, EDITOR_USERNAME, log_in

pytestmark = pytest.mark.browser


def test_an_editor_cannot_add_or_relabel_a_question_and_is_told_why(
    page, new_page, demo_site, editor
):
    home = HomePage.objects.get()
    topics = list(Topic.objects.order_by("name")[:3])
    offered = topics[1]
    log_in(page, demo_site, EDITOR_USERNAME, EDITOR_PASSWORD)

    assert page.goto(f"{demo_site}/admin/pages/add/audience/minimalformpage/{home.pk}/").ok
    form = page.locator("form#page-edit-form")
    expect(form.get_by_text("there are no other fields to add")).to_be_visible()
    expect(form.get_by_text("the questions keep their wording")).to_be_visible()
    # Wagtail's form builder would offer "Add form fields" with a label and a type per question.
    expect(form.get_by_role("button", name="Add form fields")).to_have_count(0)
    expect(form.get_by_role("textbox", name="Label")).to_have_count(0)
    expect(form.get_by_role("combobox", name="Field type")).to_have_count(0)

    page.get_by_role("textbox", name="Title*").fill("Send me the plant data guide")
    page.get_by_label("Ask for their name").check()
    page.get_by_label(offered.name, exact=True).check()
    page.get_by_role("tab", name="Promote").click()
    page.get_by_role("textbox", name="Slug*").fill("plant-data-guide")
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("created and published")).to_be_visible()

    form_page = MinimalFormPage.objects.get(title="Send me the plant data guide")
    assert form_page.live and list(form_page.topics.all()) == [offered]

    # A visitor meets exactly: their name, their address, the one topic, the consent in fixed words.
    visitor = new_page(viewport={"width": 1280, "height": 900})
    assert visitor.goto(f"{demo_site}{form_page.url}").ok
    questions = visitor.locator("main form").locator(
        "input:not([type=hidden]):not([name=website]), select, textarea"
    )
    names = sorted({questions.nth(i).get_attribute("name") for i in range(questions.count())})
    assert names == ["consent", "email", "name", "topics"]
    expect(visitor.get_by_label(offered.name, exact=True)).to_be_visible()
    for other in (topics[0], topics[2]):
        expect(visitor.get_by_label(other.name, exact=True)).to_have_count(0)

    visitor.get_by_label("Your name").fill("Ana Ruiz")
    visitor.get_by_label("Your e-mail address").fill("ana@example.com")
    visitor.get_by_label(offered.name, exact=True).check()
    visitor.get_by_label("You may keep my name and address").check()
    visitor.wait_for_timeout(MIN_SECONDS * 1000 + 500)  # a person takes a moment over a form
    visitor.locator("main form").get_by_role("button").last.click()
    visitor.wait_for_load_state()

    [submission] = FormSubmission.objects.filter(page=form_page)
    stored = submission.get_data()
    assert set(stored) - {"submit_time"} == {"name", "email", "topics", "consent"}
    assert stored["email"] == "ana@example.com"
