"""Buying groups: the organisations behind the e-mail domains people chose to give us.

An organisation is known only from its domains: never from an IP address, never from an enrichment
service, never from a free-mail or ISP domain (``buyingstages/audience/free_mail.py``). Editors merge
domains that belong together and mark one "do not group"; Sales see the group and hold one
conversation with it at the cadence agreed in the sales-ready rules.
"""

import datetime

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel

from buyingstages.audience.free_mail import domain_of, never_groups
from buyingstages.audience.models.leads import Lead, LeadState, announce_surfaced
from buyingstages.taxonomy.models import Segment


def validate_groupable_domain(value):
    if never_groups(value.strip().lower()):
        raise ValidationError(
            f"{value} is a free-mail, ISP or reserved domain: people there are never grouped."
        )


def normalised_domain(value):
    """A domain as addresses carry it once read: no surrounding spaces, lower case."""
    return value.strip().lower() if isinstance(value, str) else value


class DomainFormField(forms.CharField):
    """Normalised before validation, so "ACME.com " and "acme.com" are one domain to every check
    (the inline rows against each other included), never an IntegrityError on save."""

    def to_python(self, value):
        return normalised_domain(super().to_python(value))


class DomainField(models.CharField):
    """An e-mail domain, normalised in ``clean_fields`` too, so the uniqueness check sees the value
    that is saved."""

    def to_python(self, value):
        return normalised_domain(super().to_python(value))

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": DomainFormField, **kwargs})


class OrganisationQuerySet(models.QuerySet):
    def for_email(self, email):
        """The organisation an address puts its owner in (None for free mail and the like)."""
        domain = domain_of(email)
        return self.for_domain(domain) if domain else None

    def grouping(self):
        """The organisations that group people (not marked "do not group")."""
        return self.filter(do_not_group=False)

    def for_domain(self, domain):
        """The organisation people at ``domain`` belong to, made on first sight; None where that
        domain never groups anyone (free mail, reserved) or editors marked it "do not group"."""
        domain = domain.strip().lower()
        if never_groups(domain):
            return None
        organisation = self.filter(domains__domain=domain).first()
        if organisation is None:
            try:
                with transaction.atomic():
                    organisation = self.create(name=name_from_domain(domain))
                    OrganisationDomain.objects.create(organisation=organisation, domain=domain)
            except IntegrityError:  # another request made it a moment ago
                organisation = self.filter(domains__domain=domain).first()
        if organisation is None or organisation.do_not_group:
            return None
        return organisation


def name_from_domain(domain):
    """A first name for an organisation: "harlow-components.co.uk" → "Harlow Components"."""
    label = domain.split(".")[0]
    return label.replace("-", " ").replace("_", " ").title()[:200] or domain


