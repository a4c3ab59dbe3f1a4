import factory
import wagtail_factories
from django.utils import timezone
from django.utils.text import slugify
from factory.django import DjangoModelFactory

from buyingstages.library.formats import AssetFormat
from buyingstages.library.models import AssetIndexPage, AssetPage
from buyingstages.taxonomy.models import (
    BuyingStage,
    Campaign,
    Persona,
    Segment,
    SegmentDimension,
    Topic,
)
from cms.home.models import HomePage
from publishing.calendar.models import CalendarEntry


class BuyingStageFactory(DjangoModelFactory):
    class Meta:
        model = BuyingStage
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Stage {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    question = factory.LazyAttribute(lambda o: f"What do we ask at {o.name}?")
    sort_order = factory.Sequence(int)


class PersonaFactory(DjangoModelFactory):
    class Meta:
        model = Persona
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Persona {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class SegmentFactory(DjangoModelFactory):
    class Meta:
        model = Segment
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Segment {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    dimension = SegmentDimension.INDUSTRY


class TopicFactory(DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class CampaignFactory(DjangoModelFactory):
    class Meta:
        model = Campaign
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Campaign {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "Home"
    hero_heading = "Useful reading for every stage"


class AssetIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = AssetIndexPage

    title = "Library"
    slug = "library"


def section(heading, text):
    return {"type": "section", "value": {"heading": heading, "content": f"<p>{text}</p>"}}


class AssetPageFactory(wagtail_factories.PageFactory):
    """An asset, live and published. Pass personas=[...] and topics=[...] to tag it."""

    class Meta:
        model = AssetPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Asset {n}")
    format = AssetFormat.ARTICLE
    summary = factory.LazyAttribute(lambda o: f"What {o.title} is about.")
    stage = factory.SubFactory(BuyingStageFactory)
    body = factory.LazyAttribute(lambda o: [section("Why it matters", f"The case for {o.title}.")])
    first_published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def personas(self, create, extracted, **kwargs):
        if extracted:
            self.personas = extracted
            self.save()

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if extracted:
            self.topics.add(*extracted)
            self.save()


class CalendarEntryFactory(DjangoModelFactory):
    class Meta:
        model = CalendarEntry
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Planned piece {n}")
    brief = "Why this reader needs it."
    stage = factory.SubFactory(BuyingStageFactory)
    format = AssetFormat.ARTICLE

    @factory.post_generation
    def personas(self, create, extracted, **kwargs):
        if extracted:
            self.personas.set(extracted)

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if extracted:
            self.topics.set(extracted)
