"""The beacon's fast path: accept a reading event with one insert, score it moments later in batches.

Scoring an event locks its reader's profile and touches several rows (scoring.record); doing that in
the request would make the beacon as slow as the slowest write. Instead the beacon checks the event
against what it already knows (live assets, the rules; both kept per content version), stores it in
`BufferedEvent` and answers 204. The worker folds the buffer in arrival order, a batch per transaction.
Nothing accepted is lost: an event leaves the buffer only in the transaction that scores it.

The fold scores a whole batch with a handful of queries (scoring.record_batch), so one worker keeps
up with several web processes. Every accepted event schedules a fold unless one is already due; a fold
that found work schedules one more, so the tail of a burst is never left waiting for the next reader.
"""

import datetime
import logging

from django.conf import settings
from django.core.cache import cache
from django.db import connections, router, transaction
from django.utils import timezone

from . import content_version, scoring
from .models import AssetPage, BufferedEvent, ProfilingSettings

logger = logging.getLogger(__name__)

FOLD_DUE_KEY = "masthead:beacon:fold-due"
BATCH_SIZE = 500


def is_on():
    return settings.MASTHEAD_BEACON_BUFFER_SECONDS > 0


def _live_asset_ids():
    return frozenset(AssetPage.objects.live().public().values_list("pk", flat=True))


live_asset_ids = content_version.PerVersion(_live_asset_ids)
rules = content_version.PerVersion(ProfilingSettings.load)


def accept(reading):
    """Buffer one validated event for scoring; raises scoring.UnknownAsset for anything not live."""
    if reading.asset_id not in live_asset_ids.get():
        raise scoring.UnknownAsset(reading.asset_id)
    store(BufferedEvent(reading=reading.__dict__, received_at=timezone.now()))
    schedule_fold()


def store(event):
    """One round trip: the insert is also the check that a kept connection still works.

    With CONN_HEALTH_CHECKS Django would first ping a connection kept from an earlier request, which
    doubles the beacon's time in the database. If the connection has died, the insert fails instead:
    the beacon answers 503 (cms.middleware.BeaconMiddleware) and Django drops the broken connection
    at the end of the request, so the next event connects afresh.
    """
    connections[router.db_for_write(BufferedEvent)].health_check_done = True
    event.save(force_insert=True)


def schedule_fold():
    delay = settings.MASTHEAD_BEACON_BUFFER_SECONDS
    if cache.add(FOLD_DUE_KEY, True, timeout=delay):
        from .tasks import fold_buffered_events

        task = fold_buffered_events
        if task.get_backend().supports_defer:  # a backend that runs tasks at once folds at once
            task = task.using(run_after=timezone.now() + datetime.timedelta(seconds=delay))
        transaction.on_commit(task.enqueue)


def fold(batch_size=BATCH_SIZE):
    """Score one batch of buffered events, oldest first; returns how many left the buffer."""
    current_rules = ProfilingSettings.load()
    with transaction.atomic():
        batch = list(
            BufferedEvent.objects.select_for_update(skip_locked=True).order_by("pk")[:batch_size]
        )
        readings = [(scoring.Reading(**event.reading), event.received_at) for event in batch]
        stored = scoring.record_batch(readings, current_rules) if readings else 0
        if stored < len(batch):
            # Unpublished between the beacon and the fold: nothing left to read about.
            logger.info("Dropped %d buffered events for assets no longer live", len(batch) - stored)
        BufferedEvent.objects.filter(pk__in=[event.pk for event in batch]).delete()
    return len(batch)


def fold_all(batch_size=BATCH_SIZE):
    """Fold until the buffer is empty; returns how many events were folded."""
    folded = 0
    while done := fold(batch_size):
        folded += done
    return folded
