"""The only form a visitor ever meets: name, e-mail, topics, cadence, consent. Nothing else."""

from django import forms

from buyingstages.audience import readers
from buyingstages.audience.models import Cadence
from buyingstages.common.bots import BotTrapForm
from buyingstages.common.text import on_one_line
from buyingstages.taxonomy.models import Topic


class TopicsField(forms.ModelMultipleChoiceField):
    """Topics by id; an id too large for any database integer is refused before the query, where
    SQLite would raise OverflowError (Django guards `pk=` against that, not `pk__in=`)."""

    def clean(self, value):
        for pk in value if isinstance(value, list | tuple) else ():
            if len(str(pk)) > 18:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super().clean(value)


class ReaderIdField(forms.CharField):
    """The reader id the site issued, as the visitor id inside it; anything else is dropped (the
    subscription still goes ahead, without the reading history)."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, max_length=200, **kwargs)

    def clean(self, value):
        try:
            return readers.reader_of(super().clean(value))
        except readers.NotIssued:
            return None


class SubscribeForm(BotTrapForm):
    name = forms.CharField(max_length=100, strip=True)
    email = forms.EmailField(max_length=254)
    topics = TopicsField(
        queryset=Topic.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one topic."},
    )
    cadence = forms.ChoiceField(
        choices=Cadence.choices, initial=Cadence.MONTHLY, widget=forms.RadioSelect
    )
    consent = forms.BooleanField(
        error_messages={"required": "We need your agreement to e-mail you."},
    )
    # Filled in by the reading script, so the visitor's anonymous reading joins them on confirmation.
    visitor_id = ReaderIdField()

    def __init__(self, *args, consent_wording="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].label = consent_wording or "E-mail me new pieces on these topics."

    def clean_name(self):
        name = self.cleaned_data["name"]
        if any(ord(character) < 32 for character in name):
            raise forms.ValidationError("Please write your name on one line.")
        return name


class PreferencesForm(BotTrapForm):
    """A subscriber's topics and cadence, changed from the link in their e-mails."""

    topics = TopicsField(
        label="Your topics",
        queryset=Topic.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one topic, or unsubscribe below."},
    )
    cadence = forms.ChoiceField(
        label="How often", choices=Cadence.choices, widget=forms.RadioSelect
    )


FORM_CONSENT_WORDING = "You may keep my name and address to send what I asked for."


class MinimalForm(BotTrapForm):
    """What a form page asks: an e-mail address; a name and topics where the page asks for them;
    consent in fixed words (``MinimalFormPage``)."""

    name = forms.CharField(label="Your name", max_length=100, validators=[on_one_line])
    email = forms.EmailField(label="Your e-mail address", max_length=254)
    topics = TopicsField(
        label="Topics you would like",
        queryset=Topic.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    consent = forms.BooleanField(
        label=FORM_CONSENT_WORDING,
        error_messages={"required": "We need your agreement to keep your address."},
    )

    def __init__(self, *args, page, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if not page.ask_name:
            del self.fields["name"]
        offered = page.topics.order_by("name")
        if offered.exists():
            self.fields["topics"].queryset = offered
        else:
            del self.fields["topics"]


class PrivacyRequestForm(BotTrapForm):
    email = forms.EmailField(max_length=254, label="Your e-mail address")
    action = forms.ChoiceField(
        choices=[("export", "Send me a copy of my data"), ("erase", "Erase my data")],
        widget=forms.RadioSelect,
        initial="export",
    )
