"""Deck re-rendering: the time to re-render every deck after one message change, and how it scales.

Run: .venv/bin/python bench/deck_bench.py [--decks 200] [--sizes 50,100,200] [--slides 8] [--repeat 3]
Uses a throwaway test database (SQLite, or PostgreSQL when DATABASE_URL is set) and throwaway media.
For each deck count in --sizes (then --decks with the slides doubled) it loads that many decks that
all show one message, each with --slides slides (message, asset and text slides mixed), and releases
a new revision of the message through `publishing.messaging.sync.release`, which renders every deck's .pptx and
switches them in one transaction. The first release of each round renders the decks for the first
time and counts SQL queries; the figure is the median of the next --repeat releases, each after a new
headline. After the last release every deck's current rendering is checked to use the new revision.
A baseline (a bare Django view rendering a small template, through Django's test client) is measured
in the same run, as in the other benches.

A smoke test can run it in a few seconds on the test database it already has:
    deck_bench.main(["--decks", "3", "--sizes", "2,3", "--slides", "4", "--repeat", "1"], create_db=False)
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.core import mail  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    override_settings,
    setup_test_environment,
    teardown_test_environment,
)

from bench.calendar_bench import measure  # noqa: E402

# The demo decks' assets (cms/demo/data/decks.json), created once with the demo loading code.
ASSET_SLUGS = [
    "operations-data-platform-buyers-primer",
    "harlow-components-unplanned-downtime",
    "keelstone-implementation-week-by-week",
    "security-architecture-and-data-residency",
]
# One cycle of eight slides: three message slides, two asset slides, three text slides.
SLIDE_CYCLE = [
    ("message", []),
    ("asset", 0),
    ("text", "Where you are today"),
    ("message", ["headline", "proof_points"]),
    ("text", "What changes in the first 90 days"),
    ("asset", 1),
    ("message", ["headline"]),
    ("text", "Next steps"),
]
DECK_SLUG_PREFIX = "bench-deck-"
MESSAGE_NAME = "Core story (deck bench)"
TEXT = "A 45-minute fit check with your planners\nA site visit\nA pilot on one line"


class CheckFailed(RuntimeError):
    """A release left a deck without a current rendering of the new revision."""


def parse(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--decks",
        type=int,
        default=None,
        help="decks in the doubled-slides round (default: the largest of --sizes, else 200)",
    )
    parser.add_argument(
        "--sizes",
        default=None,
        help="deck counts timed at --slides, comma-separated (default: a quarter, half and all "
        "of --decks)",
    )
    parser.add_argument("--slides", type=int, default=8, help="slides per deck (title not counted)")
    parser.add_argument("--repeat", type=int, default=3, help="timed releases per round")
    args = parser.parse_args(argv)
    if args.sizes:
        args.sizes = [int(size) for size in args.sizes.split(",")]
        args.decks = args.decks or max(args.sizes)
    else:
        args.decks = args.decks or 200
        args.sizes = sorted({max(1, args.decks // 4), max(1, args.decks // 2), args.decks})
    if min([*args.sizes, args.decks, args.slides, args.repeat]) < 1:
        parser.error("--decks, --sizes, --slides and --repeat must be at least 1")
    return args


def create_assets():
    """The demo decks' assets, made by the demo seed code (with a home page and library) if missing."""
    from buyingstages.library.models import AssetIndexPage, AssetPage
    from cms.demo import loading

    existing = {page.slug: page for page in AssetPage.objects.live().filter(slug__in=ASSET_SLUGS)}
    if len(existing) < len(ASSET_SLUGS):
        loading.load_taxonomy()
        loading.load_site()
        library, terms = AssetIndexPage.objects.get(), loading.taxonomy()
        for item in loading.read("assets"):
            if item["slug"] in ASSET_SLUGS and item["slug"] not in existing:
                existing[item["slug"]] = loading.create_asset(library, item, terms)
    return [existing[slug] for slug in ASSET_SLUGS]


def create_message():
    """The demo's core story, published and released as the demo loading does, with no decks yet."""
    from cms.demo import loading
    from publishing.messaging.models import Message

    Message.objects.filter(name=MESSAGE_NAME).delete()
    return loading.create_message({**loading.read("messages")[0], "name": MESSAGE_NAME})


