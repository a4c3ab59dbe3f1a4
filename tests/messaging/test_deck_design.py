"""Decks Sales can put in front of a customer: a designed 16:9 template with named layouts, text that
always fits its box, pictures, big numbers, quotes, live links, and a file that says who made it.

Every rendering is read back with python-pptx; the demo's decks and a deck of extreme content are also
drawn by LibreOffice (as a customer's PowerPoint would draw them) and every word of the PDF is checked
to lie inside its own box on the page, with no box's words over another's.
"""

import datetime
import io
import json
import os
import shutil
import subprocess
import unicodedata
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone
from lxml import etree
from PIL import Image
from pptx import Presentation
from pptx.enum.text import MSO_AUTO_SIZE
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Site

from buyingstages.library.formats import AssetFormat
from cms.home.models import BrandSettings
from publishing.messaging import brand as brands
from publishing.messaging import rendering as decks
from publishing.messaging import slides as contents
from publishing.messaging.models import DeckTemplate, Message, RenderStatus, SalesDeck
from publishing.messaging.slides import Metric, Picture, Slide
from tests.factories import AssetPageFactory

pytestmark = pytest.mark.django_db

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")
XHTML = "{http://www.w3.org/1999/xhtml}"
EMU_PER_POINT = 12_700

HEADLINE = (
    "Keelstone turns plant, ERP and logistics data into schedules your operations team trusts."
)
JOB = "Cuts unplanned downtime and schedule misses with one current view of every plant."
CATEGORY = "An operations data platform between the historian and the ERP."
BOILERPLATE = "Keelstone helps manufacturers run their plants on current, trustworthy data."
PROOF = [
    {
        "type": "quantified_outcome",
        "value": {
            "figure": "38%",
            "outcome": "less unplanned downtime",
            "context": "Harlow Components, first year",
        },
    },
    {
        "type": "customer_quote",
        "value": {
            "quote": "For the first time the plan on the screen is the plan on the floor.",
            "attribution": "Maya Osei, Head of Operations",
            "organisation": "Harlow Components",
        },
    },
    {
        "type": "endorsement",
        "value": {
            "source": "Northfield Industry Review 2026",
            "statement": "A leader for time to value in operations data.",
            "url": "https://review.example/keelstone",
        },
    },
]
CASE_STUDY = {
    "type": "case_study",
    "value": {
        "customer": "Harlow Components",
        "outcome": "Harlow Components cut unplanned downtime by 31% in nine months.",
        "outcome_metrics": [
            {"value": "31%", "label": "less unplanned downtime"},
            {"value": "£1.9m", "label": "annual saving"},
        ],
        "before": "<p>Three plants, three versions of the truth.</p>",
        "after": "<p>One connected model, rolled out plant by plant.</p>",
        "close_the_loop": "<p>Downtime down 31%, and planners trust the numbers.</p>",
        "quotes": [{"text": "We argue about decisions now, not data.", "name": "Ana Ruiz"}],
    },
}


@pytest.fixture
def brand(home):
    return BrandSettings.objects.create(
        site=Site.objects.get(is_default_site=True),
        organisation_name="Keelstone",
        strapline="Plants that hit their plan",
    )


@pytest.fixture
def message(django_capture_on_commit_callbacks):
    message = Message(
        name="Core story",
        headline=HEADLINE,
        job=JOB,
        category=CATEGORY,
        proof_points=PROOF,
        boilerplate=BOILERPLATE,
    )
    message.save()
    with django_capture_on_commit_callbacks(execute=True):
        message.save_revision().publish()
    message.refresh_from_db()
    return message


@pytest.fixture
def hero_image(db):
    return get_image_model().objects.create(
        title="Plant floor", file=get_test_image_file("floor.png")
    )


@pytest.fixture
def case_study(library, stages, hero_image):
    return AssetPageFactory(
        parent=library,
        stage=stages[3],
        title="Harlow Components: 31% less downtime",
        format=AssetFormat.CASE_STUDY,
        summary="A three-plant components maker cut unplanned downtime by 31% in nine months.",
        body=[CASE_STUDY],
        hero_image=hero_image,
    )


