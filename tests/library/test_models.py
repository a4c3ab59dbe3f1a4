import pytest
from django.core.exceptions import ValidationError

from buyingstages.library.blocks import MetricBlock
from buyingstages.library.formats import AssetFormat
from buyingstages.library.models import AssetPage
from buyingstages.taxonomy.models import BuyingStage
from tests.factories import AssetPageFactory, PersonaFactory, TopicFactory

pytestmark = pytest.mark.django_db


def test_next_steps_are_same_topic_assets_at_the_next_stage(library, stages):
    integration, security = TopicFactory(name="Integration"), TopicFactory(name="Security")
    epiphany, awareness, interest = stages[0], stages[1], stages[2]
    asset = AssetPageFactory(parent=library, stage=epiphany, topics=[integration])
    next_one = AssetPageFactory(parent=library, stage=awareness, topics=[integration])
    AssetPageFactory(parent=library, stage=awareness, topics=[security])
    AssetPageFactory(parent=library, stage=interest, topics=[integration])
    AssetPageFactory(parent=library, stage=epiphany, topics=[integration])

    assert asset.next_steps() == [next_one]


def test_next_steps_skip_to_the_nearest_later_stage_with_coverage(library, stages):
    topic = TopicFactory()
    asset = AssetPageFactory(parent=library, stage=stages[0], topics=[topic])
    later = AssetPageFactory(parent=library, stage=stages[3], topics=[topic])
    AssetPageFactory(parent=library, stage=stages[5], topics=[topic])

    assert asset.next_steps() == [later]


def test_next_steps_leave_out_drafts_and_end_at_the_last_stage(library, stages):
    topic = TopicFactory()
    last = AssetPageFactory(parent=library, stage=stages[-1], topics=[topic])
    before_last = AssetPageFactory(parent=library, stage=stages[-2], topics=[topic])
    draft = AssetPageFactory(parent=library, stage=stages[-1], topics=[topic])
    draft.unpublish()

    assert last.next_steps() == []
    assert before_last.next_steps() == [last]


def test_next_stages_follow_the_editors_order(stages):
    interest = stages[2]
    assert list(interest.next_stages()[:2]) == [stages[3], stages[4]]
    stages[6].sort_order = 3
    stages[6].save()
    BuyingStage.objects.filter(pk=stages[3].pk).update(sort_order=10)
    assert interest.next_stages().first() == stages[6]


def test_queryset_filters_by_stage_persona_and_topic(library, stages):
    cio, ops = PersonaFactory(name="CIO"), PersonaFactory(name="VP Operations")
    topic = TopicFactory()
    a = AssetPageFactory(parent=library, stage=stages[0], personas=[cio], topics=[topic])
    b = AssetPageFactory(parent=library, stage=stages[1], personas=[ops])

    assets = AssetPage.objects.live()
    assert list(assets.for_stage(stages[0])) == [a]
    assert list(assets.for_persona(ops)) == [b]
    assert list(assets.for_topic(topic)) == [a]
    assert list(assets.of_format(AssetFormat.ARTICLE).order_by("pk")) == [a, b]


CASE_STUDY = {
    "type": "case_study",
    "value": {
        "customer": "Harlow Components",
        "outcome": "Harlow Components cut unplanned downtime by 31% in nine months.",
        "outcome_metrics": [{"value": "31%", "label": "less unplanned downtime"}],
        "before": "<p>Three plants, three versions of the truth.</p>",
        "after": "<p>One connected model, rolled out plant by plant.</p>",
        "close_the_loop": "<p>Downtime down 31%, and planners trust the numbers.</p>",
        "quotes": [{"text": "We argue about decisions now, not data.", "name": "Ana Ruiz"}],
    },
}


def test_a_case_study_cannot_be_saved_without_its_outcome_first_structure(library, stages):
    with pytest.raises(ValidationError) as error:
        AssetPageFactory(parent=library, stage=stages[3], format=AssetFormat.CASE_STUDY)
    assert "outcome-first" in str(error.value)

    study = AssetPageFactory(
        parent=library, stage=stages[3], format=AssetFormat.CASE_STUDY, body=[CASE_STUDY]
    )
    assert [block.block_type for block in study.body] == ["case_study"]


def test_metrics_must_be_countable():
    block = MetricBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"value": "lots", "label": "happier planners"}))
    assert (
        block.clean(block.to_python({"value": "31%", "label": "less downtime"}))["value"] == "31%"
    )
