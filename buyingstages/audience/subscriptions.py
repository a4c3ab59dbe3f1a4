"""Subscribing by name, e-mail and topics: double opt-in, one-click unsubscribe, digests."""

import datetime

from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from buyingstages.audience.models import (
    Cadence,
    ContentEvent,
    Lead,
    ProfilingSettings,
    Subscription,
    VisitorProfile,
)
from buyingstages.audience.scoring import SIGNAL_KINDS, check_sales_ready
from buyingstages.common.addresses import absolute_url
from buyingstages.library.models import AssetPage

CONFIRM_SALT = "masthead.subscribe.confirm"
UNSUBSCRIBE_SALT = "masthead.subscribe.unsubscribe"
CONFIRM_MAX_AGE = 7 * 24 * 3600
CADENCE_DAYS = {Cadence.WEEKLY: 7, Cadence.MONTHLY: 30}


class BadLink(ValueError):
    pass


def confirm_token(subscription):
    # The consent time makes every new request's link different, so an old link cannot be replayed.
    return signing.dumps(
        [subscription.pk, subscription.consented_at.isoformat()], salt=CONFIRM_SALT
    )


def unsubscribe_token(subscription):
    return signing.dumps(subscription.pk, salt=UNSUBSCRIBE_SALT)


def send(subscription, subject, template, context):
    """Every e-mail carries a one-click unsubscribe link, in the body and in the headers (RFC 8058)."""
    unsubscribe_url = absolute_url(reverse("unsubscribe", args=[unsubscribe_token(subscription)]))
    body = render_to_string(
        template, {**context, "subscription": subscription, "unsubscribe_url": unsubscribe_url}
    )
    message = EmailMessage(
        subject=subject,
        body=body,
        to=[subscription.lead.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.send()


@transaction.atomic
def request_subscription(name, email, topics, cadence, consent_text, visitor_id=None):
    """Record the request and send the confirmation link. Says nothing about whether the address was known."""
    now = timezone.now()
    lead, created = Lead.objects.get_or_create(email=email.strip().lower(), defaults={"name": name})
    subscription = Subscription.objects.filter(lead=lead).first()
    if subscription and subscription.is_active:
        send(
            subscription,
            "You are already subscribed",
            "audience/email/already_subscribed.txt",
            {},
        )
        return subscription
    if subscription is None:
        subscription = Subscription(lead=lead)
    subscription.cadence = cadence
    subscription.consent_text = consent_text
    subscription.consented_at = now
    subscription.confirmed_at = None
    subscription.unsubscribed_at = None
    subscription.pending_visitor_id = visitor_id
    subscription.save()
    subscription.topics.set(topics)
    confirm_url = absolute_url(reverse("subscribe_confirm", args=[confirm_token(subscription)]))
    transaction.on_commit(
        lambda: send(
            subscription,
            "Please confirm your subscription",
            "audience/email/confirm.txt",
            {"confirm_url": confirm_url, "topics": list(subscription.topics.all())},
        )
    )
    return subscription


@transaction.atomic
def confirm(token):
    """Confirm by the signed link; the reader's anonymous history joins them. Idempotent."""
    try:
        pk, consented_at = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.SignatureExpired as error:
        raise BadLink("This confirmation link has expired. Please subscribe again.") from error
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise BadLink("This confirmation link is not valid.") from error
    subscription = (
        Subscription.objects.select_for_update().select_related("lead").filter(pk=pk).first()
    )
    if subscription is None or subscription.consented_at.isoformat() != consented_at:
        raise BadLink("This confirmation link has been replaced by a newer one, or withdrawn.")
    if subscription.confirmed_at:
        return subscription, False
    now = timezone.now()
    subscription.confirmed_at = now
    lead = subscription.lead
    if subscription.pending_visitor_id:
        profile, _ = VisitorProfile.objects.get_or_create(
            visitor_id=subscription.pending_visitor_id, defaults={"last_seen_at": now}
        )
        if profile.lead_id in (None, lead.pk):
            profile.lead = lead
            profile.save(update_fields=["lead"])
        subscription.pending_visitor_id = None
    subscription.save()
    history = ContentEvent.objects.filter(profile__lead=lead)
    first_event = history.order_by("created_at").values_list("created_at", flat=True).first()
    lead.first_touch_at = min(filter(None, [lead.first_touch_at, first_event, now]))
    lead.save(update_fields=["first_touch_at"])
    # What they read before we knew them counts in full, a strong signal included.
    rules = ProfilingSettings.load()
    strongest = (
        history.filter(kind__in=SIGNAL_KINDS, asset__signal_weight__gte=rules.strong_signal_weight)
        .order_by("-asset__signal_weight")
        .values_list("asset__title", flat=True)
        .first()
    )
    check_sales_ready(lead, rules, now, signal_title=strongest)
    return subscription, True


def check_unsubscribe_token(token):
    try:
        pk = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise BadLink("This unsubscribe link is not valid.") from error
    subscription = Subscription.objects.filter(pk=pk).first()
    if subscription is None:
        raise BadLink("This subscription no longer exists.")
    return subscription


def unsubscribe(token):
    """Stop every e-mail at once; repeating it changes nothing."""
    subscription = check_unsubscribe_token(token)
    if subscription.unsubscribed_at is None:
        subscription.unsubscribed_at = timezone.now()
        subscription.save(update_fields=["unsubscribed_at"])
    return subscription


def due_subscriptions(now):
    for subscription in (
        Subscription.objects.filter(confirmed_at__isnull=False, unsubscribed_at__isnull=True)
        .select_related("lead")
        .prefetch_related("topics")
    ):
        last = subscription.last_digest_at
        if last is None or now - last >= datetime.timedelta(
            days=CADENCE_DAYS[subscription.cadence]
        ):
            yield subscription


def send_digests(now=None):
    """Each due subscriber gets the new assets on their topics since their last digest. Returns the count."""
    now = now or timezone.now()
    sent = 0
    for subscription in due_subscriptions(now):
        since = subscription.last_digest_at or subscription.confirmed_at
        assets = list(
            AssetPage.objects.live()
            .public()
            .filter(tagged_topics__tag__in=subscription.topics.all(), first_published_at__gt=since)
            .distinct()
            .select_related("stage")
            .order_by("-first_published_at")[:20]
        )
        if not assets:
            continue
        send(
            subscription,
            f"New for you: {len(assets)} piece{'s' if len(assets) != 1 else ''} on your topics",
            "audience/email/digest.txt",
            {"assets": [(asset, absolute_url(asset.url)) for asset in assets]},
        )
        subscription.last_digest_at = now
        subscription.save(update_fields=["last_digest_at"])
        sent += 1
    return sent