def make_deck(slug, title, slides, audience=""):
    return SalesDeck.objects.create(slug=slug, title=title, audience=audience, slides=slides)


@pytest.fixture
def full_deck(brand, message, case_study):
    return make_deck(
        "first-meeting",
        "Keelstone: first meeting",
        [
            {"type": "message_slide", "value": {"message": message.pk, "parts": []}},
            {"type": "asset_slide", "value": {"asset": case_study.pk}},
            {
                "type": "text_slide",
                "value": {"title": "In numbers", "text": "31% less downtime\n£1.9m saved a year"},
            },
            {
                "type": "text_slide",
                "value": {
                    "title": "What planners say",
                    "text": "“We argue about decisions now, not data.” — Ana Ruiz, Harlow",
                },
            },
            {
                "type": "text_slide",
                "value": {"title": "Next steps", "text": "A fit check\nA site visit"},
            },
        ],
        audience="Operations leaders at the Interest stage",
    )


def rendered(rendering):
    assert rendering.status == RenderStatus.OK, rendering.error
    with rendering.file.open("rb") as file:
        return file.read()


def layout_names(presentation):
    return [slide.slide_layout.name for slide in presentation.slides]


def texts(slide):
    """Each text shape's paragraphs, title first, in the order the shapes are drawn."""
    return [
        [paragraph.text for paragraph in shape.text_frame.paragraphs]
        for shape in slide.shapes
        if shape.has_text_frame and shape.text_frame.text
    ]


def links(slide):
    return {
        run.hyperlink.address
        for shape in slide.shapes
        if shape.has_text_frame
        for paragraph in shape.text_frame.paragraphs
        for run in paragraph.runs
        if run.hyperlink.address
    }


def pictures(slide):
    return [shape for shape in slide.shapes if hasattr(shape, "image")]


def notes(slide):
    return slide.notes_slide.notes_text_frame.text


# The built-in template ---------------------------------------------------------------------------


def test_the_built_in_template_is_widescreen_with_a_named_layout_for_each_kind_of_slide():
    template = Presentation(io.BytesIO(brands.builtin_template("Keelstone")))
    assert (template.slide_width, template.slide_height) == (12_192_000, 6_858_000)  # 13.333×7.5 in
    assert template.slide_width * 9 == template.slide_height * 16
    names = [layout.name for layout in template.slide_layouts]
    assert names[:7] == ["Title", "Section", "Message", "Metrics", "Quote", "Asset", "Closing"]
    assert len(template.slides) == 0


# Reading a rendering back ------------------------------------------------------------------------