def slide_blocks(message, assets, count):
    blocks = []
    for index in range(count):
        kind, value = SLIDE_CYCLE[index % len(SLIDE_CYCLE)]
        if kind == "message":
            blocks.append(
                {"type": "message_slide", "value": {"message": message.pk, "parts": value}}
            )
        elif kind == "asset":
            asset = assets[(value + index // len(SLIDE_CYCLE) * 2) % len(assets)]
            blocks.append({"type": "asset_slide", "value": {"asset": asset.pk}})
        else:
            blocks.append({"type": "text_slide", "value": {"title": value, "text": TEXT}})
    return blocks


def create_decks(message, assets, count, slides):
    """Bulk-created, so the post_save handler queues no render: the first release renders them."""
    from publishing.messaging.models import SalesDeck

    # The previous round's decks and their renderings (only the bench's own decks).
    SalesDeck.objects.filter(slug__startswith=DECK_SLUG_PREFIX).delete()
    SalesDeck.objects.bulk_create(
        SalesDeck(
            title=f"Keelstone deck {number}",
            slug=f"{DECK_SLUG_PREFIX}{number}",
            audience="Operations leaders at the Interest stage",
            slides=slide_blocks(message, assets, slides),
        )
        for number in range(1, count + 1)
    )


def new_revision(message, edition):
    """The message with a new headline, saved as a revision (not yet published)."""
    message.headline = f"Keelstone helps plants hit their plan more often (edition {edition})."
    return message.save_revision()


def release(message, revision, count):
    """sync.release end to end; then publish, which finds the release made and queues nothing."""
    from publishing.messaging import sync
    from publishing.messaging.models import RenderStatus

    started = time.perf_counter()
    _, renderings = sync.release(message, revision)
    seconds = time.perf_counter() - started
    failed = [r for r in renderings if r.status != RenderStatus.OK]
    if len(renderings) != count or failed:
        raise CheckFailed(
            f"release rendered {len(renderings)} of {count} decks; failed: "
            + "; ".join(f"{r.deck.slug}: {r.error}" for r in failed[:3])
        )
    revision.publish()
    return seconds


def check(message, revision, count):
    """Every deck's current rendering uses the new revision; returns how many were checked."""
    from publishing.messaging.models import SalesDeck

    checked = 0
    for deck in SalesDeck.objects.filter(slug__startswith=DECK_SLUG_PREFIX):
        rendering = deck.current_rendering()
        used = rendering.message_revisions.get(str(message.pk)) if rendering else None
        if used != revision.pk:
            raise CheckFailed(
                f"{deck.slug}: current rendering uses revision {used}, not {revision.pk}"
            )
        if not rendering.file:
            raise CheckFailed(f"{deck.slug}: current rendering has no .pptx")
        checked += 1
    if checked != count:
        raise CheckFailed(f"{checked} decks checked, {count} expected")
    return checked


def emails_sent():
    """Sales e-mails so far, if the e-mail backend keeps them in memory and they go out (else None).

    They are sent on commit, so inside a test's transaction none go out.
    """
    outbox = getattr(mail, "outbox", None)
    return (
        None
        if outbox is None or connection.in_atomic_block
        else sum("Decks updated" in m.subject for m in outbox)
    )


def round_(message, assets, decks, slides, repeat, edition):
    """One deck count and slide count: first release counted, then `repeat` timed releases."""
    create_decks(message, assets, decks, slides)
    emails_before = emails_sent()
    revision = new_revision(message, edition)
    with CaptureQueriesContext(connection) as queries:
        first = release(message, revision, decks)
    timings = []
    for number in range(1, repeat + 1):
        revision = new_revision(message, edition + number)
        timings.append(release(message, revision, decks))
    seconds = statistics.median(timings)
    emails_after = emails_sent()
    return {
        "decks": decks,
        "slides": slides,
        "first_seconds": first,
        "seconds": seconds,
        "min_seconds": min(timings),
        "max_seconds": max(timings),
        "ms_per_deck": seconds * 1000 / decks,
        "ms_per_slide": seconds * 1000 / decks / slides,
        "queries_per_deck": len(queries) / decks,
        "checked": check(message, revision, decks),
        "releases": repeat + 1,
        "emails": None if emails_before is None else emails_after - emails_before,
    }


def run(args):
    """The whole bench on the current database; returns {"baseline_ms": ..., "rounds": [...]}."""
    with (
        tempfile.TemporaryDirectory(prefix="masthead-deck-bench-") as media,
        override_settings(MEDIA_ROOT=media),
    ):
        with override_settings(ROOT_URLCONF="bench.urls"):
            baseline_ms, _, _ = measure(Client(), "/bench-baseline/", 50)
        assets = create_assets()
        # Sales is told of each release by e-mail (the test settings keep it in memory).
        sales, _ = get_user_model().objects.get_or_create(
            username="bench-sales", defaults={"email": "sales@example.com"}
        )
        sales.groups.add(Group.objects.get_or_create(name="Sales")[0])
        message = create_message()
        plan = [(decks, args.slides) for decks in args.sizes] + [(args.decks, args.slides * 2)]
        rounds = [
            round_(message, assets, decks, slides, args.repeat, edition=(index + 1) * 100)
            for index, (decks, slides) in enumerate(plan)
        ]
    return {"baseline_ms": baseline_ms, "rounds": rounds}


def report(args, result):
    baseline = result["baseline_ms"]
    rounds = result["rounds"]
    print(
        f"Re-render every deck after one message change (publishing.messaging.sync.release), on "
        f"{connection.vendor}; median of {args.repeat} release(s) per row\n"
    )
    print(
        f"{'decks':>5} {'slides':>6} {'total s':>8} {'min–max s':>12} {'ms/deck':>8} "
        f"{'× baseline':>10} {'ms/slide':>8} {'queries/deck':>12} {'first s':>8}"
    )
    for row in rounds:
        spread = f"{row['min_seconds']:.2f}–{row['max_seconds']:.2f}"
        print(
            f"{row['decks']:5d} {row['slides']:6d} {row['seconds']:8.2f} {spread:>12} "
            f"{row['ms_per_deck']:8.1f} {row['ms_per_deck'] / baseline:10.0f} "
            f"{row['ms_per_slide']:8.2f} {row['queries_per_deck']:12.1f} {row['first_seconds']:8.2f}"
        )
    print(f"\nbaseline: bare Django view, small template: {baseline:.2f} ms")
    base = [row for row in rounds[:-1] if row["slides"] == args.slides]
    if len(base) > 1:
        low, high = base[0], base[-1]
        print(
            f"decks ×{high['decks'] / low['decks']:.1f} ({low['decks']} → {high['decks']}): "
            f"total time ×{high['seconds'] / low['seconds']:.2f}"
        )
    doubled = rounds[-1]
    same = next((row for row in base if row["decks"] == doubled["decks"]), None)
    if same is not None:
        per_slide = (doubled["ms_per_deck"] - same["ms_per_deck"]) / args.slides
        fixed = same["ms_per_deck"] - per_slide * args.slides
        print(
            f"slides ×2 ({args.slides} → {doubled['slides']}) at {doubled['decks']} decks: "
            f"time ×{doubled['seconds'] / same['seconds']:.2f}; per deck ≈ {fixed:.1f} ms "
            f"+ {per_slide:.2f} ms × slides"
        )
    checked = sum(row["checked"] for row in rounds)
    print(
        f"\nchecked: {checked} decks over {len(rounds)} rounds, each after the round's last release: "
        "every current rendering uses the new revision and has its .pptx"
    )
    if all(row["emails"] is not None for row in rounds):
        emails = sum(row["emails"] for row in rounds)
        releases = sum(row["releases"] for row in rounds)
        print(f"Sales e-mails: {emails} for {releases} releases")


def main(argv=None, *, create_db=True):
    """Run the bench and print its table; returns the figures.

    With create_db=False it runs on the current database instead of a throwaway one: for a test
    that already has a test database (it adds the bench's own message, assets and decks to it).
    """
    args = parse(argv)
    if not create_db:
        result = run(args)
        report(args, result)
        return result
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        result = run(args)
        report(args, result)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()
    return result


if __name__ == "__main__":
    main()
