"""Which version of a message under test a reader sees, decided afresh on every request.

No cookie, no identifier, nothing stored: the version is a keyed hash (HMAC-SHA256) of the client's
address and User-Agent, keyed by a random salt of the test's own. The same browser on the same network
gets the same version on every page for the whole test; a new test (a new salt) splits readers afresh,
so versions cannot be linked across tests. The address and User-Agent are used in the request and
forgotten; the hash is never kept. Readers who ask not to be tracked (DNT: 1, Sec-GPC: 1) and bots see
the current version and are not counted.

Assigning costs no database query: the running tests (with the paths of the pages showing their
message) are a snapshot in the shared cache, rebuilt when a test starts or ends or a page is published,
and kept in each process's memory for ``MASTHEAD_STORY_TESTS_REFRESH_SECONDS``.
"""

import hashlib
import hmac
import logging
import time
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.utils import timezone

from buyingstages.audience import variants
from buyingstages.audience.beacon import is_bot, opted_out
from buyingstages.common.throttling import client_address

logger = logging.getLogger(__name__)

SNAPSHOT_KEY = "masthead:story-tests"
REQUEST_ATTRIBUTE = "masthead_story_arms"


@dataclass(frozen=True)
class Arm:
    """The version of one test a reader sees."""

    test_id: int
    name: str  # A (the current version), B or C
    revision_id: int | None  # the challenger's draft; None for A

    @property
    def label(self):
        return f"{self.test_id}:{self.name}"

    @property
    def token(self):
        """Signed, and the same for every reader of this version: the page stays cacheable."""
        return variants.sign(self.label)

    def as_message(self):
        """The challenger's wording, or None if its draft is gone (the reader then sees the current
        version; deleting a challenger's draft stops its test, see ``story_tests.challenger_deleted``)."""
        from wagtail.models import Revision

        revision = Revision.objects.filter(pk=self.revision_id).first()
        return revision.as_object() if revision is not None else None


def point_of(salt, address, user_agent):
    """Where a reader falls in [0, 1) for one test."""
    digest = hmac.new(salt.encode(), f"{address}\n{user_agent}".encode(), hashlib.sha256).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


@dataclass(frozen=True)
class RunningTest:
    """What assigning needs of a running test: plain values, cheap to keep in memory."""

    pk: int
    message_id: int
    salt: str
    share: int  # percent of readers in the test
    arms: tuple
    revisions: tuple  # ((arm, revision id), ...)
    ends_at: object
    paths: frozenset

    def arm_of(self, address, user_agent):
        """The version this reader sees, or None when they are outside the test's share."""
        share = self.share / 100
        point = point_of(self.salt, address, user_agent)
        if point >= share:
            return None
        name = self.arms[min(int(point / share * len(self.arms)), len(self.arms) - 1)]
        return Arm(self.pk, name, dict(self.revisions).get(name))


# This process's copy of the snapshot: (monotonic time read, tests).
local = {"read_at": float("-inf"), "tests": ()}


def page_paths(page):
    """The URL paths a live page answers (its routes included)."""
    parts = page.get_url_parts()
    if parts is None:
        return []
    return [parts[2] + path.lstrip("/") for path in page.get_cached_paths()]


def build_snapshot():
    from publishing.messaging.effects import live_pages
    from publishing.messaging.models import StoryTest

    tests = []
    for test in StoryTest.objects.running().select_related("message"):
        paths = frozenset(path for page, _ in live_pages(test.message) for path in page_paths(page))
        tests.append(
            RunningTest(
                pk=test.pk,
                message_id=test.message_id,
                salt=test.salt,
                share=test.share,
                arms=test.arms,
                revisions=tuple((arm, test.revision_id_of(arm)) for arm in test.arms[1:]),
                ends_at=test.planned_end,
                paths=paths,
            )
        )
    return {"version": uuid.uuid4().hex, "tests": tuple(tests)}


def publish_snapshot():
    """Rebuild the snapshot from the database and share it with every process."""
    snapshot = build_snapshot()
    try:
        cache.set(SNAPSHOT_KEY, snapshot, timeout=None)
    except Exception:
        logger.exception("Cache unavailable; story tests are not shown until it is back")
    local.update(read_at=time.monotonic(), tests=snapshot["tests"])
    return snapshot["tests"]


def publish_snapshot_on_commit():
    transaction.on_commit(publish_snapshot)


def running_tests():
    """The running tests, from this process's memory or the shared cache: no database query, except
    once after the cache lost the snapshot. With the cache or the database unreachable, no test runs
    (the page is then served, or refused kindly, as it would be without tests)."""
    now = time.monotonic()
    if now - local["read_at"] < settings.MASTHEAD_STORY_TESTS_REFRESH_SECONDS:
        return local["tests"]
    try:
        snapshot = cache.get(SNAPSHOT_KEY)
    except Exception:
        logger.exception("Cache unavailable; every reader sees the current version")
        return ()
    if snapshot is None:
        try:
            return publish_snapshot()
        except DatabaseError:
            logger.exception("Database unavailable; every reader sees the current version")
            return ()
    local.update(read_at=now, tests=snapshot["tests"])
    return snapshot["tests"]


def arms_for(request):
    """{message id: Arm} for the tests running on this request's page; worked out once a request."""
    found = getattr(request, REQUEST_ATTRIBUTE, None)
    if found is not None:
        return found
    found = {}
    tests = [test for test in running_tests() if request.path in test.paths]
    user_agent = request.headers.get("User-Agent", "")
    if tests and not opted_out(request.META) and not is_bot(user_agent):
        now = timezone.now()
        address = client_address(request)
        for test in tests:
            arm = test.arm_of(address, user_agent) if now < test.ends_at else None
            if arm is not None:
                found[test.message_id] = arm
    setattr(request, REQUEST_ATTRIBUTE, found)
    return found


def variant_key(request):
    """The versions this request's page shows, for the page cache ("" when none): each is cached on
    its own."""
    return " ".join(sorted(arm.label for arm in arms_for(request).values()))


def splits_readers(request):
    """Whether this request's page shows a message under a running test (to someone)."""
    now = timezone.now()
    return any(request.path in test.paths and now < test.ends_at for test in running_tests())
