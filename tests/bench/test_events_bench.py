"""The events bench runs for a few seconds on tiny data, so it cannot rot unnoticed."""

import pytest

from bench import events_bench

pytestmark = pytest.mark.django_db


def test_events_bench_times_every_operation_at_each_size():
    result = events_bench.main(
        ["--events", "400,800", "--assets", "9", "--profiles", "150", "--repeat", "2"],
        create_db=False,
    )
    rows = result["rows"]
    assert [row["events"] for row in rows[::7]] == [400, 800]  # counted before each round
    assert len(rows) == 14
    assert all(row["ms"] > 0 and row["ratio"] > 0 for row in rows)
    assert result["baseline_ms"] > 0
