"""Known readers: leads (people who subscribed), their subscriptions and their way to sales."""

import statistics
from collections import defaultdict

from django.conf import settings
from django.db import models, transaction
from django.db.models import F, Q
from django.utils import timezone

from buyingstages.audience.free_mail import domain_of
from buyingstages.audience.signals import lead_surfaced
from buyingstages.taxonomy.models import Topic

# How a sales-ready reason goes on when the lead is shown on its organisation (with_sales_note).
SHOWN_ON_NOTE = "; shown on "


class LeadState(models.TextChoices):
    NURTURING = "nurturing", "Nurturing"
    SALES_READY = "sales_ready", "Sales-ready"
    ACCEPTED = "accepted", "Accepted by sales"


class LeadOutcome(models.TextChoices):
    """What became of a lead in the CRM, as the CRM reports it back."""

    ACCEPTED = "accepted", "Accepted"
    DISQUALIFIED = "disqualified", "Disqualified"
    OPPORTUNITY = "opportunity", "Opportunity"
    WON = "won", "Won"
    LOST = "lost", "Lost"


class InvalidTransition(Exception):
    pass


class LeadQuerySet(models.QuerySet):
    def sales_ready(self):
        return self.filter(state=LeadState.SALES_READY)

    def to_chase(self):
        """Sales-ready leads for the inbox: not those shown on an organisation Sales already talk to."""
        return self.sales_ready().filter(shown_on_organisation=False)

    def claim_sales_notice(self, now=None):
        """Mark as told those of these leads in the inbox that Sales were not yet told of since they
        became sales-ready, and return how many: e-mail Sales about them. One conditional UPDATE, so
        a lead is announced once per time it becomes sales-ready, however it reached the inbox."""
        return (
            self.to_chase()
            .filter(Q(sales_told_at__isnull=True) | Q(sales_told_at__lt=F("sales_ready_at")))
            .update(sales_told_at=now or timezone.now())
        )

    def surfacing(self):
        """The sales-ready among these leads shown on their organisation: who reaches the inbox when
        they are shown there no more (read before the update that does it, see ``announce_surfaced``)."""
        return list(self.sales_ready().filter(shown_on_organisation=True))

    def consenting(self):
        """People who gave their address and consent: a confirmed subscription, not withdrawn.
        Only they are ever shown as part of an organisation."""
        return self.filter(
            subscription__confirmed_at__isnull=False, subscription__unsubscribed_at__isnull=True
        )

    def touch(self):
        """Mark these leads changed now (their score moved, say) in one UPDATE, so a CRM syncing
        by ``updated_at`` fetches them again."""
        return self.update(updated_at=timezone.now())

    def outcome_counts(self):
        """[(outcome label, leads)] in the order of ``LeadOutcome``, for outcomes reported at all."""
        counts = dict(
            self.exclude(outcome="").order_by().values_list("outcome").annotate(models.Count("pk"))
        )
        return [(label, counts[value]) for value, label in LeadOutcome.choices if value in counts]

    def nurture_by_month(self):
        """Month by month: the median days from first touch to sales-ready, and how many leads.

        Returns [(first day of month, median days, count)], oldest first, for months with any.
        """
        by_month = defaultdict(list)
        rows = self.filter(first_touch_at__isnull=False, sales_ready_at__isnull=False).values_list(
            "first_touch_at", "sales_ready_at"
        )
        for first_touch, ready in rows:
            month = timezone.localtime(ready).date().replace(day=1)
            by_month[month].append(max((ready - first_touch).total_seconds(), 0) / 86400)
        return [
            (month, statistics.median(days), len(days)) for month, days in sorted(by_month.items())
        ]


