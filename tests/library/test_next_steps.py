"""``next_steps.offering`` runs ``AssetPage.next_steps`` backwards: the pages whose cards show an asset."""

import datetime
import random

import pytest
from django.utils import timezone

from buyingstages.library import next_steps
from buyingstages.library.models import AssetPage
from tests.factories import AssetPageFactory, TopicFactory

pytestmark = pytest.mark.django_db


def showing(asset_id):
    """Every live asset whose rendered next steps include ``asset_id``, asked page by page."""
    return {
        page.pk
        for page in AssetPage.objects.live()
        if asset_id in {card.pk for card in page.next_steps()}
    }


def random_library(library, stages, seed, size=14):
    """Assets on random stages and topics, some withdrawn, one behind a password."""
    chooser = random.Random(seed)  # noqa: S311 (a repeatable library, not a secret)
    topics = [TopicFactory(name=f"Topic {seed}-{n}") for n in range(3)]
    start = timezone.now() - datetime.timedelta(days=60)
    assets = []
    for _ in range(size):
        asset = AssetPageFactory(
            parent=library,
            stage=chooser.choice(stages[:5]),
            topics=chooser.sample(topics, chooser.randint(0, 2)),
            first_published_at=start + datetime.timedelta(hours=chooser.randrange(1000)),
        )
        if chooser.random() < 0.15:
            asset.unpublish()
        assets.append(asset)
    assets[0].view_restrictions.create(restriction_type="password", password="inside")  # noqa: S106
    return assets


@pytest.mark.parametrize("seed", range(6))
def test_the_pages_offering_an_asset_are_those_whose_cards_show_it(library, stages, seed):
    assets = random_library(library, stages, seed)

    for asset in assets:
        assert next_steps.offering(asset.pk) == showing(asset.pk), asset.title


def test_an_asset_beyond_the_three_newest_is_offered_nowhere(library, stages):
    topic = TopicFactory()
    earlier = AssetPageFactory(parent=library, stage=stages[0], topics=[topic])
    now = timezone.now()
    later = [
        AssetPageFactory(
            parent=library,
            stage=stages[1],
            topics=[topic],
            first_published_at=now - datetime.timedelta(days=days),
        )
        for days in range(4)
    ]

    assert [next_steps.offering(asset.pk) for asset in later] == [{earlier.pk}] * 3 + [set()]


def test_an_asset_behind_a_nearer_stage_is_offered_nowhere(library, stages):
    topic = TopicFactory()
    earlier = AssetPageFactory(parent=library, stage=stages[0], topics=[topic])
    nearer = AssetPageFactory(parent=library, stage=stages[1], topics=[topic])
    farther = AssetPageFactory(parent=library, stage=stages[2], topics=[topic])

    assert next_steps.offering(nearer.pk) == {earlier.pk}
    assert next_steps.offering(farther.pk) == {nearer.pk}
