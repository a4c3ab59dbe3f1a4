"""Testing a new story on real readers: the split, each version cached on its own, what is counted,
and releasing the winner through the synchronized switch."""

import datetime
import json
import random
import re
import uuid
from collections import Counter

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from buyingstages.audience import variants
from buyingstages.audience.models import ContentEvent, EventKind, Lead
from publishing.messaging import measures, splitting, story_tests
from publishing.messaging.models import SalesDeck, StoryTest, StoryTestState
from tests.factories import AssetPageFactory
from tests.messaging.story import JOB, NEW, OLD
from tests.people import reading_event

pytestmark = pytest.mark.django_db

CHALLENGER_C = "Planners trust one schedule across every plant."
ADDRESS = "203.0.113.7"


def browser(n):
    return f"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/156.0.{n} Safari/537.36"


@pytest.fixture
def page(home, message):
    home.story = [{"type": "message", "value": {"message": message.pk, "parts": ["headline"]}}]
    home.save_revision().publish()
    return home


def draft(message, headline):
    version = message.get_latest_revision_as_object()
    version.headline = headline
    return version.save_revision()


@pytest.fixture
def deck(message, run_on_commit):
    slides = [{"type": "message_slide", "value": {"message": message.pk, "parts": []}}]
    deck = SalesDeck(slug="first-meeting", title="First meeting", slides=slides)
    with run_on_commit():
        deck.save()
    return deck


@pytest.fixture
def seller(make_user):
    user = make_user("Sales", "sam")
    user.email = "sam@example.com"
    user.save()
    return user


@pytest.fixture
def running(message, page, run_on_commit):
    """A test of the core story: B (NEW) against the current version, on every reader."""
    with run_on_commit():
        test = story_tests.start(
            message, [draft(message, NEW)], 100, timezone.now() + datetime.timedelta(days=14)
        )
    return test


def reader_in(test, arm, address=ADDRESS):
    """A User-Agent that falls in ``arm`` of ``test`` from ``address`` (found, not guessed)."""
    [snapshot] = [found for found in splitting.running_tests() if found.pk == test.pk]
    for n in range(1000):
        found = snapshot.arm_of(address, browser(n))
        if found is not None and found.name == arm:
            return browser(n)
    raise AssertionError(f"no reader in {arm}")


def get(client, path="/", user_agent=None, **headers):
    headers = {"User-Agent": user_agent or browser(0), **headers}
    return client.get(path, headers=headers, REMOTE_ADDR=ADDRESS)


def headline(response):
    return re.search(r'message__headline">([^<]*)<', response.content.decode()).group(1)


def story_token(response):
    found = re.search(r'data-story-variant="([^"]+)"', response.content.decode())
    return found.group(1) if found else None


# The split --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("share", "arms"), [(30, ("A", "B")), (90, ("A", "B", "C"))])
def test_the_split_is_stable_and_close_to_the_chosen_share_over_10000_readers(share, arms):
    test = splitting.RunningTest(
        pk=1,
        message_id=1,
        salt="a test's own salt",
        share=share,
        arms=arms,
        revisions=(("B", 2), ("C", 3)),
        ends_at=None,
        paths=frozenset(["/"]),
    )
    rng = random.Random(21)  # noqa: S311 (simulated readers, not secrets)
    readers = [
        (f"198.51.{rng.randrange(256)}.{rng.randrange(256)}", browser(rng.randrange(10**6)))
        for _ in range(10_000)
    ]
    first = [test.arm_of(address, agent) for address, agent in readers]
    again = [test.arm_of(address, agent) for address, agent in readers]
    assert first == again  # the same reader sees the same version on every page
    counted = Counter(arm.name if arm else None for arm in first)
    in_test = 10_000 - counted[None]
    # Binomial standard deviations are under 0.5% here: 2% is four of them.
    assert abs(in_test / 10_000 - share / 100) < 0.02
    for arm in arms:
        assert abs(counted[arm] / in_test - 1 / len(arms)) < 0.02
    other_salt = splitting.RunningTest(**{**test.__dict__, "salt": "another test"})
    moved = sum(
        (a.name if a else None) != ((b := other_salt.arm_of(*r)) and b.name)
        for a, r in zip(first, readers, strict=True)
    )
    assert moved > 2_000  # a new test splits readers afresh