def test_a_deck_reads_back_with_its_layouts_exact_text_picture_and_links(
    full_deck, message, case_study
):
    presentation = Presentation(io.BytesIO(rendered(decks.render(full_deck))))
    slides = list(presentation.slides)
    revision = message.live_revision_id
    named = f"Masthead message “Core story”, revision {revision}."

    assert presentation.slide_width * 9 == presentation.slide_height * 16
    assert layout_names(presentation) == [
        "Title", "Message", "Metrics", "Quote", "Quote", "Asset", "Metrics", "Metrics", "Quote",
        "Message", "Closing",
    ]  # fmt: skip
    assert texts(slides[0]) == [
        ["Keelstone: first meeting"],
        ["Operations leaders at the Interest stage"],
    ]
    assert texts(slides[1]) == [[HEADLINE], [JOB, CATEGORY, BOILERPLATE]]
    assert texts(slides[2]) == [
        ["What customers measured"],
        ["38%"],
        ["less unplanned downtime", "Harlow Components, first year"],
    ]
    assert texts(slides[3]) == [
        ["Harlow Components"],
        ["“For the first time the plan on the screen is the plan on the floor.”"],
        ["— Maya Osei, Head of Operations"],
    ]
    assert texts(slides[4])[1] == ["“A leader for time to value in operations data.”"]
    assert links(slides[4]) == {"https://review.example/keelstone"}
    proof = f"Proof for the message Core story, revision {revision}."
    assert [notes(slide) for slide in slides[1:5]] == [named, proof, proof, proof]

    asset_url = "http://testserver" + case_study.url
    assert texts(slides[5]) == [
        ["Harlow Components: 31% less downtime"],
        ["Evaluation · Case study", case_study.summary, asset_url],
    ]
    assert links(slides[5]) == {asset_url}
    [picture] = pictures(slides[5])
    assert picture.image.content_type == "image/jpeg"
    width, height = Image.open(io.BytesIO(picture.image.blob)).size
    assert abs(width / height - 1200 / 630) < 0.01  # the social-card crop, never stretched
    assert texts(slides[6])[0] == [
        "Harlow Components cut unplanned downtime by 31% in nine months."
    ]
    assert [paragraphs[0] for paragraphs in texts(slides[6])[1:]] == [
        "31%", "less unplanned downtime", "£1.9m", "annual saving",
    ]  # fmt: skip

    assert texts(slides[7]) == [
        ["In numbers"], ["31%"], ["less downtime"], ["£1.9m"], ["saved a year"],
    ]  # fmt: skip
    assert texts(slides[8]) == [
        ["What planners say"],
        ["“We argue about decisions now, not data.”"],
        ["— Ana Ruiz, Harlow"],
    ]
    assert texts(slides[9]) == [["Next steps"], ["A fit check", "A site visit"]]
    assert texts(slides[10]) == [
        ["Thank you"],
        ["Keelstone: Plants that hit their plan", "http://testserver/"],
    ]
    assert links(slides[10]) == {"http://testserver/"}


def test_the_file_says_who_made_it_when_and_from_which_release(full_deck, message):
    before = timezone.now().replace(microsecond=0)
    content = rendered(decks.render(full_deck))
    properties = Presentation(io.BytesIO(content)).core_properties

    assert properties.author == properties.last_modified_by == "Keelstone"
    modified = properties.modified.replace(tzinfo=datetime.UTC)
    assert before <= modified <= timezone.now()
    assert properties.created == properties.modified
    assert properties.revision == message.live_revision_id
    assert properties.version == f"Core story r{message.live_revision_id}"
    assert properties.title == "Keelstone: first meeting"
    manifest = json.loads(properties.comments)
    assert manifest["messages"] == {str(message.pk): message.live_revision_id}
    assert decks.read_manifest(io.BytesIO(content)) == manifest

    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        thumbnail = Image.open(io.BytesIO(archive.read("docProps/thumbnail.jpeg")))
        assert thumbnail.format == "JPEG"
        assert thumbnail.size == (320, 180)
        assert thumbnail.getpixel((5, 5)) != (255, 255, 255)  # the brand's background, not blank
        relations = archive.read("_rels/.rels").decode()
        assert "docProps/thumbnail.jpeg" in relations
        application = archive.read("docProps/app.xml").decode()
    assert "<Application>Masthead</Application>" in application
    assert "<Company>Keelstone</Company>" in application
    assert "Macintosh" not in application


def test_the_html_version_shows_the_same_kinds_of_slide(full_deck):
    html = decks.render(full_deck).html
    for kind in ("title", "message", "metrics", "quote", "asset", "text", "closing"):
        assert f"deck__slide--{kind}" in html
    assert "<dt>38%</dt>" in html
    assert "<blockquote><p>“For the first time" in html
    assert 'class="deck__picture"' in html


# Text that always fits ---------------------------------------------------------------------------

LONG_WORD = "Pneumonoultramicroscopicsilicovolcanoconiosis" * 3
ODD = "Ünïcødé “quotes” — tabs\there, 日本語のテキスト, שלום, émoji 🚀, zero\u200bwidth, &<>"


