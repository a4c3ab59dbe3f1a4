"""Plain text as readers, feeds and files can carry it."""

import re

from django.core.exceptions import ValidationError

# What no reader sees and XML (feeds, .pptx, .docx) cannot carry: C0 control codes other than tab,
# line feed and carriage return, DEL, lone surrogates, and the non-characters U+FFFE and U+FFFF. NUL is
# left for Django's validators to refuse with a message.
CONTROL_CODES = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def without_control_codes(text):
    """Word's soft line break (vertical tab) and page break (form feed) become spaces; the other
    characters that XML feeds and .pptx files refuse are dropped."""
    if not text or not CONTROL_CODES.search(text):
        return text
    return CONTROL_CODES.sub(lambda found: " " if found.group() in "\x0b\x0c" else "", text)


def one_line(text):
    """Text for one line (an e-mail subject): each run of spaces and line breaks as one space."""
    return " ".join((text or "").split())


def on_one_line(value):
    """A validator for names and titles: a line break there would break an e-mail header."""
    if "\n" in value or "\r" in value:
        raise ValidationError("Please write this on one line.", code="line_break")
