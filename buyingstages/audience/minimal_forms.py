"""Why Masthead refuses form fields: the rule behind minimal-data forms, in one place."""

import re
import unicodedata

ALLOWED_TYPES = {
    "singleline": "your name",
    "email": "your e-mail address",
    "checkboxes": "the topics you want",
    "checkbox": "your consent",
}

# What buyers resent being asked, with the spellings editors use for it. Matched against the label and
# the field name with case, accents, spaces and punctuation removed.
FORBIDDEN = {
    "a postal address": r"add?ress|street|post(al)?code|zip|city|town|county|country|region|state|province",
    "a job title": r"job|title|role|position|designation|seniority|department",
    "a company": r"compan|organi[sz]ation|employer|business|firm|^org|org$",
    "a level of interest": r"interest(ed)?level|levelofinterest|howinterested|timeline|timeframe|readiness|"
    r"purchas|intent|needs|requirement",
    "a budget": r"budget|spend|price|revenue|turnover|headcount|employees",
    "a phone number": r"phone|mobile|tele|^tel|tel$|cell|whatsapp|sms|fax",
}
# Types that can only serve data we do not collect.
REFUSED_TYPES = {
    "multiline": "a free-text box invites an address or a sales brief",
    "number": "a number field asks for a budget, a headcount or a phone number",
    "url": "a web address identifies a company",
    "date": "a date asks for a timeline",
    "datetime": "a date asks for a timeline",
    "dropdown": "a drop-down asks for a role, a company size or an interest level",
    "multiselect": "a multi-select asks for a role or an interest level",
    "radio": "radio buttons ask for a role or an interest level",
    "hidden": "a hidden field collects data the reader cannot see",
}
WHY = (
    "Masthead forms ask for a name, an e-mail address and topics, nothing else: buyers who are asked for "
    "more leave for a competitor, and what they read already tells us what they care about."
)


def normalise(text):
    text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z]", "", text.lower())


def refusal(label, field_type, name=""):
    """The reason a form field is refused, or None if Masthead may ask for it."""
    if field_type in REFUSED_TYPES:
        return f"“{label}” cannot be a {field_type} field: {REFUSED_TYPES[field_type]}. {WHY}"
    if field_type not in ALLOWED_TYPES:
        return f"“{label}”: only name, e-mail, topic and consent fields are allowed. {WHY}"
    for text in {normalise(label), normalise(name)} - {""}:
        if (
            field_type == "checkbox"
            and "consent" in text
            or text in {"name", "fullname", "yourname"}
        ):
            continue
        for what, pattern in FORBIDDEN.items():
            if re.search(pattern, text):
                return f"“{label}” looks like {what}. {WHY}"
    return None
