"""`make run PORT=…` tells people the address it listens on, everywhere: the admin login line, the
sitemap, robots.txt, the pages API, canonical links, feeds and e-mails.

Runs the real `make run` (migrate, the demo, the worker and the web server) on a free port, with its
database, media and cache in a folder of the test's own.
"""

import os
import re
import signal
import socket
import subprocess
import threading
import time
import xml.etree.ElementTree as ET
from contextlib import closing
from pathlib import Path

import pytest
import requests

from buyingstages.common.bots import MIN_SECONDS

ROOT = Path(__file__).resolve().parents[2]
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def free_port():
    with closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class MakeRun:
    """`make run PORT=…` in its own process group, its output collected as it comes."""

    def __init__(self, port, folder):
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith("DJANGO_") and key not in ("PUBLIC_URL", "WAGTAILADMIN_BASE_URL")
        }
        env |= {
            "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
            "MEDIA_ROOT": str(folder / "media"),
            "PRIVATE_MEDIA_ROOT": str(folder / "private"),
            "MASTHEAD_CACHE_DIR": str(folder / "cache"),
        }
        self.lines = []
        self.process = subprocess.Popen(  # noqa: S603 (our own Makefile)
            ["make", "--no-print-directory", "run", f"PORT={port}"],  # noqa: S607
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        threading.Thread(target=self.collect, daemon=True).start()

    def collect(self):
        for line in self.process.stdout:
            self.lines.append(line)

    @property
    def output(self):
        return "".join(self.lines)

    def wait_until_serving(self, base, seconds=240):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"make run stopped:\n{self.output[-4000:]}")
            try:
                if requests.get(base + "/", timeout=30).status_code == 200:
                    return
            except (requests.ConnectionError, requests.Timeout):
                pass  # not listening yet, or its first page still rendering on a busy machine
            time.sleep(1)
        pytest.fail(f"make run did not serve within {seconds} s:\n{self.output[-4000:]}")

    def wait_for(self, pattern, seconds=60):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            found = re.search(pattern, self.output)
            if found:
                return found
            time.sleep(0.5)
        pytest.fail(f"no {pattern!r} in make run's output:\n{self.output[-4000:]}")

    def stop(self):
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
        except ProcessLookupError:
            return
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)


@pytest.fixture
def demo(tmp_path):
    if os.environ.get("DATABASE_URL"):
        pytest.skip(
            "`make run` serves its demo from SQLite whatever the suite runs on: run without DATABASE_URL"
        )
    port = free_port()
    run = MakeRun(port, tmp_path)
    base = f"http://127.0.0.1:{port}"
    try:
        run.wait_until_serving(base)
        yield run, base
    finally:
        run.stop()


def test_make_run_on_another_port_gives_that_address_everywhere(demo):
    run, base = demo
    assert f"Masthead is starting on {base}/" in run.output
    assert f"Demo logins ({base}/admin/):" in run.output

    sitemap = ET.fromstring(requests.get(base + "/sitemap.xml", timeout=30).content)
    locations = [element.text for element in sitemap.iter(f"{SITEMAP}loc")]
    assert locations and all(location.startswith(base + "/") for location in locations)

    robots = requests.get(base + "/robots.txt", timeout=30)
    assert robots.headers["Content-Type"].startswith("text/plain")
    assert f"Sitemap: {base}/sitemap.xml" in robots.text.splitlines()

    pages = requests.get(base + "/api/v2/pages/", timeout=30).json()["items"]
    assert pages
    for item in pages:
        assert item["meta"]["detail_url"].startswith(base + "/api/v2/pages/")
        assert item["meta"]["html_url"].startswith(base + "/")

    asset = next(location for location in locations if "/library/" in location.removeprefix(base))
    html = requests.get(asset, timeout=30).text
    assert f'<link rel="canonical" href="{asset}">' in html
    assert f'<meta property="og:url" content="{asset}">' in html

    topic = next(location for location in locations if "/topic/" in location)
    feed = ET.fromstring(requests.get(topic + "feed/atom/", timeout=30).content)
    links = [link.get("href") for link in feed.iter(f"{ATOM}link")]
    assert links and all(link.startswith(base + "/") for link in links)

    # An e-mail: subscribing sends a confirmation (the demo prints e-mails on its console).
    with requests.Session() as browser:
        form = browser.get(base + "/subscribe/", timeout=30).text
        fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form))
        topic_id = re.search(r'name="topics" value="(\d+)"', form).group(1)
        time.sleep(MIN_SECONDS + 0.5)  # a person takes a moment over a form
        answer = browser.post(
            base + "/subscribe/",
            data={
                **fields,
                "name": "Ana Ruiz",
                "email": "ana@example.com",
                "topics": topic_id,
                "cadence": "monthly",
                "consent": "on",
            },
            headers={"Referer": base + "/subscribe/"},
            timeout=30,
        )
        assert answer.status_code == 200, answer.text[-2000:]
    link = run.wait_for(r"https?://\S+/subscribe/confirm/\S+/").group(0)
    assert link.startswith(base + "/subscribe/confirm/")