# Statistics, against published figures ----------------------------------------------------------


def test_wilson_intervals_match_newcombes_published_examples():
    """Newcombe (1998), Statistics in Medicine 17:857-872, table II, method 3 (Wilson score)."""
    for (successes, n), (low, high) in [
        ((81, 263), (0.2553, 0.3662)),
        ((15, 148), (0.0624, 0.1605)),
        ((0, 20), (0.0, 0.1611)),
        ((1, 29), (0.0061, 0.1718)),
    ]:
        found = measures.wilson(successes, n)
        assert found == pytest.approx((low, high), abs=5e-5)


def test_the_difference_interval_matches_newcombes_published_example():
    """Newcombe (1998), Statistics in Medicine 17:873-890, method 10: 56/70 - 48/80."""
    d, low, high = measures.difference(56, 70, 48, 80)
    assert (d, low, high) == pytest.approx((0.2, 0.0524, 0.3339), abs=5e-5)
    assert measures.difference(9, 10, 3, 10)[1:] == pytest.approx((0.1705, 0.8090), abs=5e-5)


def test_the_verdict_says_what_is_clear_and_what_needs_more_data():
    def arm(readers, read_through, next_step=0, subscribed=0, sales_ready=0):
        return {
            "readers": readers,
            "read_through": read_through,
            "next_step": next_step,
            "subscribed": subscribed,
            "sales_ready": sales_ready,
        }

    figures = {"arms": {"A": arm(500, 100, 50, 3, 1), "B": arm(500, 180, 55, 4, 1)}}
    assert measures.verdict(figures) == (
        "B reads better; not enough data on next steps, subscriptions or sales-ready readers yet"
    )
    assert measures.leader(figures) == "B"
    nothing = {"arms": {"A": arm(0, 0), "B": arm(0, 0)}}
    assert measures.verdict(nothing).startswith("Not enough data on read-through")
    assert measures.leader(nothing) is None


# Pages, the page cache, DNT/GPC and bots -----------------------------------------------------------


def test_each_version_is_cached_on_its_own_and_a_reader_keeps_theirs(client, running):
    in_a, in_b = reader_in(running, "A"), reader_in(running, "B")
    first_b = get(client, user_agent=in_b)
    first_a = get(client, user_agent=in_a)
    assert (headline(first_b), headline(first_a)) == (NEW, OLD)
    assert first_b["X-Masthead-Cache"] == first_a["X-Masthead-Cache"] == "miss"
    assert variants.label_of(story_token(first_b)) == f"{running.pk}:B"
    assert variants.label_of(story_token(first_a)) == f"{running.pk}:A"
    for _ in range(2):
        again_b, again_a = get(client, user_agent=in_b), get(client, user_agent=in_a)
        assert again_b["X-Masthead-Cache"] == again_a["X-Masthead-Cache"] == "hit"
        assert (headline(again_b), headline(again_a)) == (NEW, OLD)
        assert story_token(again_b) == story_token(first_b)  # one token per version: cacheable
    # Kept by this cache per version, but never by a CDN that would give B to everyone.
    assert "private" in again_b["Cache-Control"] and "public" not in again_b["Cache-Control"]


def test_a_cached_page_under_test_is_served_without_a_database_query(client, running):
    in_b = reader_in(running, "B")
    get(client, user_agent=in_b)
    with CaptureQueriesContext(connection) as queries:
        response = get(client, user_agent=in_b)
    assert response["X-Masthead-Cache"] == "hit" and headline(response) == NEW
    assert len(queries) == 0, [query["sql"] for query in queries]


