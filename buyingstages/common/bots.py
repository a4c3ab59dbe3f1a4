"""Telling bots from people on the public forms, without telling the bots.

Two signs that people never show: a honeypot field hidden from them (bots fill in every field), and a
form sent back too soon after it was shown, or without the signed moment it was shown (a person takes
seconds to type a name and an address; a script posts at once). A form with either sign is answered
with the same thank-you a person gets, and nothing is stored or sent: the answer teaches a bot nothing.
"""

import time

from django import forms
from django.core import signing

HONEYPOT = "website"
SHOWN = "shown"
TRAP_FIELDS = (HONEYPOT, SHOWN)
MIN_SECONDS = 2
SALT = "masthead.common.bots.shown"


def shown_token(at=None):
    """The signed moment a form was shown, carried back by the form."""
    return signing.dumps(time.time() if at is None else at, salt=SALT)


def looks_automated(data, now=None):
    """Whether posted ``data`` shows a sign of a bot (see the module docstring)."""
    if data.get(HONEYPOT):
        return True
    try:
        shown = float(signing.loads(data.get(SHOWN, ""), salt=SALT))
    except (signing.BadSignature, TypeError, ValueError):
        return True
    return (time.time() if now is None else now) - shown < MIN_SECONDS


def add_trap_fields(form):
    """Add the honeypot and the moment shown to a form (a form page's, built by Wagtail)."""
    form.fields[HONEYPOT] = forms.CharField(
        required=False,
        label="Leave this empty",
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    form.fields[SHOWN] = forms.CharField(required=False, widget=forms.HiddenInput)
    form.initial.setdefault(SHOWN, shown_token())


def without_trap_fields(cleaned_data):
    return {name: value for name, value in cleaned_data.items() if name not in TRAP_FIELDS}


class BotTrapForm(forms.Form):
    """A public form with the honeypot and the moment shown; ask ``looks_automated()`` first."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        add_trap_fields(self)

    def looks_automated(self):
        return self.is_bound and looks_automated(self.data)

    def clean(self):
        return without_trap_fields(super().clean())
