"""Filtering the asset library by stage, persona, segment, topic and format."""

import django_filters

from buyingstages.library.formats import AssetFormat
from buyingstages.taxonomy.models import BuyingStage, Persona, Segment, Topic


class AssetFilterSet(django_filters.FilterSet):
    stage = django_filters.ModelChoiceFilter(
        queryset=BuyingStage.objects.all(), to_field_name="slug", empty_label="Any stage"
    )
    persona = django_filters.ModelChoiceFilter(
        field_name="personas",
        distinct=True,
        queryset=Persona.objects.all(),
        to_field_name="slug",
        empty_label="Any reader",
        label="Reader",
    )
    segment = django_filters.ModelChoiceFilter(
        field_name="segments",
        distinct=True,
        queryset=Segment.objects.all(),
        to_field_name="slug",
        empty_label="Any segment",
        label="Segment",
    )
    topic = django_filters.ModelChoiceFilter(
        field_name="tagged_topics__tag",
        distinct=True,
        queryset=Topic.objects.all(),
        to_field_name="slug",
        empty_label="Any topic",
        label="Topic",
    )
    format = django_filters.ChoiceFilter(choices=AssetFormat.choices, empty_label="Any format")