def longest_words(length, first=0):
    """Ordinary words, `length` characters of them (the last one cut), starting at word `first`."""
    words = [
        "Keelstone",
        "turns",
        "plant",
        "and",
        "logistics",
        "data",
        "into",
        "schedules",
        "operations",
        "teams",
        "trust",
    ]
    text, index = "", first
    while len(text) < length:
        text += words[index % len(words)] + " "
        index += 1
    return text[:length].rstrip()


def extreme_slides():
    jpeg = io.BytesIO()
    Image.new("RGB", (1200, 630), "#0b5d7a").save(jpeg, "JPEG")
    headline_127, headline_300 = longest_words(127), longest_words(300)
    assert (len(headline_127), len(headline_300)) == (127, 300)
    twelve = [f"Point {n}: " + longest_words(150) for n in range(1, 13)]
    return [
        Slide(kind="title", title=headline_300, points=[longest_words(200)]),
        Slide(kind="message", title=headline_127, points=twelve),
        Slide(kind="message", title=headline_300, points=twelve[:3]),
        Slide(kind="section", title=headline_300),
        Slide(kind="text", title=LONG_WORD, points=[LONG_WORD, "https://example.com/" + "a/" * 150]),
        Slide(kind="text", title=ODD, points=[ODD] * 6),
        Slide(kind="quote", title=longest_words(120), quote=longest_words(600), attribution=longest_words(160)),
        Slide(
            kind="metrics",
            title=longest_words(200),
            metrics=[Metric("£1,234,567.89", longest_words(160), longest_words(160))] * 4,
        ),
        Slide(
            kind="asset",
            title=longest_words(255),
            caption="First 90 days · First 90 days guide",
            points=[longest_words(300)],
            link="https://example.com/library/" + "very-long-slug-" * 15,
            picture=Picture(jpeg.getvalue(), "", "A blue card"),
        ),
        Slide(kind="closing", title="Thank you", points=[longest_words(240)], link="https://example.com/"),
    ]  # fmt: skip


def extreme_pptx(template=None):
    deck = SalesDeck(slug="extreme", title="Extreme")
    manifest = {
        "masthead-deck": "extreme",
        "rendered_at": timezone.now().isoformat(),
        "messages": {},
    }
    return decks.write_pptx(deck, extreme_slides(), manifest, template)


def test_text_is_sized_within_bounds_wrapped_and_never_grown_by_the_program(brand):
    presentation = Presentation(io.BytesIO(extreme_pptx()))
    for slide in presentation.slides:
        for shape in slide.shapes:
            if not shape.has_text_frame or not shape.text_frame.text:
                continue
            assert shape.text_frame.word_wrap is True
            assert shape.text_frame.auto_size == MSO_AUTO_SIZE.NONE
            for paragraph in shape.text_frame.paragraphs:
                for run in paragraph.runs:
                    assert 14 <= run.font.size.pt <= 66, (shape.name, run.text)


def test_a_long_headline_shrinks_and_only_one_too_long_for_its_box_is_cut(brand):
    slides = list(Presentation(io.BytesIO(extreme_pptx())).slides)
    headline_127, headline_300 = longest_words(127), longest_words(300)

    title = slides[1].shapes.title.text_frame
    assert title.text == headline_127  # shrunk, not cut
    assert 28 <= title.paragraphs[0].runs[0].font.size.pt < 40
    cut = slides[0].shapes.title.text_frame.text
    assert cut.endswith("…") and headline_300.startswith(cut[:-1])
    assert headline_300[len(cut) - 1] == " "  # at a word's end