def test_assigning_a_version_costs_no_query_with_one_test_or_many(rf, running):
    splitting.running_tests()  # the snapshot, as every process holds it
    for readers in (1, 200):
        with CaptureQueriesContext(connection) as queries:
            for n in range(readers):
                request = rf.get("/", HTTP_USER_AGENT=browser(n), REMOTE_ADDR=ADDRESS)
                assert splitting.variant_key(request).startswith(f"{running.pk}:")
        assert len(queries) == 0


@pytest.mark.parametrize(
    "headers",
    [{"DNT": "1"}, {"Sec-GPC": "1"}, {"User-Agent": "Googlebot/2.1 (+http://www.google.com/bot)"}],
    ids=["Do Not Track", "Global Privacy Control", "a bot"],
)
def test_readers_who_opt_out_and_bots_see_the_current_version_and_are_not_counted(
    client, running, headers
):
    in_b = reader_in(running, "B")
    response = get(client, **{"user_agent": in_b, **headers})
    assert headline(response) == OLD
    assert story_token(response) is None  # nothing for the script to count


def test_pages_that_do_not_show_the_message_are_cached_once(client, running, library):
    in_a, in_b = reader_in(running, "A"), reader_in(running, "B")
    get(client, library.url, user_agent=in_a)
    response = get(client, library.url, user_agent=in_b)
    assert response["X-Masthead-Cache"] == "hit"
    assert "public" in response["Cache-Control"]


def test_after_the_planned_end_everyone_sees_the_current_version(client, running):
    StoryTest.objects.filter(pk=running.pk).update(planned_end=timezone.now())
    splitting.publish_snapshot()
    response = get(client, user_agent=reader_in_any_b(running))
    assert headline(response) == OLD and story_token(response) is None


def reader_in_any_b(test):
    for n in range(1000):
        arm = splitting.point_of(test.salt, ADDRESS, browser(n)) * 2
        if arm >= 1:
            return browser(n)
    raise AssertionError


# Counting ------------------------------------------------------------------------------------------


def send(client, body, **headers):
    return client.post(
        "/t/", json.dumps(body), content_type="application/json", headers={"User-Agent": browser(0)}
    )


def test_reading_events_are_counted_per_version_and_unsigned_versions_count_for_none(
    client, running, library, stages
):
    asset = AssetPageFactory(parent=library, stage=stages[0])
    reader_b, reader_a = uuid.uuid4(), uuid.uuid4()
    token_b = variants.sign(f"{running.pk}:B")
    token_a = variants.sign(f"{running.pk}:A")
    assert send(client, reading_event(asset.pk, visitor=reader_b, t=token_b)).status_code == 204
    assert (
        send(
            client, reading_event(asset.pk, "read", visitor=reader_b, s=3, n=4, t=token_b)
        ).status_code
        == 204
    )
    assert (
        send(client, reading_event(asset.pk, "next", visitor=reader_b, t=token_b)).status_code
        == 204
    )
    assert send(client, reading_event(asset.pk, visitor=reader_a, t=token_a)).status_code == 204
    # Unsigned or forged: the reading is kept (never lost for a bad label) but counts for no version.
    unsigned, forged = uuid.uuid4(), uuid.uuid4()
    assert (
        send(client, reading_event(asset.pk, visitor=unsigned, t=f"{running.pk}:B")).status_code
        == 204
    )
    assert (
        send(
            client, reading_event(asset.pk, visitor=forged, t=token_b.replace(":B:", ":C:"))
        ).status_code
        == 204
    )
    assert ContentEvent.objects.filter(story_variant=f"{running.pk}:B").count() == 3
    assert not ContentEvent.objects.filter(story_variant=f"{running.pk}:C").exists()
    assert set(
        ContentEvent.objects.filter(profile__visitor_id__in=[unsigned, forged]).values_list(
            "story_variant", flat=True
        )
    ) == {None}
    assert ContentEvent.objects.filter(kind=EventKind.NEXT_STEP).get().points == 0

    figures = measures.count(running)
    assert figures["arms"]["B"] == {
        "readers": 1,
        "read_through": 1,
        "next_step": 1,
        "subscribed": 0,
        "sales_ready": 0,
    }
    assert figures["arms"]["A"]["readers"] == 1 and figures["arms"]["A"]["read_through"] == 0


