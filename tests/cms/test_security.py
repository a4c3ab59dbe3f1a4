"""Deployment hardening: a clean `check --deploy`, a strict CSP on public pages, safe headers."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "SECRET_KEY": "x" * 60 + "-not-a-real-secret-but-long-and-varied-0123456789",
    "ALLOWED_HOSTS": "www.example.com",
    "DATABASE_URL": "sqlite:////tmp/masthead-deploy-check.sqlite3",
    "PUBLIC_URL": "https://www.example.com",
}


def manage(*args, env):
    # The embedded cache (no CACHE_URL) in the test run's own folder, never the project's .cache/.
    cache = Path(os.environ["MASTHEAD_TEST_DIR"]) / "deploy-check-cache"
    return subprocess.run(  # noqa: S603 (our own manage.py, fixed arguments)
        [sys.executable, "manage.py", *args, "--settings=cms.settings.production"],
        cwd=ROOT,
        # A clean environment, as on a server: none of the test run's own variables (the browser
        # tests set DJANGO_ALLOW_ASYNC_UNSAFE, which a deployment must never have).
        env={
            key: value
            for key, value in os.environ.items()
            if key not in PRODUCTION_ENV and not key.startswith("DJANGO_")
        }
        | {"MASTHEAD_CACHE_DIR": str(cache)}
        | env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_under_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("missing", sorted(PRODUCTION_ENV))
def test_production_refuses_to_start_without_its_secrets(missing):
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != missing}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert f"Set the {missing} environment variable" in result.stderr


SHOW_SETTINGS = """
import json
from django.conf import settings as s
print(json.dumps({
    "cache": s.CACHES["default"], "storage": s.STORAGES["default"], "media": s.MEDIA_URL,
    "email": [s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_USE_TLS, s.DEFAULT_FROM_EMAIL],
    "cdn": s.WAGTAILFRONTENDCACHE, "database": s.DATABASES["default"]["NAME"],
}))
"""


def test_production_reads_cache_email_storage_and_cdn_from_the_environment():
    env = PRODUCTION_ENV | {
        "CACHE_URL": "redis://cache.internal:6379/2",
        "EMAIL_HOST": "smtp.internal",
        "EMAIL_PORT": "587",
        "EMAIL_USE_TLS": "true",
        "DEFAULT_FROM_EMAIL": "news@example.com",
        "STORAGE_BACKEND": "django.core.files.storage.FileSystemStorage",
        "STORAGE_OPTIONS": '{"location": "/srv/media"}',
        "MEDIA_URL": "https://files.example.com/",
        "FRONTEND_CACHE_PURGE_URL": "http://varnish.internal:6081",
    }
    result = manage("shell", "-c", SHOW_SETTINGS, env=env)
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout.strip().splitlines()[-1])
    assert shown["cache"]["BACKEND"] == "cms.caching.backends.FailSafeRedisCache"
    assert shown["cache"]["LOCATION"] == "redis://cache.internal:6379/2"
    assert shown["storage"]["OPTIONS"] == {"location": "/srv/media"}
    assert shown["media"] == "https://files.example.com/"
    assert shown["email"] == ["smtp.internal", 587, True, "news@example.com"]
    assert shown["cdn"]["http"]["LOCATION"] == "http://varnish.internal:6081"
    assert shown["database"] == PRODUCTION_ENV["DATABASE_URL"].removeprefix("sqlite:///")


def test_production_refuses_a_cache_address_it_cannot_use():
    result = manage("check", env=PRODUCTION_ENV | {"CACHE_URL": "memcached://cache:11211"})
    assert result.returncode != 0
    assert "CACHE_URL must be a redis://" in result.stderr


@pytest.mark.django_db
def test_public_pages_forbid_inline_and_third_party_scripts(client, home):
    response = client.get("/")
    policy = dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )
    assert policy["script-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"


@pytest.mark.django_db
def test_the_beacon_answers_no_document_and_carries_no_policy_but_is_never_sniffed(client):
    response = client.post("/t/", "not json", content_type="application/json")
    assert response.status_code == 400
    assert "Content-Security-Policy" not in response
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/json"


@pytest.mark.django_db
def test_the_admin_keeps_wagtails_own_policy(admin_client):
    assert "Content-Security-Policy" not in admin_client.get("/admin/")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:alert(1)"]
)
def test_sign_in_never_sends_anyone_off_site(client, django_user_model, target):
    django_user_model.objects.create_user("editor", password="right", is_superuser=True)
    response = client.post(
        f"/admin/login/?next={target}", {"username": "editor", "password": "right", "next": target}
    )
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]
    assert not response["Location"].startswith("javascript:")


@pytest.mark.django_db
def test_a_deck_link_for_a_signed_out_user_returns_to_the_deck_only(client):
    response = client.get("/sales/decks/first.pptx?next=https://evil.example/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/?next=/sales/decks/first.pptx")
