"""Form pages an editor can build, limited by construction to name, e-mail, topics and consent."""

from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.forms.models import AbstractForm, AbstractFormField
from wagtail.fields import RichTextField

from buyingstages.audience.minimal_forms import refusal
from buyingstages.common import bots
from buyingstages.common.text import on_one_line


class MinimalFormField(AbstractFormField):
    page = ParentalKey(
        "audience.MinimalFormPage", on_delete=models.CASCADE, related_name="form_fields"
    )

    def clean(self):
        super().clean()
        reason = refusal(self.label, self.field_type, self.clean_name)
        if reason:
            raise ValidationError({"label": reason})


class MinimalFormPage(AbstractForm):
    """A sign-up or "e-mail me this" page; Wagtail stores only the fields defined here, never extras."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])
    thank_you_text = RichTextField(blank=True, features=["bold", "italic", "link"])

    subpage_types = []

    content_panels = [
        *AbstractForm.content_panels,
        FieldPanel("intro"),
        InlinePanel(
            "form_fields",
            label="Field",
            heading="Fields (name, e-mail, topics and consent only)",
        ),
        FieldPanel("thank_you_text"),
    ]

    class Meta:
        verbose_name = "minimal form page"

    def get_submissions_list_view_class(self):
        from buyingstages.audience.views import SafeSubmissionsListView

        return SafeSubmissionsListView

    def get_form(self, *args, **kwargs):
        form = super().get_form(*args, **kwargs)
        for field in self.form_fields.all():
            if field.field_type == "singleline":  # a name, which goes into e-mail headers
                form.fields[field.clean_name].validators.append(on_one_line)
        bots.add_trap_fields(form)
        return form

    def serve(self, request, *args, **kwargs):
        from buyingstages.common.throttling import over_limit, too_many_requests

        if request.method == "POST" and over_limit(request, "minimal_form", "10/m"):
            return too_many_requests(request)
        if request.method == "POST" and bots.looks_automated(request.POST):
            return self.render_landing_page(request, None, *args, **kwargs)  # thanked; nothing kept
        return super().serve(request, *args, **kwargs)

    def process_form_submission(self, form):
        """Store the submission (defined fields only) and make its sender a known reader."""
        from buyingstages.audience.models.leads import Lead

        form.cleaned_data = bots.without_trap_fields(form.cleaned_data)
        submission = super().process_form_submission(form)
        email_fields = [
            field.clean_name for field in self.form_fields.all() if field.field_type == "email"
        ]
        name_fields = [
            field.clean_name for field in self.form_fields.all() if field.field_type == "singleline"
        ]
        email = next(
            (form.cleaned_data.get(name) for name in email_fields if form.cleaned_data.get(name)),
            "",
        )
        if email:
            name = next(
                (form.cleaned_data.get(n) for n in name_fields if form.cleaned_data.get(n)), ""
            )
            Lead.objects.get_or_create(email=email.strip().lower(), defaults={"name": name[:100]})
        return submission

    def clean(self):
        super().clean()
        types = [field.field_type for field in self.form_fields.all()]
        if types and types.count("email") != 1:
            raise ValidationError("A form needs exactly one e-mail field.")