def test_subscriptions_and_sales_ready_readers_count_within_the_window(running, library, stages):
    asset = AssetPageFactory(parent=library, stage=stages[0])
    from buyingstages.audience import scoring

    profiles = {}
    for arm in ("A", "B"):
        profiles[arm] = scoring.record(
            scoring.Reading(
                visitor_id=str(uuid.uuid4()),
                kind="view",
                asset_id=asset.pk,
                story_variant=f"{running.pk}:{arm}",
            )
        )
    lead = Lead.objects.create(email="pat@example.com", name="Pat")  # after reading B
    profiles["B"].lead = lead
    profiles["B"].save()
    Lead.objects.filter(pk=lead.pk).update(sales_ready_at=timezone.now())
    figures = measures.count(running)
    assert figures["arms"]["B"]["subscribed"] == figures["arms"]["B"]["sales_ready"] == 1
    assert figures["arms"]["A"]["subscribed"] == 0


def test_only_subscriptions_and_sales_ready_after_the_reader_saw_the_version_count_for_it(
    running, library, stages, client, settings, django_capture_on_commit_callbacks
):
    """Through the buffered beacon and the worker: Early subscribed and turned sales-ready before
    ever reading in version B, Late after; both are B's readers, only Late is B's subscriber and
    sales-ready reader."""
    from django_tasks import default_task_backend

    from buyingstages.audience import event_buffer
    from tests.factories import TopicFactory
    from tests.people import subscribe_and_confirm

    settings.MASTHEAD_BEACON_BUFFER_SECONDS = 1
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    asset = AssetPageFactory(parent=library, stage=stages[0])
    pricing = AssetPageFactory(parent=library, stage=stages[4], signal_weight=30)
    topic = TopicFactory(name="Uptime")
    token_b = variants.sign(f"{running.pk}:B")
    early, late = uuid.uuid4(), uuid.uuid4()

    def read(visitor, page, kind="view", **fields):
        assert send(client, reading_event(page.pk, kind, visitor, **fields)).status_code == 204
        event_buffer.fold_all()

    read(early, asset)  # not in the test yet: nothing carries a version
    subscribe_and_confirm(
        client, topic, early, django_capture_on_commit_callbacks, email="early@example.com"
    )
    read(early, pricing, "download")
    assert Lead.objects.get(email="early@example.com").state == "sales_ready"
    read(early, asset, t=token_b)  # only now shown B

    read(late, asset, t=token_b)
    subscribe_and_confirm(
        client, topic, late, django_capture_on_commit_callbacks, email="late@example.com"
    )
    read(late, pricing, "download", t=token_b)
    assert Lead.objects.get(email="late@example.com").state == "sales_ready"

    arm_b = measures.count(running)["arms"]["B"]
    assert (arm_b["readers"], arm_b["subscribed"], arm_b["sales_ready"]) == (2, 1, 1)
    default_task_backend.clear()


# Ending ------------------------------------------------------------------------------------------


def test_releasing_the_winner_moves_site_and_decks_and_tells_sales_why(
    client, message, running, deck, seller, run_on_commit
):
    in_a = reader_in(running, "A")
    assert headline(get(client, user_agent=in_a)) == OLD
    assert deck.current_rendering().message_revisions[str(message.pk)] == message.live_revision_id
    mail.outbox.clear()
    with run_on_commit():
        story_tests.release_winner(running, "B")

    running.refresh_from_db()
    assert running.state == StoryTestState.RELEASED and running.winner == "B"
    assert set(running.figures["arms"]) == {"A", "B"}  # archived with its figures
    for reader in (in_a, reader_in_any_b(running), browser(0)):
        response = get(client, user_agent=reader)
        assert headline(response) == NEW and story_token(response) is None
    message.refresh_from_db()
    assert message.live_revision_id == running.challenger_b_id
    rendering = deck.current_rendering()
    assert rendering.message_revisions[str(message.pk)] == running.challenger_b_id
    [email] = mail.outbox
    assert f"Headline value statement: “{OLD}” → “{NEW}”" in email.body
    assert "released after a test on readers" in email.body
    assert "Not enough data on read-through" in email.body