class Organisation(ClusterableModel):
    """A buying group, known only from the e-mail domains its people gave."""

    name = models.CharField(max_length=200)
    do_not_group = models.BooleanField(
        "do not group",
        default=False,
        help_text="People at these domains are not one buying group (a university, a consultancy, "
        "a shared mail host): each stays a person of their own.",
    )
    segments = models.ManyToManyField(
        Segment,
        blank=True,
        related_name="organisations",
        help_text="Its industry, size and region, as your team knows them: readers never tell us.",
    )
    in_conversation_with = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The salesperson who holds the one conversation with this organisation.",
    )
    conversation_started_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_contact_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="When Sales last took one of its people."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OrganisationQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        InlinePanel("domains", heading="E-mail domains", label="Domain", min_num=1),
        FieldPanel("do_not_group"),
        FieldPanel("segments", widget=forms.CheckboxSelectMultiple),
    ]

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        """Its people follow its domains and its "do not group" mark (saved with its domains)."""
        super().save(*args, **kwargs)
        self.regroup()

    def contact_warning(self, rules, now=None):
        """Why contacting someone here now would break the agreed cadence, or "" when it would not."""
        if self.last_contact_at is None or not rules.contact_cadence_days:
            return ""
        now = now or timezone.now()
        if now - self.last_contact_at >= datetime.timedelta(days=rules.contact_cadence_days):
            return ""
        holder = self.in_conversation_with
        by = f" by {holder.get_full_name() or holder.get_username()}" if holder else ""
        return (
            f"{self.name} was contacted{by} on {timezone.localtime(self.last_contact_at):%-d %b %Y}. "
            f"The agreed cadence is one contact per {rules.contact_cadence_days} days: "
            "a contact now would be a second one inside it."
        )

    def waiting_lead(self, exclude=None):
        """One of its people waiting in the Sales inbox (sales-ready, not yet taken), if any."""
        waiting = self.people.to_chase()
        if exclude is not None:
            waiting = waiting.exclude(pk=exclude.pk)
        return waiting.first()

    def with_sales_note(self, lead):
        """Why ``lead`` is shown on the organisation rather than in the inbox (no colleague named)."""
        if self.in_conversation_with_id:
            return f"shown on {self.name}: {self.holder_name()} holds the conversation"
        return f"shown on {self.name}, where a colleague is already in the Sales inbox"

    def lock(self):
        """Lock its row and re-read who holds the conversation: two salespeople accepting, returning
        or readying people here at once each see the other's work, never a stale holder."""
        self.refresh_from_db(
            from_queryset=Organisation.objects.select_for_update(of=("self",)),
            fields=[
                "in_conversation_with",
                "conversation_started_at",
                "last_contact_at",
                "do_not_group",
            ],
        )

    @transaction.atomic
    def surface_waiting_people(self):
        """With nobody in conversation or waiting, the longest-ready person shown on the organisation
        goes to the inbox, and Sales are told as of any lead new there: someone at Sales should hear
        of the group again."""
        self.lock()
        if self.in_conversation_with_id or self.waiting_lead():
            return
        first = (
            self.people.sales_ready()
            .filter(shown_on_organisation=True)
            .order_by("sales_ready_at", "pk")
            .first()
        )
        if first is not None:
            announce_surfaced([first])

    def holder_name(self):
        holder = self.in_conversation_with
        return (holder.get_full_name() or holder.get_username()) if holder else ""

    @transaction.atomic
    def start_conversation(self, user, now=None):
        """``user`` took one of its people: they hold the conversation (unless someone already does)."""
        now = now or timezone.now()
        self.lock()
        if self.in_conversation_with_id is None:
            self.in_conversation_with, self.conversation_started_at = user, now
        self.last_contact_at = now
        super().save(
            update_fields=["in_conversation_with", "conversation_started_at", "last_contact_at"]
        )

    @transaction.atomic
    def end_conversation_if_idle(self):
        """When none of its people is with Sales any more, nobody holds the conversation."""
        self.lock()
        if (
            self.in_conversation_with_id
            and not self.people.filter(state=LeadState.ACCEPTED).exists()
        ):
            self.in_conversation_with, self.conversation_started_at = None, None
            super().save(update_fields=["in_conversation_with", "conversation_started_at"])

    @transaction.atomic
    def reconsider(self):
        """Make the one-conversation rule true again after people left or joined other than by a
        change of state (erased, ungrouped, merged in): a conversation with nobody accepted ends, at
        most one person waits in the inbox (the longest-ready, and nobody while Sales hold a
        conversation here; the others are shown here), and with
        nobody in the inbox or in conversation the longest-ready person shown here goes there.
        Without it someone could stay "shown on the organisation" with nobody at Sales to see them."""
        self.lock()
        now = timezone.now()
        if self.do_not_group:  # nobody is grouped here, so nobody is shown here
            surfacing = self.people.surfacing()
            self.people.filter(shown_on_organisation=True).update(
                shown_on_organisation=False, updated_at=now
            )
            announce_surfaced(surfacing)
            return
        self.end_conversation_if_idle()
        in_inbox = list(
            self.people.to_chase().order_by("sales_ready_at", "pk").values_list("pk", flat=True)
        )
        # With a conversation held nobody else is chased; without one, the longest-ready is.
        kept = 0 if self.in_conversation_with_id else 1
        if len(in_inbox) > kept:
            self.people.filter(pk__in=in_inbox[kept:]).update(
                shown_on_organisation=True, updated_at=now
            )
        self.surface_waiting_people()

    @transaction.atomic
    def merge_into(self, other):
        """Move this organisation's domains and people into ``other``, keeping its conversation if
        ``other`` has none, then delete this one. Into an organisation marked "do not group", its
        people leave any group as they do when it is marked so itself: whoever was shown on it
        comes to the inbox, and Sales are told."""
        if other.pk == self.pk:
            raise ValueError("An organisation cannot be merged into itself.")
        self.domains.all().update(organisation=other)
        # ``updated_at`` too: a lead's organisation is part of what a CRM syncs by it.
        now = timezone.now()
        if other.do_not_group:
            surfacing = self.people.surfacing()
            self.people.update(organisation=None, shown_on_organisation=False, updated_at=now)
            announce_surfaced(surfacing)
        else:
            self.people.update(organisation=other, updated_at=now)
        other.segments.add(*self.segments.all())
        if other.in_conversation_with_id is None and self.in_conversation_with_id:
            other.in_conversation_with = self.in_conversation_with
            other.conversation_started_at = self.conversation_started_at
        if self.last_contact_at and (
            other.last_contact_at is None or other.last_contact_at < self.last_contact_at
        ):
            other.last_contact_at = self.last_contact_at
        other.save()  # regroups, and so reconsiders, ``other`` with its new people
        self.delete()
        return other

    def regroup(self):
        """Its people are exactly those at its domains, or nobody when it is marked "do not group".
        Idempotent: run after its domains or its mark change. Whoever leaves is no longer shown on
        it; it and any organisation people came from are reconsidered."""
        at_domains = models.Q(pk__in=[])
        for domain in self.domains.values_list("domain", flat=True):
            at_domains |= models.Q(email__endswith=f"@{domain}")
        leaving = self.people.all() if self.do_not_group else self.people.exclude(at_domains)
        surfacing = leaving.surfacing()
        leaving.update(organisation=None, shown_on_organisation=False, updated_at=timezone.now())
        announce_surfaced(surfacing)
        joining = Lead.objects.none()
        if not self.do_not_group:
            # Only people who confirmed their consent join (Subscription.save groups the rest then).
            joining = Lead.objects.consenting().filter(at_domains).exclude(organisation=self)
        left_behind = set(joining.exclude(organisation=None).values_list("organisation", flat=True))
        joining.update(organisation=self, updated_at=timezone.now())
        self.reconsider()
        for organisation in Organisation.objects.filter(pk__in=left_behind):
            organisation.reconsider()


