"""The wrk benchmark runs for a couple of seconds per figure on the demo, so it cannot rot unnoticed."""

import os
import shutil

import pytest

from bench import http_bench


@pytest.fixture
def wrk_installed():
    """Skip (the reason shows in pytest's -ra summary) without wrk, except in CI, which installs it."""
    if shutil.which("wrk") is None:
        reason = "wrk is not installed (apt-get install wrk): the HTTP benchmark needs it"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; CI installs it")
        pytest.skip(reason)


def test_http_bench_runs_with_no_errors_and_no_lost_events(wrk_installed, monkeypatch, tmp_path):
    # Its own throwaway SQLite file and media: never the database DATABASE_URL names.
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("MEDIA_ROOT", raising=False)
    monkeypatch.delenv("PRIVATE_MEDIA_ROOT", raising=False)
    monkeypatch.setenv("BENCH_SQLITE", str(tmp_path / "http.sqlite3"))
    port = str(http_bench.free_port())

    result = http_bench.main(["--seconds", "2", "--clients", "2", "--workers", "2", "--port", port])

    assert [row["what"] for row in result["rows"]][0].startswith("baseline")
    assert all(row["requests"] > 0 for row in result["rows"])
    assert result["errors"] == 0
    beacon = result["beacon"]
    # wrk stops on the clock: at most one event per connection is stored without its 204 being read.
    assert 0 < beacon["accepted"] <= beacon["stored"] <= beacon["accepted"] + 2
    assert beacon["zero_loss"]