def test_stopping_leaves_the_current_version_everywhere(
    client, message, running, deck, run_on_commit
):
    in_b = reader_in(running, "B")
    assert headline(get(client, user_agent=in_b)) == NEW
    with run_on_commit():
        story_tests.stop(running)
    assert headline(get(client, user_agent=in_b)) == OLD
    message.refresh_from_db()
    assert message.live_revision_id == running.current_revision_id
    assert StoryTest.objects.get().state == StoryTestState.STOPPED
    assert deck.current_rendering().message_revisions[str(message.pk)] == message.live_revision_id


def test_a_challenger_whose_draft_is_deleted_stops_its_test_and_nobody_sees_an_error(
    client, running, run_on_commit
):
    in_b = reader_in(running, "B")
    assert headline(get(client, user_agent=in_b)) == NEW
    with run_on_commit():
        running.challenger_b.delete()  # old revisions purged, say
    running.refresh_from_db()
    assert running.state == StoryTestState.STOPPED
    assert headline(get(client, user_agent=in_b)) == OLD
    assert story_token(get(client, user_agent=in_b)) is None


def test_a_reader_shown_a_vanished_draft_sees_the_current_version(client, running):
    """Between the draft's deletion and every process reading the stopped test again."""
    arm = splitting.Arm(running.pk, "B", revision_id=10**9)
    assert arm.as_message() is None


def test_releasing_a_draft_that_is_gone_is_refused_clearly(editor_client, running):
    StoryTest.objects.filter(pk=running.pk).update(challenger_b=None)
    response = editor_client.post(f"/admin/story-tests/{running.pk}/end/", {"decision": "B"})
    assert response.status_code == 400
    assert "no longer exists" in response.content.decode()
    assert StoryTest.objects.get().state == StoryTestState.RUNNING


def test_a_deck_never_shows_a_challenger(message, running, deck):
    rendering = deck.current_rendering()
    assert rendering.message_revisions[str(message.pk)] == running.current_revision_id


def test_a_release_that_did_not_win_ends_the_running_test(message, running, run_on_commit):
    version = message.get_latest_revision_as_object()
    version.headline = CHALLENGER_C
    with run_on_commit():
        version.save_revision().publish()
    assert StoryTest.objects.get().state == StoryTestState.STOPPED


def test_only_one_test_runs_per_message_and_it_needs_a_page(message, running, home):
    with pytest.raises(story_tests.CannotStart, match="already being tested"):
        story_tests.start(
            message, [draft(message, CHALLENGER_C)], 50, timezone.now() + datetime.timedelta(1)
        )


def test_a_message_on_no_page_cannot_be_tested(message):
    with pytest.raises(story_tests.CannotStart, match="No live page"):
        story_tests.start(
            message, [draft(message, NEW)], 50, timezone.now() + datetime.timedelta(1)
        )


# The admin ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days", "error"),
    [
        (181, "at most 180 days ahead"),
        (3650, "at most 180 days ahead"),
        (-1, "must be in the future"),
    ],
)
def test_a_planned_end_in_the_past_or_over_180_days_ahead_is_refused(
    editor_client, message, page, days, error
):
    """A test left to run for a year would split readers for a season; nothing is started."""
    url = f"/admin/messages/{message.pk}/story-test/"
    end = timezone.localtime() + datetime.timedelta(days=days)
    response = editor_client.post(
        url,
        {
            "challenger_b": draft(message, NEW).pk,
            "share": 50,
            "planned_end": end.strftime("%Y-%m-%d %H:%M"),
        },
    )
    assert response.status_code == 400
    assert error in " ".join(response.context["form"].errors["planned_end"])
    assert error in response.content.decode()
    assert not StoryTest.objects.exists()