class Lead(models.Model):
    """Someone who told us their name and e-mail. Nothing else is ever asked."""

    email = models.EmailField(unique=True)
    name = models.CharField(max_length=100)
    state = models.CharField(max_length=20, choices=LeadState.choices, default=LeadState.NURTURING)
    created_at = models.DateTimeField(auto_now_add=True)
    first_touch_at = models.DateTimeField(null=True, blank=True)
    sales_ready_at = models.DateTimeField(null=True, blank=True)
    ready_reason = models.CharField(max_length=255, blank=True)
    # When Sales last sent the lead back to nurturing: only reading after it can make them ready again.
    returned_at = models.DateTimeField(null=True, blank=True, editable=False)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # What the CRM reported back (buyingstages/crm): the latest word, with when and from which system.
    outcome = models.CharField(max_length=20, choices=LeadOutcome.choices, blank=True)
    outcome_note = models.CharField(max_length=500, blank=True)
    outcome_at = models.DateTimeField(null=True, blank=True)
    outcome_source = models.CharField(max_length=100, blank=True)
    # The organisation of the e-mail domain they gave, and nothing else (organisations.py).
    organisation = models.ForeignKey(
        "audience.Organisation",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    # Sales-ready while someone at their organisation was already with Sales: they are shown on the
    # organisation, not as a new lead to chase, and Sales get no second e-mail.
    shown_on_organisation = models.BooleanField(default=False, editable=False)
    # When Sales were e-mailed that the lead is ready: once per time it becomes sales-ready, when it
    # reaches the inbox (at once, or when it stops being shown on its organisation).
    sales_told_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Moves on every save and on score changes (``LeadQuerySet.touch``): CRMs sync by it.
    updated_at = models.DateTimeField(auto_now=True)

    objects = LeadQuerySet.as_manager()

    class Meta:
        ordering = ["-sales_ready_at", "-created_at"]
        permissions = [
            ("work_lead", "Can work sales-ready leads: see them, accept them or return them")
        ]
        indexes = [models.Index(fields=["updated_at", "id"], name="lead_updated_at_id")]

    def __str__(self):
        return f"{self.name} <{self.email}>"

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        if kwargs.get("update_fields") is not None:  # a partial save is a change all the same
            kwargs["update_fields"] = {*kwargs["update_fields"], "updated_at"}
        super().save(*args, **kwargs)

    @property
    def organisation_domain(self):
        """Their organisation as others may be told of it (their export, a CRM): only the domain of
        their own address, never its name, other domains or people; None when not grouped."""
        return domain_of(self.email) if self.organisation_id else None

    def join_organisation(self):
        """Into the organisation of their address's domain, made on first sight. Only once they
        confirmed their consent (``Subscription.save``): an address typed into a form by anyone must
        not make, or join, an organisation."""
        if self.organisation_id is None:
            self.organisation = self.organisations().objects.for_email(self.email)
            if self.organisation is not None:
                self.save(update_fields=["organisation"])

    @classmethod
    def organisations(cls):
        """The Organisation model, named through the field (organisations.py imports this module)."""
        return cls._meta.get_field("organisation").related_model

    def score(self, rules, now=None):
        """Interest across every browser this person has read on, decayed to now."""
        now = now or timezone.now()
        return sum(profile.current_score(rules, now) for profile in self.profiles.all())

    def evidence_score(self, rules, now=None):
        """The interest that counts towards sales-ready: all of it, or for a lead Sales returned, only
        what they read after the return (what came before was weighed, and sent back, already)."""
        from buyingstages.audience.models.profiles import ContentEvent

        now = now or timezone.now()
        if self.returned_at is None:
            return self.score(rules, now)
        events = ContentEvent.objects.filter(
            profile__lead=self, created_at__gt=self.returned_at
        ).values_list("points", "created_at")
        return sum(points * rules.decay_factor(at, now) for points, at in events)

    def interests(self):
        """(inferred stage id, {topic id: weight}) summed over every browser they read on."""
        stages, topics = defaultdict(float), defaultdict(float)
        for profile in self.profiles.all():
            for key, weight in profile.stage_interest.items():
                stages[int(key)] += weight
            for key, weight in profile.topic_interest.items():
                topics[int(key)] += weight
        stage_id = max(stages, key=stages.get) if stages else None
        return stage_id, dict(topics)

    def timeline(self):
        """Everything they read, newest first, with whose share link brought them where one did."""
        from buyingstages.audience.models.profiles import ContentEvent

        return ContentEvent.objects.filter(profile__lead=self).select_related(
            "asset", "share_link__owner"
        )

    def influencing_assets(self):
        """The assets they read before becoming sales-ready: content "tagged as part of the sale"."""
        from buyingstages.library.models import AssetPage

        if self.sales_ready_at is None:
            return AssetPage.objects.none()
        read = self.timeline().filter(created_at__lte=self.sales_ready_at).values("asset_id")
        return (
            AssetPage.objects.filter(pk__in=read)
            .select_related("stage")
            .order_by("stage__sort_order", "title")
        )

    def what_to_send_next(self, limit=5):
        """Assets for their inferred stage and topics that they have not read yet, best first."""
        from buyingstages.library.models import AssetPage

        stage_id, topic_weights = self.interests()
        read = self.timeline().values("asset_id")
        return (
            AssetPage.objects.live()
            .public()
            .exclude(pk__in=read)
            .suggested_for(stage_id, topic_weights)[:limit]
        )

    @transaction.atomic
    def move_to(self, state, *, reason="", by=None):
        allowed = {
            LeadState.NURTURING: {LeadState.SALES_READY},
            LeadState.SALES_READY: {LeadState.ACCEPTED, LeadState.NURTURING},
            LeadState.ACCEPTED: {LeadState.NURTURING},
        }
        if state not in allowed[self.state]:
            raise InvalidTransition(
                f"A {self.get_state_display().lower()} lead cannot become {state}."
            )
        organisation = self.organisation if self.organisation_id else None
        if organisation is not None:
            # Every move locks the organisation first (as becoming sales-ready does), so two
            # salespeople accepting or returning people there at once take turns.
            organisation.lock()
        now = timezone.now()
        LeadTransition.objects.create(
            lead=self, from_state=self.state, to_state=state, reason=reason, by=by, at=now
        )
        self.state = state
        if state == LeadState.SALES_READY:
            self.sales_ready_at, self.ready_reason = now, reason
        elif state == LeadState.ACCEPTED:
            self.accepted_at, self.accepted_by = now, by
        elif state == LeadState.NURTURING:
            self.returned_at, self.shown_on_organisation = now, False
        self.save()
        if organisation is not None and state == LeadState.ACCEPTED:
            organisation.start_conversation(by, now)
        elif organisation is not None and state == LeadState.NURTURING:
            organisation.end_conversation_if_idle()
            organisation.surface_waiting_people()

    @transaction.atomic
    def mark_sales_ready(self, reason):
        """Sales-ready; where someone at their organisation is already with Sales, the lead is shown
        on the organisation instead of the inbox (one conversation per organisation)."""
        organisation = self.organisation_with_sales()
        if organisation is not None:
            self.shown_on_organisation = True
            reason = f"{reason}; {organisation.with_sales_note(self)}"[:255]
        self.move_to(LeadState.SALES_READY, reason=reason)

    def organisation_with_sales(self):
        """Their organisation (locked) if Sales already hold a conversation there or have one of its
        people waiting in the inbox; else None."""
        if self.organisation_id is None:
            return None
        organisation = (
            self.organisations()
            .objects.select_for_update(of=("self",))
            .select_related("in_conversation_with")
            .get(pk=self.organisation_id)
        )
        if organisation.in_conversation_with_id or organisation.waiting_lead(exclude=self):
            return organisation
        return None

    def accept(self, user):
        self.move_to(LeadState.ACCEPTED, by=user)

    def report_outcome(self, outcome, note="", source=""):
        """Keep what the CRM says became of this lead, with the time. Returns False when it says
        nothing new (a CRM retrying a request), so the time stays that of the first report."""
        if outcome not in LeadOutcome.values:
            raise ValueError(f"Unknown outcome: {outcome!r}.")
        if (self.outcome, self.outcome_note) == (outcome, note):
            return False
        self.outcome, self.outcome_note, self.outcome_source = outcome, note, source
        self.outcome_at = timezone.now()
        self.save(update_fields=["outcome", "outcome_note", "outcome_source", "outcome_at"])
        return True

    def return_to_nurturing(self, user, reason):
        """Back to marketing, history intact; the reason is kept on the transition."""
        if not reason.strip():
            raise InvalidTransition("Say why the lead goes back to nurturing.")
        self.move_to(LeadState.NURTURING, reason=reason, by=user)


def announce_surfaced(leads):
    """These leads (``LeadQuerySet.surfacing``) are no longer shown on their organisation: their
    reason loses the note that said so, and the apps above hear they are in the Sales inbox."""
    for lead in leads:
        before, note, _ = lead.ready_reason.rpartition(SHOWN_ON_NOTE)
        lead.shown_on_organisation, lead.ready_reason = False, before if note else lead.ready_reason
        lead.save(update_fields=["shown_on_organisation", "ready_reason"])
        lead_surfaced.send(sender=Lead, lead=lead)


class LeadTransition(models.Model):
    lead = models.ForeignKey(Lead, on_delete=models.CASCADE, related_name="transitions")
    from_state = models.CharField(max_length=20, choices=LeadState.choices)
    to_state = models.CharField(max_length=20, choices=LeadState.choices)
    reason = models.CharField(max_length=255, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_from_state_display()} → {self.get_to_state_display()}"


class Cadence(models.TextChoices):
    WEEKLY = "weekly", "Weekly"
    MONTHLY = "monthly", "Monthly"


class Subscription(models.Model):
    """A lead's topics and cadence. Nothing is sent before the address is confirmed."""

    lead = models.OneToOneField(Lead, on_delete=models.CASCADE, related_name="subscription")
    topics = models.ManyToManyField(Topic, related_name="subscriptions")
    cadence = models.CharField(max_length=10, choices=Cadence.choices, default=Cadence.MONTHLY)
    consent_text = models.TextField()
    consented_at = models.DateTimeField()
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    last_digest_at = models.DateTimeField(null=True, blank=True)
    pending_visitor_id = models.UUIDField(null=True, blank=True)

    def __str__(self):
        return f"{self.lead.email} ({self.get_cadence_display().lower()})"

    def save(self, *args, **kwargs):
        """A confirmed, active subscription is consent: only then does the person join the
        organisation of their domain."""
        super().save(*args, **kwargs)
        update_fields = kwargs.get("update_fields")
        if self.is_active and (update_fields is None or "confirmed_at" in update_fields):
            self.lead.join_organisation()

    @property
    def is_active(self):
        return self.confirmed_at is not None and self.unsubscribed_at is None
