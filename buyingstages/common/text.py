"""Plain text as readers, feeds and files can carry it."""

import re

# C0 control codes other than tab, line feed and carriage return, and DEL. NUL is left for Django's
# validators to refuse with a message.
CONTROL_CODES = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]")


def without_control_codes(text):
    """Word's soft line break (vertical tab) and page break (form feed) become spaces; the other
    control codes, which no reader sees and XML feeds and .pptx files refuse, are dropped."""
    if not text or not CONTROL_CODES.search(text):
        return text
    return CONTROL_CODES.sub(lambda found: " " if found.group() in "\x0b\x0c" else "", text)
