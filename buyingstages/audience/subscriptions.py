"""Subscribing by name, e-mail and topics: double opt-in, one-click unsubscribe, preferences, digests.

Every link a subscriber gets is signed, each kind with its own salt, so no sign-in is needed and one kind
of link cannot stand in for another.
"""

import datetime

from django.core import signing
from django.core.mail import EmailMultiAlternatives
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
from buyingstages.common.text import one_line
from buyingstages.library.models import AssetPage
from buyingstages.taxonomy.models import Campaign

CONFIRM_SALT = "masthead.subscribe.confirm"
UNSUBSCRIBE_SALT = "masthead.subscribe.unsubscribe"
PREFERENCES_SALT = "masthead.subscribe.preferences"
CONFIRM_MAX_AGE = 7 * 24 * 3600
# Every e-mail carries a fresh link, so this only retires links in mail that has been lying about.
PREFERENCES_MAX_AGE = 90 * 24 * 3600
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


def preferences_token(subscription):
    # Tied to the consent time too: a link from before someone unsubscribed and came back is dead.
    return signing.dumps(
        [subscription.pk, subscription.consented_at.isoformat()], salt=PREFERENCES_SALT
    )


def signed_subscription(token, salt, max_age, expired, subscriptions=Subscription.objects):
    """The subscription a [pk, consent time] link is for; BadLink if forged, expired or replaced."""
    try:
        pk, consented_at = signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired as error:
        raise BadLink(expired) from error
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise BadLink("This link is not valid.") from error
    subscription = subscriptions.select_related("lead").filter(pk=pk).first()
    if subscription is None or subscription.consented_at.isoformat() != consented_at:
        raise BadLink("This link has been replaced by a newer one, or withdrawn.")
    if subscription.unsubscribed_at:
        raise BadLink(
            "You have unsubscribed, so we send you nothing. To hear from us again, subscribe again."
        )
    return subscription


def send(subscription, subject, template, context):
    """E-mail a subscriber ``template``.txt with ``template``.html as its alternative.

    Every e-mail carries a link to change topics and cadence and a one-click unsubscribe link, in the
    body and in the headers (RFC 8058).
    """
    unsubscribe_url = absolute_url(reverse("unsubscribe", args=[unsubscribe_token(subscription)]))
    preferences_url = absolute_url(
        reverse("subscribe_preferences", args=[preferences_token(subscription)])
    )
    subject = one_line(subject)
    context = {
        **context,
        "subject": subject,
        "subscription": subscription,
        "unsubscribe_url": unsubscribe_url,
        "preferences_url": preferences_url,
    }
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"{template}.txt", context),
        to=[subscription.lead.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
        alternatives=[(render_to_string(f"{template}.html", context), "text/html")],
    )
    message.send()


@transaction.atomic
def request_subscription(name, email, topics, cadence, consent_text, visitor_id=None):
    """Record the request and send the confirmation link. Says nothing about whether the address was known.

    An address already subscribed is sent its preferences link instead: what was typed in the form is
    not applied, since anyone can type someone else's address.
    """
    now = timezone.now()
    lead, created = Lead.objects.get_or_create(email=email.strip().lower(), defaults={"name": name})
    subscription = Subscription.objects.filter(lead=lead).first()
    if subscription and subscription.is_active:
        transaction.on_commit(
            lambda: send(
                subscription,
                "You are already subscribed",
                "audience/email/already_subscribed",
                {"topics": list(subscription.topics.all())},
            )
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
            "audience/email/confirm",
            {"confirm_url": confirm_url, "topics": list(subscription.topics.all())},
        )
    )
    return subscription


def check_confirm_token(token, subscriptions=Subscription.objects):
    """The subscription a confirmation link is for. Writes nothing: a GET of the link only asks."""
    return signed_subscription(
        token,
        CONFIRM_SALT,
        CONFIRM_MAX_AGE,
        "This confirmation link has expired. Please subscribe again.",
        subscriptions,
    )


@transaction.atomic
def confirm(token):
    """Confirm by the signed link; the reader's anonymous history joins them. Idempotent."""
    subscription = check_confirm_token(token, Subscription.objects.select_for_update())
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
    lead.save(update_fields=["first_touch_at"])  # saving the subscription grouped them
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


def check_preferences_token(token):
    """The subscription a preferences link is for. Writes nothing."""
    return signed_subscription(
        token,
        PREFERENCES_SALT,
        PREFERENCES_MAX_AGE,
        "This link to your preferences has expired. Subscribe again with your address and we will "
        "e-mail you a new one.",
    )


def preferences(subscription):
    """What a subscriber chose: their topics and cadence."""
    return {"topics": subscription.topics.all(), "cadence": subscription.cadence}


@transaction.atomic
def change_preferences(subscription, topics, cadence):
    """A subscriber's own choice of topics and cadence; their consent and confirmation stand."""
    subscription.cadence = cadence
    subscription.save(update_fields=["cadence"])
    subscription.topics.set(topics)
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


def digest_link(asset, campaign):
    """An asset's address in a digest: carries the digest's campaign, so a reader it brings back is
    counted for it (docs/campaigns.md)."""
    return campaign.link(absolute_url(asset.url), source="digest", medium="email")


def send_digests(now=None):
    """Each due subscriber gets the new assets on their topics since their last digest. Returns the count."""
    now = now or timezone.now()
    sent = 0
    campaigns = {}
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
        cadence = subscription.get_cadence_display()
        if cadence not in campaigns:
            campaigns[cadence] = Campaign.objects.for_digest(cadence)
        send(
            subscription,
            f"New for you: {len(assets)} piece{'s' if len(assets) != 1 else ''} on your topics",
            "audience/email/digest",
            {"assets": [(asset, digest_link(asset, campaigns[cadence])) for asset in assets]},
        )
        subscription.last_digest_at = now
        subscription.save(update_fields=["last_digest_at"])
        sent += 1
    return sent
