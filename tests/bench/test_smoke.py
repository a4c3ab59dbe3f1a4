"""Each benchmark runs for a few seconds on tiny data, so none of them can rot unnoticed."""

import pytest

from bench import deck_bench, organisation_bench, report_bench

pytestmark = pytest.mark.django_db


def test_deck_bench_runs_and_checks_every_deck():
    result = deck_bench.main(
        ["--decks", "3", "--sizes", "2,3", "--slides", "4", "--repeat", "1"], create_db=False
    )
    assert [row["checked"] for row in result["rounds"]] == [2, 3, 3]


def test_report_bench_runs_every_report():
    result = report_bench.main(
        ["--assets", "2", "--events", "300", "--repeat", "1"], create_db=False
    )
    labels = [label for label, _, _ in result["rows"]]
    assert labels[0].startswith("baseline")
    assert len(labels) == 6
    assert all(queries < 60 for _, _, queries in result["rows"])


def test_organisation_bench_opens_the_page_and_the_list():
    result = organisation_bench.main(
        ["--people", "5", "--events-each", "2", "--repeat", "1"], create_db=False
    )
    assert set(result) == {"organisation page (Sales)", "organisation list (Sales)"}


def test_load_bench_runs_with_zero_errors_and_no_lost_events(monkeypatch, tmp_path):
    from bench import http_bench, load_bench

    # Its own throwaway SQLite file, media and cache: never the database DATABASE_URL names.
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("MEDIA_ROOT", raising=False)
    monkeypatch.delenv("PRIVATE_MEDIA_ROOT", raising=False)
    monkeypatch.delenv("MASTHEAD_CACHE_DIR", raising=False)
    monkeypatch.setenv("BENCH_SQLITE", str(tmp_path / "load.sqlite3"))
    port = str(http_bench.free_port())

    result = load_bench.main(
        ["--seconds", "4", "--scale", "0", "--clients", "2", "--workers", "2",
         "--publish-every", "2", "--port", port]
    )  # fmt: skip
    assert result["errors"] == 0
    assert result["accepted"] == result["stored"] > 0
    # The editor published while readers read, and every page that shows the asset caught up.
    assert result["publishes"] >= 1
    assert result["watched"] >= 3  # the asset, its stage hub and at least one topic hub
    assert result["never_fresh"] == 0
    assert result["page_views"] > 0
