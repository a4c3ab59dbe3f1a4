"""Validating what the first-party script sends to POST /t/."""

import json
import re
import uuid

from buyingstages.audience import readers, variants
from buyingstages.audience.models import EventKind
from buyingstages.audience.scoring import Reading
from buyingstages.taxonomy.models import CAMPAIGN_SLUG

MAX_BODY_BYTES = 1024
MAX_SECTIONS = 500
SHARE_CODE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
BOT_WORDS = re.compile(
    r"bot|crawl|spider|slurp|preview|headless|lighthouse|pingdom|monitor|curl|wget|python-requests|httpclient",
    re.IGNORECASE,
)


class BadEvent(ValueError):
    pass


def is_bot(user_agent):
    """The only thing Masthead ever derives from a user agent; the string itself is never stored."""
    return not user_agent or bool(BOT_WORDS.search(user_agent))


def opted_out(headers):
    return headers.get("HTTP_DNT") == "1" or headers.get("HTTP_SEC_GPC") == "1"


def parse_object(body):
    if len(body) > MAX_BODY_BYTES:
        raise BadEvent(f"The event is larger than {MAX_BODY_BYTES} bytes.")
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError) as error:
        raise BadEvent("The event is not valid JSON.") from error
    if not isinstance(data, dict):
        raise BadEvent("The event must be a JSON object.")
    return data


def parse(body):
    """A Reading from the request body, or BadEvent saying what is wrong.

    "v" is the reader id the site issued (readers.py); "i" a fresh id for each event, so an event sent
    twice counts once.
    """
    data = parse_object(body)
    try:
        visitor_id = readers.reader_of(data.get("v"))
    except readers.NotIssued as error:
        raise BadEvent('"v" must be the reader id this site issued (POST /t/id/).') from error
    try:
        event_id = str(uuid.UUID(str(data.get("i", ""))))
    except ValueError as error:
        raise BadEvent('"i" must be a fresh id for each event.') from error
    kind = data.get("e")
    if kind not in EventKind.values:
        raise BadEvent(f'"e" must be one of: {", ".join(EventKind.values)}.')
    asset_id = data.get("p")
    if not isinstance(asset_id, int) or isinstance(asset_id, bool) or asset_id < 1:
        raise BadEvent('"p" must be the page id.')
    reading = {
        "visitor_id": visitor_id,
        "kind": kind,
        "asset_id": asset_id,
        "event_id": event_id,
        "campaign": campaign_of(data.get("u")),
    }
    if kind == EventKind.READ:
        seen, total = data.get("s"), data.get("n")
        if not all(
            isinstance(value, int) and not isinstance(value, bool) for value in (seen, total)
        ):
            raise BadEvent(
                'A read needs "s" (sections seen) and "n" (sections in all) as whole numbers.'
            )
        if not (1 <= total <= MAX_SECTIONS and 0 <= seen <= total):
            raise BadEvent(f'"s" must be between 0 and "n", and "n" between 1 and {MAX_SECTIONS}.')
        reading.update(sections_seen=seen, sections_total=total)
    if "t" in data:
        reading["story_variant"] = story_variant_of(data["t"])
    if kind == EventKind.SHARE_ARRIVAL:
        code = data.get("c")
        if not isinstance(code, str) or not SHARE_CODE.match(code):
            raise BadEvent('A share arrival needs "c", the share code.')
        reading["share_code"] = code
    return Reading(**reading), data.get("consent") is True


def campaign_of(value):
    """ "u" is the utm_campaign of the page's address: anything but a campaign slug's shape is ignored
    (the event still counts), so a mangled link costs the reader nothing."""
    return value if isinstance(value, str) and CAMPAIGN_SLUG.fullmatch(value) else ""


def story_variant_of(token):
    """ "t" is the version of a story under test the page showed, as the site signed it. A token that
    does not verify (signed before a SECRET_KEY rotation, kept by a tab left open, or forged) names no
    version: the event still counts, for no version, so reading is never lost for a bad label."""
    try:
        return variants.label_of(token)
    except variants.NotSigned:
        return None


def parse_held_id(body):
    """What a browser holds when it asks for a reader id: nothing, or the id it was given before."""
    data = parse_object(body) if body else {}
    held = data.get("v")
    if held is not None and not isinstance(held, str):
        raise BadEvent('"v" must be the id the browser holds, if any.')
    return held


def parse_vote(body):
    """(asset id, voter id, useful) from a "Was this useful?" answer, or BadEvent."""
    data = parse_object(body)
    try:
        voter = str(uuid.UUID(str(data.get("voter", ""))))
    except ValueError as error:
        raise BadEvent('"voter" must be the id the script generated.') from error
    asset_id = data.get("p")
    if not isinstance(asset_id, int) or isinstance(asset_id, bool) or asset_id < 1:
        raise BadEvent('"p" must be the page id.')
    if not isinstance(data.get("useful"), bool):
        raise BadEvent('"useful" must be true or false.')
    return asset_id, voter, data["useful"]


def parse_survey_answer(body):
    """(survey id, voter id, choice index) from a survey answer, or BadEvent."""
    data = parse_object(body)
    try:
        voter = str(uuid.UUID(str(data.get("voter", ""))))
    except ValueError as error:
        raise BadEvent('"voter" must be the id the script generated.') from error
    survey_id, choice = data.get("survey"), data.get("choice")
    for name, value in (("survey", survey_id), ("choice", choice)):
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise BadEvent(f'"{name}" must be a whole number.')
    return survey_id, voter, choice
