"""Starting, stopping and releasing tests of a story (``StoryTest``).

Releasing the winner is publishing its draft: Wagtail's publish queues the synchronized switch
(``sync.release``), which re-renders the decks, moves site and decks together and tells Sales what
changed and why, in the test's words. The test ends at once, its figures kept with it; until the switch
every reader sees the current version, so nobody meets the winner outside the test before the decks do.
"""

from django.db import models, transaction
from django.utils import timezone
from wagtail.models import Revision

from publishing.messaging import measures, splitting
from publishing.messaging.effects import live_pages
from publishing.messaging.models import StoryTest, StoryTestState, released_version


class CannotStart(ValueError):
    """Why this test cannot start, in words for the editor."""


def drafts_of(message):
    """The message's saved versions newer than what is released: the challengers to choose from."""
    released_id, _ = released_version(message)
    revisions = Revision.objects.for_instance(message).order_by("-created_at", "-pk")
    if released_id is not None:
        released_at = Revision.objects.get(pk=released_id).created_at
        revisions = revisions.filter(created_at__gt=released_at).exclude(pk=released_id)
    return revisions


def start(message, challengers, share, planned_end, user=None):
    """Start a test of ``message``: its released version (A) against ``challengers`` (one or two of
    its drafts) on ``share`` percent of readers until ``planned_end``. Raises CannotStart."""
    released_id, released = released_version(message)
    if released is None:
        raise CannotStart("Publish the message first: a test compares drafts with a live version.")
    if message.is_embargoed():
        raise CannotStart("The message is under embargo: it cannot be tested on readers.")
    pages = live_pages(message)
    if not pages:
        raise CannotStart("No live page shows this message, so no reader would see the test.")
    paths = {path for page, _ in pages for path in splitting.page_paths(page)}
    for other in splitting.running_tests():
        if other.message_id != message.pk and paths & other.paths:
            raise CannotStart(
                "A page showing this message is already in a test of another message; one test "
                "a page keeps each result clear. Wait for that test to end."
            )
    with transaction.atomic():
        if StoryTest.objects.running().filter(message=message).exists():
            raise CannotStart("This message is already being tested.")
        test = StoryTest(
            message=message,
            challenger_b=challengers[0],
            challenger_c=challengers[1] if len(challengers) > 1 else None,
            current_revision_id=released_id,
            share=share,
            planned_end=planned_end,
            started_by=user,
        )
        test.full_clean()
        test.save()
    splitting.publish_snapshot_on_commit()
    return test


def end(test, state, user=None, winner=""):
    """End a running test, keeping its figures; every reader sees the current version from now."""
    test.figures = measures.count(test)
    test.state, test.winner = state, winner
    test.ended_at, test.ended_by = timezone.now(), user
    test.save()
    splitting.publish_snapshot_on_commit()


def stop(test, user=None):
    """End the test and keep the current version everywhere."""
    end(test, StoryTestState.STOPPED, user)


class DraftGone(LookupError):
    """The challenger's draft no longer exists, so there is nothing to release."""


def release_winner(test, arm, user=None):
    """End the test and publish challenger ``arm`` as the message's new version, everywhere at once."""
    revision = Revision.objects.filter(pk=test.revision_id_of(arm)).first()
    if revision is None:
        raise DraftGone(arm)
    with transaction.atomic():
        end(test, StoryTestState.RELEASED, user, winner=arm)
        revision.publish(user=user)


def challenger_deleted(revision):
    """A running test whose challenger's draft is deleted stops: no reader can be shown it any more,
    and figures labelled with it would no longer describe what readers saw."""
    for test in StoryTest.objects.running().filter(
        models.Q(challenger_b=revision) | models.Q(challenger_c=revision)
    ):
        stop(test)


def stop_if_superseded(message, revision):
    """A release that is not a test's winner ends the message's running test: the current version it
    was measured against has changed."""
    for test in StoryTest.objects.running().filter(message=message):
        if revision.pk not in (test.challenger_b_id, test.challenger_c_id):
            stop(test)


def result_in_words(message, revision):
    """Why Sales see this change: the test it won, its result and its figures; "" if it won none."""
    test = (
        StoryTest.objects.filter(message=message, state=StoryTestState.RELEASED)
        .order_by("-ended_at")
        .first()
    )
    if test is None or test.revision_id_of(test.winner) != revision.pk or not test.figures:
        return ""
    arms = test.figures["arms"]
    winner, current = arms[test.winner], arms["A"]
    shares = []
    for row in measures.rows(test.figures):
        shares.append(
            f"{row.label.lower()}: {row.shares[test.winner].rate:.0%} against "
            f"{row.shares['A'].rate:.0%}"
        )
    return (
        f"This wording was released after a test on readers ({test.started_at:%d %b}–{test.ended_at:%d %b %Y}; "
        f"{winner['readers']} readers saw it, {current['readers']} the wording it replaces): "
        f"{measures.verdict(test.figures)}. Among its readers against the old wording's, "
        + "; ".join(shares)
        + "."
    )


def running_exceptions():
    """[(test, pages)] for the consistency report: where readers may see a version not yet released."""
    return [
        (test, [page for page, _ in live_pages(test.message)])
        for test in StoryTest.objects.running().select_related("message")
    ]
