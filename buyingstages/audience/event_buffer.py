"""The beacon's fast path: accept a reading event with one insert, score it moments later in batches.

Scoring an event locks its reader's profile and touches several rows (scoring.record); doing that in
the request would make the beacon as slow as the slowest write. Instead the beacon checks the event
against what it already knows (live assets and the rules, kept in the shared cache until an asset is
published or withdrawn or the rules change: see ``beacon_facts``), stores it in
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
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from buyingstages.audience import scoring
from buyingstages.audience.models import BufferedEvent, ProfilingSettings
from buyingstages.library.models import AssetPage
from buyingstages.taxonomy.models import Campaign

logger = logging.getLogger(__name__)

FOLD_DUE_KEY = "masthead:beacon:fold-due"
BATCH_SIZE = 500


def is_on():
    return settings.MASTHEAD_BEACON_BUFFER_SECONDS > 0


# Versioned by shape: a process deployed with new facts never reads an older shape from the cache.
FACTS_KEY = "masthead:beacon:facts:2"
# Dropped whenever they change (and again after the commit); a read that raced a change and kept the
# old facts still expires after this long.
FACTS_SECONDS = 60


class BeaconFacts:
    """What the beacon checks every event against: the live public assets, the campaigns a link
    may name, and the agreed rules (plain values, so reading them from the cache is cheap)."""

    def __init__(self):
        rules = ProfilingSettings.load()
        self.asset_ids = frozenset(AssetPage.objects.live().public().values_list("pk", flat=True))
        self.campaign_ids = Campaign.objects.known_slugs()
        self.consent_required = rules.consent_required
        self.events_per_minute = rules.events_per_minute


def beacon_facts():
    """The facts from the shared cache (one round trip), rebuilt after ``forget_beacon_facts``.

    With the cache unreachable they are read from the database, so events are still stored.
    """
    try:
        return cache.get_or_set(FACTS_KEY, BeaconFacts, timeout=FACTS_SECONDS)
    except Exception:
        logger.warning("Cache unavailable; the beacon reads its facts from the database")
        return BeaconFacts()


def forget_beacon_facts():
    """Now, and again after the commit: facts read from the old rows in between are not kept."""
    forget_facts_now()
    transaction.on_commit(forget_facts_now)


def forget_facts_now():
    try:
        cache.delete(FACTS_KEY)
    except Exception:
        logger.exception("Cache unavailable; could not drop the beacon's facts")


def accept(reading, facts):
    """Buffer one validated event for scoring; raises scoring.UnknownAsset for anything not live."""
    if reading.asset_id not in facts.asset_ids:
        raise scoring.UnknownAsset(reading.asset_id)
    BufferedEvent.objects.append(reading.__dict__)
    schedule_fold()


def schedule_fold():
    delay = settings.MASTHEAD_BEACON_BUFFER_SECONDS
    try:  # reading the flag first: most events find a fold already due, and a read costs less
        due = not cache.has_key(FOLD_DUE_KEY) and cache.add(FOLD_DUE_KEY, True, timeout=delay)
    except Exception:  # the cache is down: schedule a fold for every event rather than lose one
        due = True
    if due:
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
            # Unpublished between the beacon and the fold, erased, or delivered twice.
            logger.info("Dropped %d buffered events not to be counted", len(batch) - stored)
        BufferedEvent.objects.filter(pk__in=[event.pk for event in batch]).delete()
    return len(batch)


def fold_all(batch_size=BATCH_SIZE):
    """Fold until the buffer is empty; returns how many events were folded."""
    folded = 0
    while done := fold(batch_size):
        folded += done
    return folded


@task()
def fold_buffered_events():
    """Score what the beacon buffered; if there was any, look again shortly for the tail of a burst."""
    folded = fold_all()
    if folded:
        schedule_fold()
    return folded
