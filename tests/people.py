"""What a person sends: form data as their browser sends it back (see buyingstages/common/bots.py),
reading events as the page's script sends them to the beacon."""

import json
import time
import uuid

from buyingstages.common.bots import SHOWN, shown_token

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0"


def send_beacon(client, body, raw=None, **headers):
    """POST one reading event to the beacon as a browser does (``raw``: a body sent as it is)."""
    return client.post(
        "/t/",
        raw if raw is not None else json.dumps(body),
        content_type="application/json",
        headers={"User-Agent": BROWSER, **headers},
    )


def as_a_person(data):
    """``data`` with the moment the form was shown a minute earlier, as a person's browser sends it."""
    return {**data, SHOWN: shown_token(time.time() - 60)}


def reading_event(asset_id, kind="view", visitor=None, **fields):
    """A beacon event as the reading script sends it: the reader id the site issued (for ``visitor``,
    or a new reader) and a fresh id for the event."""
    from buyingstages.audience import readers

    return {
        "v": readers.sign(visitor or uuid.uuid4()),
        "i": str(uuid.uuid4()),
        "e": kind,
        "p": asset_id,
        **fields,
    }


def subscribe_and_confirm(client, topic, visitor, capture_on_commit, email="ana@example.com"):
    """Subscribe on the site's form from the browser that read as ``visitor``, then confirm by the
    e-mail's link, as a reader does. Returns the lead."""
    import re

    from django.core import mail

    from buyingstages.audience import readers
    from buyingstages.audience.models import Lead

    with capture_on_commit(execute=True):
        client.post(
            "/subscribe/",
            as_a_person(
                {
                    "name": "Ana Ruiz",
                    "email": email,
                    "topics": [topic.pk],
                    "cadence": "weekly",
                    "consent": "on",
                    "visitor_id": readers.sign(visitor),
                }
            ),
        )
    path = re.search(r"http://testserver(/subscribe/confirm/[^/\s]+/)", mail.outbox[-1].body)
    client.post(path.group(1))
    return Lead.objects.get(email=email)


def confirmed_subscriber(email, name="Reader"):
    """A lead with a confirmed subscription, so grouped in the organisation of their domain (nobody
    is grouped before confirming)."""
    from django.utils import timezone

    from buyingstages.audience.models import Lead, Subscription

    lead = Lead.objects.create(email=email, name=name)
    now = timezone.now()
    Subscription.objects.create(
        lead=lead, consent_text="E-mail me", consented_at=now, confirmed_at=now
    )
    lead.refresh_from_db()
    return lead
