"""What a story test measured, per version, and what it means in plain words.

For each version: the readers counted (those whose reading carried the version's signed token: bots,
DNT/GPC readers and readers outside the test carry none) and, among them, how many read a page
through (more than half its sections, as the content audit counts it), clicked a next step,
subscribed, or became sales-ready within the test's window and after first reading in that version.
Each share has a Wilson score interval; each challenger is compared with the current version by
Newcombe's hybrid score interval for the difference of two proportions (his method 10), which stays
sound with few readers and rare events.
A challenger is better or worse on a measure only when that interval excludes no difference.
"""

import math
from dataclasses import dataclass

from django.db.models import Count, F, Q

from buyingstages.audience.models import ContentEvent, EventKind
from buyingstages.audience.stats import READ_THROUGH
from publishing.messaging.models.story_tests import CURRENT

Z95 = 1.959963984540054  # the normal quantile for 95% two-sided

# (key, what is counted, its name in a verdict, what better and worse say)
MEASURES = (
    ("read_through", "Read a page through", "read-through", "reads better", "reads worse"),
    (
        "next_step",
        "Clicked a next step",
        "next steps",
        "takes more readers to a next step",
        "takes fewer readers to a next step",
    ),
    ("subscribed", "Subscribed", "subscriptions", "brings more subscribers", "brings fewer"),
    (
        "sales_ready",
        "Became sales-ready",
        "sales-ready readers",
        "brings more sales-ready readers",
        "brings fewer sales-ready readers",
    ),
)


def wilson(successes, n, z=Z95):
    """Wilson's score interval for a proportion: (low, high)."""
    if n == 0:
        return 0.0, 1.0
    p = successes / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


def difference(successes_1, n_1, successes_2, n_2, z=Z95):
    """Newcombe's hybrid score interval for p1 - p2: (difference, low, high)."""
    p1 = successes_1 / n_1 if n_1 else 0.0
    p2 = successes_2 / n_2 if n_2 else 0.0
    low_1, high_1 = wilson(successes_1, n_1, z)
    low_2, high_2 = wilson(successes_2, n_2, z)
    d = p1 - p2
    low = d - math.sqrt((p1 - low_1) ** 2 + (high_2 - p2) ** 2)
    high = d + math.sqrt((high_1 - p1) ** 2 + (p2 - low_2) ** 2)
    return d, low, high


def count(test, now=None):
    """{version: {"readers": n, measure: n, ...}} in one query; the figures a test keeps.

    A subscription or a sales-ready lead counts for a version only at or after the reader's first
    event in it: the reader must have seen the version first. Compared row by row (some event of
    theirs in the version no later than it), which is the same as comparing with the first one.
    """
    start, end = test.window(now)
    in_window = Q(created_at__gte=start, created_at__lte=end)
    per_reader = {
        "readers": Q(),
        "read_through": READ_THROUGH,
        "next_step": Q(kind=EventKind.NEXT_STEP),
        "subscribed": Q(
            profile__lead__created_at__range=(start, end),
            profile__lead__created_at__gte=F("created_at"),
        ),
        "sales_ready": Q(
            profile__lead__sales_ready_at__range=(start, end),
            profile__lead__sales_ready_at__gte=F("created_at"),
        ),
    }
    rows = (
        ContentEvent.objects.filter(in_window, story_variant__startswith=f"{test.pk}:")
        .order_by()
        .values("story_variant")
        .annotate(
            **{
                name: Count("profile", filter=condition, distinct=True)
                for name, condition in per_reader.items()
            }
        )
    )
    counts = {arm: dict.fromkeys(per_reader, 0) for arm in test.arms}
    for row in rows:
        arm = row.pop("story_variant").split(":", 1)[1]
        if arm in counts:
            counts[arm] = row
    return {"from": start.isoformat(), "to": end.isoformat(), "arms": counts}


@dataclass
class Share:
    count: int
    readers: int

    @property
    def rate(self):
        return self.count / self.readers if self.readers else 0.0

    @property
    def interval(self):
        return wilson(self.count, self.readers)


@dataclass
class Comparison:
    arm: str
    measure: str
    difference: float
    low: float
    high: float

    @property
    def outcome(self):
        """ "better", "worse" or "unclear" (the interval includes no difference)."""
        if self.low > 0:
            return "better"
        if self.high < 0:
            return "worse"
        return "unclear"


@dataclass
class Row:
    key: str
    label: str
    shares: dict  # {arm: Share}
    comparisons: dict  # {challenger: Comparison}


def rows(figures):
    """[Row] for each measure, from counted (or archived) figures."""
    arms = figures["arms"]
    result = []
    for key, label, *_ in MEASURES:
        shares = {arm: Share(values[key], values["readers"]) for arm, values in arms.items()}
        base = shares.get(CURRENT, Share(0, 0))
        comparisons = {}
        for arm, share in shares.items():
            if arm == CURRENT:
                continue
            found = difference(share.count, share.readers, base.count, base.readers)
            comparisons[arm] = Comparison(arm, key, *found)
        result.append(Row(key, label, shares, comparisons))
    return result


def verdict(figures):
    """The test's result in plain words: "B reads better; not enough data on subscriptions yet"."""
    table = rows(figures)
    challengers = [arm for arm in figures["arms"] if arm != CURRENT]
    said, unclear = [], []
    for row, (_, _, name, better, worse) in zip(table, MEASURES, strict=True):
        clear = [
            f"{arm} {better if row.comparisons[arm].outcome == 'better' else worse}"
            for arm in challengers
            if row.comparisons[arm].outcome != "unclear"
        ]
        said += clear
        if not clear:
            unclear.append(name)
    if unclear:
        names = unclear[0] if len(unclear) == 1 else f"{', '.join(unclear[:-1])} or {unclear[-1]}"
        said.append(f"not enough data on {names} yet")
    text = "; ".join(said)
    return text[:1].upper() + text[1:]


def leader(figures):
    """The challenger that did best against the current version (most measures better, fewest
    worse), or None when none is clearly better on anything."""
    table = rows(figures)
    scores = {}
    for arm in figures["arms"]:
        if arm == CURRENT:
            continue
        outcomes = [row.comparisons[arm].outcome for row in table]
        scores[arm] = (outcomes.count("better") - outcomes.count("worse"), outcomes.count("better"))
    best = max(scores.items(), key=lambda item: item[1], default=(None, (0, 0)))
    return best[0] if best[1][1] > 0 and best[1][0] > 0 else None