def test_a_body_too_long_for_one_slide_continues_on_the_next_of_the_same_kind(brand):
    presentation = Presentation(io.BytesIO(extreme_pptx()))
    slides = list(presentation.slides)
    headline_127 = longest_words(127)
    titles = (headline_127, f"{headline_127} (continued)")
    continued = [slide for slide in slides if slide.shapes.title.text_frame.text in titles]
    assert len(continued) >= 2
    assert continued[1].shapes.title.text_frame.text.endswith("(continued)")
    assert {slide.slide_layout.name for slide in continued} == {"Message"}
    body = " ".join(" ".join(texts(slide)[1]) for slide in continued)
    expected = " ".join(f"Point {n}: " + longest_words(150) for n in range(1, 13))
    assert " ".join(body.split()) == " ".join(expected.split())  # every word, in order
    assert any(LONG_WORD in "".join(texts(slide)[0]) for slide in slides)


# Uploaded templates -------------------------------------------------------------------------------


def pptx_bytes(presentation):
    buffer = io.BytesIO()
    presentation.save(buffer)
    return buffer.getvalue()


def named_template(**names):
    """python-pptx's default template with its layouts renamed: {old name: new name}."""
    presentation = Presentation()
    for layout in presentation.slide_layouts:
        layout.name = names.get(layout.name, layout.name)
    return pptx_bytes(presentation)


