"""The version of a story under test a reading event carries ("t"): kept only when the site's signature
holds, and a token that does not verify costs the reader nothing: the event is kept, for no version."""

import uuid

import pytest
from django.core import signing

from buyingstages.audience import event_buffer, variants
from buyingstages.audience.models import BufferedEvent, ContentEvent
from tests.factories import AssetPageFactory
from tests.people import reading_event, send_beacon

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("buffered_beacon")]


LABEL = "7:B"


@pytest.fixture
def asset(library, stages):
    return AssetPageFactory(parent=library, stage=stages[0])


def read_with(client, asset, visitor, token):
    return send_beacon(client, reading_event(asset.pk, "read", visitor, s=2, n=3, t=token))


def test_a_signed_version_is_stored_with_the_event(client, asset):
    visitor = uuid.uuid4()
    assert read_with(client, asset, visitor, variants.sign(LABEL)).status_code == 204
    assert event_buffer.fold_all() == 1
    assert ContentEvent.objects.get(profile__visitor_id=visitor).story_variant == LABEL


def signed_before_the_key_rotated(label):
    return signing.Signer(key="the key before the rotation", salt="masthead.story-variant").sign(
        label
    )


@pytest.mark.parametrize(
    "token",
    [
        pytest.param(variants.sign(LABEL).replace(":B:", ":C:"), id="tampered-version"),
        pytest.param(variants.sign("7:A").replace("7:A", "8:A"), id="tampered-test"),
        pytest.param(signed_before_the_key_rotated(LABEL), id="old-secret-key"),
        pytest.param(LABEL, id="unsigned"),
        pytest.param(signing.Signer(salt="another.purpose").sign(LABEL), id="other-salt"),
        pytest.param(variants.SIGNER.sign("7:B; DROP TABLE x"), id="signed-but-not-a-label"),
        pytest.param(variants.sign(LABEL) + "x" * 100, id="too-long"),
        pytest.param("", id="empty"),
        pytest.param(7, id="number"),
        pytest.param(None, id="null"),
        pytest.param({"label": LABEL}, id="object"),
        pytest.param([variants.sign(LABEL)], id="list"),
    ],
)
def test_reading_with_a_token_that_does_not_verify_is_kept_for_no_version(client, asset, token):
    visitor = uuid.uuid4()
    assert read_with(client, asset, visitor, token).status_code == 204
    assert BufferedEvent.objects.get().reading["story_variant"] is None

    assert event_buffer.fold_all() == 1

    stored = ContentEvent.objects.get(profile__visitor_id=visitor)
    assert (stored.kind, stored.sections_seen, stored.story_variant) == ("read", 2, None)
    assert not ContentEvent.objects.filter(story_variant__isnull=False).exists()


def test_a_stale_tab_keeps_counting_its_reading_after_the_key_rotated(client, asset):
    """A session of reading from a tab that kept its token across a SECRET_KEY rotation: every event
    is kept and scored, none is filed under a version."""
    visitor = uuid.uuid4()
    stale = signed_before_the_key_rotated(LABEL)
    for kind, extra in (("view", {}), ("read", {"s": 3, "n": 3}), ("download", {})):
        body = reading_event(asset.pk, kind, visitor, t=stale, **extra)
        assert send_beacon(client, body).status_code == 204
    assert event_buffer.fold_all() == 3

    events = ContentEvent.objects.filter(profile__visitor_id=visitor)
    assert sorted(events.values_list("kind", flat=True)) == ["download", "read", "view"]
    assert set(events.values_list("story_variant", flat=True)) == {None}
    assert events.first().profile.score > 0
