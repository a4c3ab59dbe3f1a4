import django_filters
from django.contrib.auth import get_user_model
from wagtail.admin.filters import WagtailFilterSet

from buyingstages.library.formats import AssetFormat
from buyingstages.taxonomy.models import BuyingStage, Campaign, Persona, Topic
from publishing.calendar.models import CalendarEntry, EntryType, Status


class CalendarEntryFilterSet(WagtailFilterSet):
    """The same filters for the calendar grid, the backlog, the listing and the ICS feed."""

    campaign = django_filters.ModelChoiceFilter(queryset=Campaign.objects.all())
    stage = django_filters.ModelChoiceFilter(queryset=BuyingStage.objects.all())
    persona = django_filters.ModelChoiceFilter(
        field_name="personas", queryset=Persona.objects.all(), distinct=True
    )
    topic = django_filters.ModelChoiceFilter(
        field_name="topics", queryset=Topic.objects.all(), distinct=True
    )
    owner = django_filters.ModelChoiceFilter(
        queryset=lambda request: (
            get_user_model().objects.filter(calendar_entries__isnull=False).distinct()
        )
    )
    status = django_filters.ModelChoiceFilter(queryset=Status.objects.all())
    entry_type = django_filters.ModelChoiceFilter(queryset=EntryType.objects.all(), label="Type")
    format = django_filters.ChoiceFilter(choices=AssetFormat.choices)

    class Meta:
        model = CalendarEntry
        fields = []
