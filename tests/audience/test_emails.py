"""Every e-mail is text with an HTML alternative: the same content and the same absolute links in both,
the HTML plain and accessible, nothing in it loaded from anywhere."""

import re
import uuid
from html.parser import HTMLParser

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone

from buyingstages.audience import subscriptions
from buyingstages.audience.models import Lead, VisitorProfile
from buyingstages.audience.scoring import Reading, record
from buyingstages.sales.tasks import notify_sales_ready
from tests.audience.test_subscriptions import confirm, link_in, subscribe
from tests.factories import AssetPageFactory, TopicFactory

pytestmark = pytest.mark.django_db

PUBLIC = "http://testserver/"


class VisibleText(HTMLParser):
    """What a reader of the HTML part sees (the body's text) and the addresses its links go to."""

    def __init__(self, html):
        super().__init__()
        self.chunks, self.hrefs, self.sources, self.in_head = [], [], [], False
        self.feed(html)
        self.text = " ".join(" ".join(self.chunks).split())

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.in_head = self.in_head or tag == "head"
        if tag == "a":
            self.hrefs.append(attrs.get("href"))
        self.sources += [value for name, value in attrs.items() if name in ("src", "srcset")]

    def handle_endtag(self, tag):
        self.in_head = self.in_head and tag != "head"

    def handle_data(self, data):
        if not self.in_head:
            self.chunks.append(data)


def html_and_text(message, *facts):
    """The message's text and HTML, after checking they carry the same links and ``facts``."""
    assert isinstance(message, EmailMultiAlternatives)
    assert "\n" not in message.subject and "\r" not in message.subject
    assert message.content_subtype == "plain"
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    text = message.body
    seen = VisibleText(html)

    assert re.search(r'<html lang="en', html) and 'role="article"' in html
    assert re.search(r"<h1[ >]", html)
    assert not seen.sources and "<img" not in html and "<script" not in html
    assert "<link" not in html and "url(" not in html  # no fonts, styles or pixels from elsewhere
    assert seen.hrefs and all(href.startswith(PUBLIC) for href in seen.hrefs)
    assert set(seen.hrefs) == set(re.findall(r"https?://\S+", text))
    flat_text = " ".join(text.split())
    for fact in facts:
        assert fact in flat_text, fact
        assert fact in seen.text, fact
    return text, html


@pytest.fixture
def topic():
    return TopicFactory(name="Operational resilience", slug="operational-resilience")


def subscriber_links(text):
    return link_in_text(text, "preferences"), link_in_text(text, "unsubscribe")


def link_in_text(text, name):
    return re.search(rf"http://testserver(/subscribe/{name}/[^/\s]+/)", text).group(1)


def test_the_confirmation_email_is_html_and_text(client, topic, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        subscribe(client, topic)
    [message] = mail.outbox
    text, html = html_and_text(message, "Ana Ruiz", "Operational resilience", "weekly")
    assert "Confirm my subscription" in html  # the link says what it does
    assert link_in(message, "confirm") in html
    preferences, unsubscribe = subscriber_links(text)
    assert preferences in html and unsubscribe in html
    assert message.extra_headers["List-Unsubscribe"] == f"<http://testserver{unsubscribe}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_the_already_subscribed_email_is_html_and_text(
    client, topic, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        subscribe(client, topic)
    confirm(client, mail.outbox[0])
    with django_capture_on_commit_callbacks(execute=True):
        subscribe(client, topic)
    message = mail.outbox[-1]
    assert message.subject == "You are already subscribed"
    text, html = html_and_text(message, "Ana Ruiz", "Operational resilience", "weekly")
    assert "Change your topics or how often we write" in html
    assert "List-Unsubscribe" in message.extra_headers


def test_the_digest_is_html_and_text(
    client, library, stages, topic, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        subscribe(client, topic)
    confirm(client, mail.outbox[0])
    mail.outbox.clear()
    older = AssetPageFactory(
        parent=library, title="Resilience map", stage=stages[1], topics=[topic]
    )
    newer = AssetPageFactory(parent=library, title="Plant uptime", stage=stages[3], topics=[topic])

    assert subscriptions.send_digests() == 1
    [message] = mail.outbox
    text, html = html_and_text(
        message,
        "Plant uptime",
        "What Plant uptime is about.",
        "Evaluation",
        "Resilience map",
        "What Resilience map is about.",
    )
    assets = [href for href in VisibleText(html).hrefs if "/subscribe/" not in href]
    # Each link carries the digest's campaign (docs/campaigns.md).
    utm = "?utm_source=digest&utm_medium=email&utm_campaign=weekly-digest"
    assert assets == [f"http://testserver{newer.url}{utm}", f"http://testserver{older.url}{utm}"]
    assert "List-Unsubscribe" in message.extra_headers


def test_what_a_reader_typed_is_markup_in_neither_part(
    client, topic, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        subscribe(client, topic, name='Ana <b onclick="x()">Ruiz</b> & Co')
    text, html = html_and_text(mail.outbox[0])
    assert 'Ana <b onclick="x()">Ruiz</b> & Co' in text
    assert "Ana &lt;b onclick=&quot;x()&quot;&gt;Ruiz&lt;/b&gt; &amp; Co" in html


# The sales-ready e-mail ------------------------------------------------------------------------


@pytest.fixture
def seller(make_user):
    seller = make_user("Sales", "sam")
    seller.email = "sam@example.com"
    seller.save()
    return seller


@pytest.fixture
def ready_lead(library, stages):
    lead = Lead.objects.create(name="Ana <Ruiz>", email="ana@example.com")
    visitor = uuid.uuid4()
    VisitorProfile.objects.create(visitor_id=visitor, lead=lead, last_seen_at=timezone.now())
    asset = AssetPageFactory(parent=library, title="Coverage map", stage=stages[3])
    record(Reading(str(visitor), "download", asset.pk))
    lead.mark_sales_ready("Strong signal: opened “Coverage map”")
    return lead


def test_the_sales_ready_email_opens_the_lead_itself(client, seller, ready_lead):
    notify_sales_ready.enqueue(ready_lead.pk)

    [message] = mail.outbox
    assert message.to == ["sam@example.com"]
    text, html = html_and_text(
        message,
        "ana@example.com",
        "Strong signal: opened “Coverage map”",
        "downloaded: Coverage map",
    )
    assert "Ana <Ruiz> <ana@example.com> is sales-ready" in text
    assert "Ana &lt;Ruiz&gt; is sales-ready" in html
    lead_page = f"/admin/sales/inbox/inspect/{ready_lead.pk}/"
    assert VisibleText(html).hrefs == [f"http://testserver{lead_page}"]
    assert "Open Ana &lt;Ruiz&gt; in the sales inbox" in html

    client.force_login(seller)
    response = client.get(lead_page)
    assert response.status_code == 200
    assert "ana@example.com" in response.content.decode()
