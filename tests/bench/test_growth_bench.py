"""The growth bench runs in seconds on tiny data, so it cannot rot unnoticed."""

import pytest

from bench import growth_bench

pytestmark = pytest.mark.django_db


def test_growth_bench_times_every_figure_at_each_scale_with_constant_queries():
    result = growth_bench.main(
        ["--scales", "1,2", "--base", "60", "--repeat", "1"], create_db=False
    )

    small, large = result["scales"]
    assert (small["entries"], small["assets"]) == (60, 60)
    assert (large["entries"], large["assets"]) == (120, 120)
    assert large["month_events"] > small["month_events"] > 0
    labels = [row["label"] for row in small["rows"]]
    assert labels[0].startswith("baseline")
    assert len(labels) == 8
    assert [row["label"] for row in large["rows"]] == labels
    assert all(row["bytes"] > 0 and row["ms"] > 0 for row in small["rows"])
    assert [line["label"] for line in result["growth"]] == labels
    assert not [line["label"] for line in result["growth"] if line["changed"]]
