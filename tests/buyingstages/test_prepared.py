"""Prepared queries: compiled once, run against the database every time, the same models as the ORM's."""

from unittest import mock

import pytest
import wagtail_factories
from django.db import connection
from django.db.models import Count
from django.db.models.sql.compiler import SQLCompiler
from django.test.utils import CaptureQueriesContext

from buyingstages.models import AssetPage, Persona
from buyingstages.prepared import PreparedQuery
from tests.factories import AssetPageFactory, PersonaFactory

pytestmark = pytest.mark.django_db


def serving(asset_id):
    return AssetPage.serving_queryset().live().filter(pk=asset_id)


@pytest.fixture
def assets(library, stages):
    image = wagtail_factories.ImageFactory(title="Control room")
    planner = PersonaFactory(name="Planner")
    return [
        AssetPageFactory(parent=library, title="First", stage=stages[0], hero_image=image),
        AssetPageFactory(parent=library, title="Second", stage=stages[2], personas=[planner]),
    ]


def field_values(instance):
    return {
        field.attname: getattr(instance, field.attname) for field in instance._meta.concrete_fields
    }


def test_it_builds_the_same_instances_as_the_queryset(assets):
    load = PreparedQuery(serving)
    for asset in assets:
        expected = serving(asset.pk).get()
        with CaptureQueriesContext(connection) as queries:
            (loaded,) = load(asset.pk)
            # The stage and hero image came with it, as select_related brings them.
            assert loaded.stage == expected.stage
            assert loaded.hero_image == expected.hero_image
        assert len(queries) == 1
        assert type(loaded) is AssetPage
        assert field_values(loaded) == field_values(expected)
        assert loaded.first_published_at.tzinfo is not None  # database values converted as usual
        assert [block.block_type for block in loaded.body] == [
            block.block_type for block in expected.body
        ]
    assert assets[0].hero_image.title == "Control room"


def test_every_run_reads_the_database_and_none_compiles_again(assets):
    load = PreparedQuery(serving)
    first = assets[0]
    load(first.pk)
    AssetPage.objects.filter(pk=first.pk).update(title="Retitled")
    compiling = mock.patch.object(
        SQLCompiler, "as_sql", autospec=True, side_effect=SQLCompiler.as_sql
    )
    with compiling as compile_sql:
        assert [page.title for page in load(first.pk)] == ["Retitled"]
        assert [page.title for page in load(assets[1].pk)] == ["Second"]
    first.unpublish()
    with compiling as compile_sql_again:
        assert load(first.pk) == []  # still filtered by .live()
    assert compile_sql.call_count == compile_sql_again.call_count == 0


def test_each_number_of_ids_has_its_own_statement(assets):
    cards = PreparedQuery(
        lambda *ids: AssetPage.objects.filter(pk__in=ids).for_cards().order_by("pk")
    )
    both = [asset.pk for asset in assets]
    assert [card.title for card in cards(*both)] == ["First", "Second"]
    assert [card.title for card in cards(both[1])] == ["Second"]
    assert [card.title for card in cards(both[1], both[0])] == ["First", "Second"]
    # Only the card's fields were read: the rest is deferred, exactly as .only() leaves it.
    assert cards(both[0])[0].get_deferred_fields() == (
        AssetPage.objects.for_cards().get(pk=both[0]).get_deferred_fields()
    )


def test_many_to_many_through_a_join(assets):
    personas_of = PreparedQuery(lambda asset_id: Persona.objects.filter(assets=asset_id))
    assert personas_of(assets[1].pk) == list(assets[1].personas.all())
    assert personas_of(assets[0].pk) == []


@pytest.mark.parametrize(
    "build, problem",
    [
        (lambda asset_id: AssetPage.objects.filter(pk=1), "Every id must reach the SQL"),
        (
            lambda asset_id: AssetPage.objects.filter(pk=asset_id).prefetch_related("personas"),
            "prefetch",
        ),
        (
            lambda asset_id: Persona.objects.filter(pk=asset_id).annotate(uses=Count("assets")),
            "annotate",
        ),
    ],
)
def test_what_it_cannot_prepare_is_refused(assets, build, problem):
    with pytest.raises(ValueError, match=problem):
        PreparedQuery(build)(assets[0].pk)
