"""Form pages an editor can build: an e-mail address and, if wanted, a name and topics. Nothing else.

There is no field to add and nothing to relabel: the page says whether it asks for a name and which
taxonomy topics a reader may tick, and the form (``buyingstages.audience.forms.MinimalForm``) asks
exactly that, with consent in fixed words. So no wording, language or disguise can turn it into a
form that asks for a company, a budget or a timeline.
"""

from django import forms
from django.db import models
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractForm
from wagtail.fields import RichTextField

WHY_SO_FEW = (
    "<p>Masthead forms ask for an e-mail address and, if you like, a name and topics: nothing else. "
    "Buyers who are asked for more (a company, a role, a budget, a timeline) leave for a competitor, "
    "and what they read already tells us what they care about. So there are no other fields to "
    "add, and the questions keep their wording.</p>"
)
# The submission's columns, in order, as the admin's listing and its CSV show them.
DATA_FIELDS = [("name", "Name"), ("email", "E-mail"), ("topics", "Topics"), ("consent", "Consent")]


class MinimalFormPage(AbstractForm):
    """A sign-up or "e-mail me this" page; Wagtail stores only what the form asks, never extras."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])
    ask_name = models.BooleanField("ask for their name", default=True)
    topics = ParentalManyToManyField(
        "taxonomy.Topic",
        blank=True,
        related_name="+",
        help_text="The topics a reader may tick. None: the form does not ask about topics.",
    )
    thank_you_text = RichTextField(blank=True, features=["bold", "italic", "link"])

    subpage_types = []

    content_panels = [
        *AbstractForm.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                HelpPanel(WHY_SO_FEW),
                FieldPanel("ask_name"),
                FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
            ],
            heading="What the form asks (an e-mail address, always; consent in fixed words)",
        ),
        FieldPanel("thank_you_text"),
    ]

    class Meta:
        verbose_name = "minimal form page"

    def get_form_class(self):
        from buyingstages.audience.forms import MinimalForm

        return MinimalForm

    def get_form_fields(self):
        return []  # the form is MinimalForm's, not built from editable fields

    def get_data_fields(self):
        return [("submit_time", "Submission date"), *DATA_FIELDS]

    def get_submissions_list_view_class(self):
        from buyingstages.audience.views import SafeSubmissionsListView

        return SafeSubmissionsListView

    def serve(self, request, *args, **kwargs):
        from buyingstages.common import bots
        from buyingstages.common.throttling import over_limit, too_many_requests

        if request.method == "POST" and over_limit(request, "minimal_form", "10/m"):
            return too_many_requests(request)
        if request.method == "POST" and bots.looks_automated(request.POST):
            return self.render_landing_page(request, None, *args, **kwargs)  # thanked; nothing kept
        return super().serve(request, *args, **kwargs)

    def process_form_submission(self, form):
        """Store what the form asked (and nothing else), and make its sender a known reader."""
        from buyingstages.audience.models.leads import Lead

        data = form.cleaned_data
        stored = {
            "name": data.get("name", ""),
            "email": data["email"],
            "topics": [topic.name for topic in data.get("topics") or []],
            "consent": form.fields["consent"].label,
        }
        submission = self.get_submission_class().objects.create(form_data=stored, page=self)
        Lead.objects.get_or_create(
            email=data["email"].strip().lower(), defaults={"name": stored["name"][:100]}
        )
        return submission
