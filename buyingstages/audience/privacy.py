"""A person's data, on request: a JSON export, or erasure; and the purge of old anonymous profiles."""

import datetime

from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission

from buyingstages.audience.models import (
    ContentEvent,
    ErasedVisitor,
    Lead,
    MinimalFormPage,
    ProfileCampaignTouch,
    ProfilingSettings,
    Subscription,
    VisitorProfile,
)
from buyingstages.audience.signals import lead_erased
from buyingstages.audience.stats import forget_profiles
from buyingstages.common.addresses import absolute_url

# Profiles deleted per purge transaction: at about 20 events each, a batch is a few hundred milliseconds.
PURGE_BATCH_SIZE = 1000
SALT = "masthead.privacy"
MAX_AGE = 24 * 3600
ACTIONS = ("export", "erase")


class BadLink(ValueError):
    pass


def request_link(email, action):
    """E-mail a verification link if we hold anything for this address; say the same either way."""
    lead = Lead.objects.filter(email=email.strip().lower()).first()
    if lead is None or action not in ACTIONS:
        return False
    token = signing.dumps([lead.email, action], salt=SALT)
    url = absolute_url(reverse(f"privacy_{action}", args=[token]))
    verb = "download a copy of" if action == "export" else "erase"
    send_mail(
        subject="Your data request",
        message=f"Follow this link within 24 hours to {verb} everything we hold about you:\n\n{url}\n\n"
        "If you did not ask for this, ignore this e-mail.",
        from_email=None,
        recipient_list=[lead.email],
    )
    return True


def lead_for(token, action):
    try:
        email, signed_action = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.SignatureExpired as error:
        raise BadLink("This link has expired; please ask again.") from error
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise BadLink("This link is not valid.") from error
    if signed_action != action:
        raise BadLink("This link is not valid.")
    lead = Lead.objects.filter(email=email).first()
    if lead is None:
        raise BadLink("We hold no data for this address (any more).")
    return lead


def form_submissions(lead):
    """Submissions to minimal form pages that carry this person's e-mail address."""
    submissions = FormSubmission.objects.filter(
        page__in=MinimalFormPage.objects.all()
    ).select_related("page")
    return [
        submission
        for submission in submissions
        if any(str(value).strip().lower() == lead.email for value in submission.form_data.values())
    ]


def export(lead):
    """Everything Masthead holds about a person, as plain data."""
    subscription = getattr(lead, "subscription", None)
    profiles = list(lead.profiles.all())
    events = (
        ContentEvent.objects.filter(profile__in=profiles)
        .select_related("asset", "share_link__owner")
        .order_by("created_at")
    )
    return {
        "name": lead.name,
        "email": lead.email,
        "state": lead.state,
        "created_at": lead.created_at.isoformat(),
        # Their organisation only as the domain of the address they gave: never its name, its other
        # people or what Sales know of it.
        "organisation": lead.organisation_domain,
        # What a CRM reported back about them, its note included (it may say something about them).
        "outcome": {
            "outcome": lead.get_outcome_display(),
            "note": lead.outcome_note,
            "at": lead.outcome_at and lead.outcome_at.isoformat(),
        }
        if lead.outcome
        else None,
        "subscription": subscription
        and {
            "topics": [topic.name for topic in subscription.topics.all()],
            "cadence": subscription.cadence,
            "consent": subscription.consent_text,
            "consented_at": subscription.consented_at.isoformat(),
            "confirmed_at": subscription.confirmed_at and subscription.confirmed_at.isoformat(),
            "unsubscribed_at": subscription.unsubscribed_at
            and subscription.unsubscribed_at.isoformat(),
        },
        "reading": [
            {
                "at": event.created_at.isoformat(),
                "what": event.get_kind_display(),
                "asset": event.asset.title,
                "sections_seen": event.sections_seen,
                "sections_total": event.sections_total,
                "story_version": event.story_variant,
                "via_share_link_of": event.share_link.owner.get_full_name()
                or event.share_link.owner.get_username()
                if event.share_link
                else None,
            }
            for event in events
        ],
        # Which campaigns' links brought them here, and when.
        "campaigns": [
            {
                "campaign": touch.campaign.name,
                "first_arrived_at": touch.first_at.isoformat(),
                "last_arrived_at": touch.last_at.isoformat(),
            }
            for touch in ProfileCampaignTouch.objects.filter(profile__in=profiles)
            .select_related("campaign")
            .order_by("first_at")
        ],
        "told_crm": [
            {
                "system": delivery.endpoint.name,
                "event": delivery.event,
                "at": delivery.created_at.isoformat(),
            }
            for delivery in lead.webhook_deliveries.select_related("endpoint")
        ],
        "browsers": [str(profile.visitor_id) for profile in profiles],
        "forms": [
            {
                "page": submission.page.title,
                "at": submission.submit_time.isoformat(),
                "data": submission.form_data,
            }
            for submission in form_submissions(lead)
        ],
    }


@transaction.atomic
def erase(lead):
    """The lead, its subscription, transitions, profiles, their events and campaign touches, and its
    form submissions: all gone, for good, and so out of their organisation's figures. The browser ids
    they read with are remembered (hashed) so that an id a browser still holds cannot build them again,
    and the CRM is told (``signals.lead_erased``)."""
    FormSubmission.objects.filter(
        pk__in=[submission.pk for submission in form_submissions(lead)]
    ).delete()
    profiles = VisitorProfile.objects.filter(lead=lead)
    visitor_ids = set(profiles.values_list("visitor_id", flat=True))
    visitor_ids |= set(
        Subscription.objects.filter(lead=lead, pending_visitor_id__isnull=False).values_list(
            "pending_visitor_id", flat=True
        )
    )
    ErasedVisitor.remember(visitor_ids)
    forget_profiles(list(profiles.values_list("pk", flat=True)))
    profiles.delete()
    lead_erased.send(sender=Lead, lead_id=lead.pk)
    organisation = lead.organisation
    lead.delete()
    if organisation is not None:
        # Out of the group and its figures. An organisation left with nobody is forgotten too: its
        # domain was learnt from this person's address.
        if not organisation.people.exists():
            organisation.delete()
        else:  # they may have held the conversation, or been the one waiting in the inbox
            organisation.reconsider()


def purge_anonymous(now=None, rules=None, batch_size=PURGE_BATCH_SIZE, progress=None):
    """Delete anonymous profiles (no lead) unseen for longer than the retention period, with their events.

    In batches of `batch_size` profiles, each its own short transaction: the batch's profiles are
    locked (skipping any a beacon request holds: that reader is back), taken out of the rollup, then
    deleted with their events. Only those rows and the rollup's watermark are locked, and only for
    one batch. Returns how many profiles went; `progress` is called with each batch's count.
    """
    rules = rules or ProfilingSettings.load()
    cutoff = (now or timezone.now()) - datetime.timedelta(days=rules.anonymous_retention_days)
    due = VisitorProfile.objects.filter(lead__isnull=True, last_seen_at__lt=cutoff).order_by()
    deleted = 0
    while True:
        with transaction.atomic():
            batch = list(
                due.select_for_update(skip_locked=True).values_list("pk", flat=True)[:batch_size]
            )
            if not batch:
                return deleted
            forget_profiles(batch)
            ContentEvent.objects.filter(profile_id__in=batch).delete()
            ProfileCampaignTouch.objects.filter(profile_id__in=batch).delete()
            count, _ = VisitorProfile.objects.filter(pk__in=batch).delete()
        deleted += count
        if progress:
            progress(count)