def upload(editor_client, content, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return editor_client.post(
            "/admin/deck-templates/add/",
            {"name": "Brand 2026", "file": SimpleUploadedFile("brand.pptx", content)},
        )


def test_an_uploaded_template_is_matched_by_name_whatever_the_case_and_falls_back_to_message(
    editor_client, full_deck, django_capture_on_commit_callbacks
):
    content = named_template(
        **{
            "Title Slide": "TITLE",
            "Title and Content": "message",
            "Content with Caption": "Quote",
            "Picture with Caption": "Photo",
        }
    )
    assert upload(editor_client, content, django_capture_on_commit_callbacks).status_code == 302
    presentation = Presentation(io.BytesIO(rendered(decks.render(full_deck))))
    assert layout_names(presentation) == [
        "TITLE", "message", "message", "Quote", "Quote", "message", "message", "message", "Quote",
        "message", "message",
    ]  # fmt: skip
    asset = list(presentation.slides)[5]
    assert pictures(asset), "without an Asset layout the picture sits beside the text"
    assert "Evaluation · Case study" in texts(asset)[1]


def test_a_template_without_a_needed_layout_is_refused_naming_what_is_missing(
    editor_client, django_capture_on_commit_callbacks
):
    content = named_template(**{"Title and Content": "Content"})
    response = upload(editor_client, content, django_capture_on_commit_callbacks)
    assert response.status_code == 200
    html = response.content.decode()
    assert "no slide layout named “Message” (or “Title and Content”)" in html
    assert "“Metrics”, “Quote”, “Closing”" in html  # the optional ones it also lacks
    assert not DeckTemplate.objects.exists()


def test_a_stored_template_that_lost_its_layouts_fails_clearly_and_the_last_deck_stays_live(
    full_deck,
):
    good = decks.render(full_deck)
    good.live_from = timezone.now()
    good.save()
    broken = SimpleUploadedFile("brand.pptx", named_template(**{"Title and Content": "Content"}))
    DeckTemplate.objects.create(name="Broken", file=broken)  # as if saved before the check existed

    failed = decks.render(full_deck)
    assert failed.status == RenderStatus.FAILED
    assert "no slide layout named “Message”" in failed.error
    assert full_deck.current_rendering() == good


# Images that cannot be used ----------------------------------------------------------------------


def asset_slide(rendering):
    presentation = Presentation(io.BytesIO(rendered(rendering)))
    return next(slide for slide in presentation.slides if slide.slide_layout.name == "Asset")


def test_a_corrupt_hero_image_leaves_the_slide_without_it_and_says_why(full_deck, hero_image):
    with hero_image.file.open("wb") as file:
        file.write(b"this is not a PNG")
    hero_image.renditions.all().delete()

    rendering = decks.render(full_deck)
    slide = asset_slide(rendering)
    assert pictures(slide) == []
    assert "Evaluation · Case study" in texts(slide)[1]
    assert "The hero image “Plant floor” is left out" in notes(slide)
    assert "is left out" in rendering.html


def test_an_oversized_hero_image_is_left_out_with_a_reason(full_deck, hero_image):
    type(hero_image).objects.filter(pk=hero_image.pk).update(width=20_000, height=20_000)
    rendering = decks.render(full_deck)
    slide = asset_slide(rendering)
    assert pictures(slide) == []
    assert "too large" in notes(slide)


# Drawn by LibreOffice --------------------------------------------------------------------------------


def needs(tool, package):
    if tool is None:
        message = f"drawing decks needs {package}"
        if os.environ.get("CI"):
            pytest.fail(f"{message}; .ci/run must install it")
        pytest.skip(message)


def as_pdf(content, tmp_path, name):
    needs(SOFFICE, "LibreOffice Impress (apt-get install libreoffice-impress-nogui)")
    needs(PDFTOTEXT, "poppler (apt-get install poppler-utils)")
    source = tmp_path / f"{name}.pptx"
    source.write_bytes(content)
    subprocess.run(  # noqa: S603
        [SOFFICE, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=180, env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    pdf = tmp_path / f"{name}.pdf"
    assert pdf.exists(), (
        "LibreOffice made no PDF: is Impress (libreoffice-impress-nogui) installed?"
    )
    return pdf


def pdf_pages(pdf):
    """[(page width, page height, [(word, x0, y0, x1, y1)])] in points, from poppler's layout."""
    out = subprocess.run(  # noqa: S603
        [PDFTOTEXT, "-bbox-layout", str(pdf), "-"], check=True, capture_output=True, timeout=60
    ).stdout
    root = etree.fromstring(out, etree.XMLParser(recover=True))
    pages = []
    for page in root.iter(f"{XHTML}page"):
        words = [
            (word.text or "", *(float(word.get(key)) for key in ("xMin", "yMin", "xMax", "yMax")))
            for word in page.iter(f"{XHTML}word")
        ]
        pages.append((float(page.get("width")), float(page.get("height")), words))
    return pages


def squashed(text):
    """Letters and digits only: poppler splits, joins and (right to left) reverses words its own way."""
    return "".join(char for char in unicodedata.normalize("NFKC", text) if char.isalnum())


def boxes(slide):
    """[(name, its letters, (x0, y0, x1, y1) in points)] of the slide's text shapes, and of the
    layout's own text (the brand's name, the slide number)."""
    found = []
    for source, shapes in (("slide", slide.shapes), ("layout", slide.slide_layout.shapes)):
        for shape in shapes:
            if not shape.has_text_frame or not shape.text_frame.text:
                continue
            if source == "layout" and shape.is_placeholder:
                continue  # a layout's prompt text is not drawn on its slides
            x0, y0 = shape.left / EMU_PER_POINT, shape.top / EMU_PER_POINT
            x1, y1 = x0 + shape.width / EMU_PER_POINT, y0 + shape.height / EMU_PER_POINT
            text = squashed(shape.text_frame.text)
            if "‹#›" in shape.text_frame.text:
                text += "0123456789"  # a slide number: any of its digits
            found.append((f"{source}:{shape.name}", text, (x0, y0, x1, y1)))
    return found


def holds(shape, word):
    letters = squashed(word[0])
    return letters and (letters in shape[1] or letters[::-1] in shape[1])


def inside(word, box):
    """Inside the box, allowing for poppler's word boxes, which take the font's full height."""
    _, x0, y0, x1, y1 = word
    slack, vertical = 2.5, 2.5 + 0.15 * (y1 - y0)
    return (
        x0 >= box[0] - slack
        and x1 <= box[2] + slack
        and y0 >= box[1] - vertical
        and y1 <= box[3] + vertical
    )


def overlap(a, b):
    width = min(a[3], b[3]) - max(a[1], b[1])
    height = min(a[4], b[4]) - max(a[2], b[2])
    if width <= 0 or height <= 0:
        return 0
    smaller = min((a[3] - a[1]) * (a[4] - a[2]), (b[3] - b[1]) * (b[4] - b[2])) or 1
    return width * height / smaller


def check_drawn(content, tmp_path, name):
    """Every word on its page and inside the box of the shape that holds it; no two shapes' words on
    top of each other; a title's words above its body's."""
    presentation = Presentation(io.BytesIO(content))
    pages = pdf_pages(as_pdf(content, tmp_path, name))
    assert len(pages) == len(presentation.slides)
    problems = []
    for number, (slide, (width, height, words)) in enumerate(
        zip(presentation.slides, pages, strict=True), 1
    ):
        shapes = boxes(slide)
        owners = []
        for word in words:
            assert word[1] >= 0 and word[2] >= 0 and word[3] <= width and word[4] <= height, (
                f"slide {number}: “{word[0]}” is off the page"
            )
            holders = [shape for shape in shapes if holds(shape, word)] or shapes
            home = next((s for s in holders if inside(word, s[2])), None)
            if home is None:
                problems.append(
                    f"slide {number}: “{word[0]}” {word[1:]} lies outside its box "
                    f"{[(h[0], h[2]) for h in holders[:3]]}"
                )
            owners.append(home[0] if home else None)
        for i, (word, owner) in enumerate(zip(words, owners, strict=True)):
            for other, other_owner in zip(words[i + 1 :], owners[i + 1 :], strict=True):
                if owner != other_owner and overlap(word, other) > 0.3:
                    problems.append(f"slide {number}: “{word[0]}” is drawn over “{other[0]}”")
        title = slide.shapes.title
        if title is not None:
            title_words = [
                w for w, o in zip(words, owners, strict=True) if o == f"slide:{title.name}"
            ]
            others = [
                w
                for w, o in zip(words, owners, strict=True)
                if o and o.startswith("slide:") and o != f"slide:{title.name}"
            ]
            if title_words and others and slide.slide_layout.name not in ("Quote",):
                assert max(w[4] for w in title_words) <= min(w[2] for w in others) + 1, (
                    f"slide {number}: the title runs into the text below it"
                )
    assert problems == []


def test_every_word_of_an_extreme_deck_lies_inside_its_box_in_libreoffice(brand, tmp_path):
    check_drawn(extreme_pptx(), tmp_path, "extreme")


def test_every_word_of_an_extreme_deck_fits_an_uploaded_template_too(brand, tmp_path):
    check_drawn(extreme_pptx(pptx_bytes(Presentation())), tmp_path, "uploaded")


def test_the_demo_decks_are_drawn_inside_their_boxes_in_libreoffice(tmp_path, fast_demo_files):
    call_command("seed_demo", verbosity=0, stdout=io.StringIO())
    for deck in SalesDeck.objects.all():
        content = rendered(deck.current_rendering())
        names = layout_names(Presentation(io.BytesIO(content)))
        assert names[0] == "Title" and names[-1] == "Closing"
        assert "Asset" in names and "Metrics" in names and "Quote" in names
        check_drawn(content, tmp_path, deck.slug)


def test_the_upload_form_names_the_layouts_a_template_needs(editor_client):
    html = editor_client.get("/admin/deck-templates/add/").content.decode()
    assert "“Title” and “Message” are needed" in html
    assert "“Message” stands in for any that are missing" in html


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("31% less downtime\n£1.9m saved a year\n12 weeks to the first site", "metrics"),
        ("1. A fit check\n2. A site visit", "text"),
        ("Plants hit plan\n31% less downtime", "text"),
        ("“We argue about decisions now.” — Ana Ruiz, Harlow", "quote"),
        ('"We argue about decisions now." (Ana Ruiz, Harlow)', "quote"),
        ("“We argue about decisions now.”", "text"),
    ],
)
def test_a_text_slide_shows_numbers_or_a_quote_only_when_it_is_one(text, kind):
    assert [slide.kind for slide in contents.text_slides("Title", text)] == [kind]