def test_a_planned_end_180_days_ahead_is_accepted(editor_client, message, page, run_on_commit):
    end = timezone.localtime() + datetime.timedelta(days=179, hours=23)
    with run_on_commit():
        response = editor_client.post(
            f"/admin/messages/{message.pk}/story-test/",
            {
                "challenger_b": draft(message, NEW).pk,
                "share": 50,
                "planned_end": end.strftime("%Y-%m-%d %H:%M"),
            },
        )
    assert response.status_code == 302
    assert StoryTest.objects.get().planned_end.date() == end.date()


def test_the_model_refuses_a_planned_end_over_180_days_ahead_too(message, page):
    """The rule holds wherever a test starts from, not only the admin form."""
    with pytest.raises(ValidationError, match="at most 180 days ahead"):
        story_tests.start(
            message, [draft(message, NEW)], 50, timezone.now() + datetime.timedelta(days=200)
        )
    assert not StoryTest.objects.exists()


def test_an_editor_starts_a_test_from_the_message_and_releases_b(
    editor_client, message, page, run_on_commit
):
    edit = editor_client.get(f"/admin/messages/edit/{message.pk}/")
    assert f"/admin/messages/{message.pk}/story-test/" in edit.content.decode()
    revision_b = draft(message, NEW)
    revision_c = draft(message, CHALLENGER_C)
    url = f"/admin/messages/{message.pk}/story-test/"
    form = editor_client.get(url)
    assert form.status_code == 200 and NEW in form.content.decode()
    end = (timezone.now() + datetime.timedelta(days=7)).strftime("%Y-%m-%d %H:%M")
    bad = editor_client.post(url, {"challenger_b": revision_b.pk, "share": 0, "planned_end": end})
    assert bad.status_code == 400 and not StoryTest.objects.exists()
    with run_on_commit():
        started = editor_client.post(
            url,
            {
                "challenger_b": revision_b.pk,
                "challenger_c": revision_c.pk,
                "share": 40,
                "planned_end": end,
            },
        )
    test = StoryTest.objects.get()
    assert started.status_code == 302 and started["Location"] == f"/admin/story-tests/{test.pk}/"
    assert test.arms == ("A", "B", "C") and test.share == 40
    shown = editor_client.get(f"/admin/story-tests/{test.pk}/").content.decode()
    assert "Not enough data on read-through" in shown and CHALLENGER_C in shown
    report = editor_client.get("/admin/message-consistency/").content.decode()
    assert f'data-running-test="{test.pk}"' in report
    assert editor_client.get(url)["Location"] == f"/admin/story-tests/{test.pk}/"

    assert (
        editor_client.post(f"/admin/story-tests/{test.pk}/end/", {"decision": "D"}).status_code
        == 400
    )
    with run_on_commit():
        editor_client.post(f"/admin/story-tests/{test.pk}/end/", {"decision": "B"})
    test.refresh_from_db()
    assert test.state == StoryTestState.RELEASED
    message.refresh_from_db()
    assert message.headline == NEW
    again = editor_client.post(f"/admin/story-tests/{test.pk}/end/", {"decision": "stop"})
    assert again.status_code == 400
    assert (
        "None: every reader sees"
        in editor_client.get("/admin/message-consistency/").content.decode()
    )
    assert JOB in editor_client.get(f"/admin/story-tests/{test.pk}/").content.decode()


def test_sales_and_anonymous_cannot_run_tests(client, make_user, message, running):
    client.force_login(make_user("Sales", "sam"))
    for url in (
        "/admin/story-tests/",
        f"/admin/story-tests/{running.pk}/",
        f"/admin/messages/{message.pk}/story-test/",
    ):
        assert client.get(url).status_code in (302, 403)
    assert client.post(f"/admin/story-tests/{running.pk}/end/", {"decision": "B"}).status_code in (
        302,
        403,
    )
    assert StoryTest.objects.get().is_running