class OrganisationDomain(models.Model):
    """One e-mail domain of an organisation. A domain belongs to one organisation at most."""

    organisation = ParentalKey(Organisation, on_delete=models.CASCADE, related_name="domains")
    domain = DomainField(
        max_length=253,
        unique=True,
        validators=[validate_groupable_domain],
        help_text="As in addresses, e.g. harlow-components.co.uk.",
    )

    panels = [FieldPanel("domain")]

    class Meta:
        ordering = ["domain"]

    def __str__(self):
        return self.domain

    def save(self, *args, **kwargs):
        self.domain = normalised_domain(self.domain)
        super().save(*args, **kwargs)


def ungroup_before_delete(sender, instance, **kwargs):
    """An organisation deleted leaves its people on their own: none is "shown on" it any more, so each
    sales-ready one is in the inbox again (and Sales are told)."""
    surfacing = instance.people.surfacing()
    instance.people.filter(shown_on_organisation=True).update(
        shown_on_organisation=False, updated_at=timezone.now()
    )
    announce_surfaced(surfacing)


models.signals.pre_delete.connect(
    ungroup_before_delete, sender=Organisation, dispatch_uid="organisation-ungroup"
)


def group_ungrouped(progress=None):
    """Put every ungrouped person who confirmed their consent in the organisation of their domain
    (nobody else: an unconfirmed address may have been typed by anyone). Idempotent: one lookup per
    domain, one UPDATE per organisation. Returns how many people were grouped."""
    ungrouped = Lead.objects.consenting().filter(organisation__isnull=True)
    domains = {domain_of(email) for email in ungrouped.values_list("email", flat=True)}
    grouped = 0
    for domain in sorted(domains):
        organisation = Organisation.objects.for_domain(domain) if domain else None
        if organisation is not None:
            count = ungrouped.filter(email__endswith=f"@{domain}").update(
                organisation=organisation, updated_at=timezone.now()
            )
            grouped += count
            if progress:
                progress(domain, count)
    return grouped
