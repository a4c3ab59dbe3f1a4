"""StreamField blocks for asset pages.

Every top-level block renders as one `<section>` with a stable id, so reading depth can later be
measured section by section.
"""

from django.core.validators import RegexValidator
from wagtail import blocks
from wagtail.images.blocks import ImageBlock

has_a_number = RegexValidator(
    r"\d", "A metric is something you can count: include the number, e.g. “31%” or “9 months”."
)


class SectionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120)
    content = blocks.RichTextBlock(features=["bold", "italic", "link", "ol", "ul", "h3"])

    class Meta:
        icon = "doc-full"
        template = "library/blocks/section.html"


class FigureBlock(blocks.StructBlock):
    image = ImageBlock()
    caption = blocks.CharBlock(max_length=250, required=False)

    class Meta:
        icon = "image"
        template = "library/blocks/figure.html"


class MetricBlock(blocks.StructBlock):
    value = blocks.CharBlock(max_length=20, validators=[has_a_number], help_text="e.g. 31%")
    label = blocks.CharBlock(max_length=80, help_text="e.g. less unplanned downtime")

    class Meta:
        icon = "pick"


class MetricsBlock(blocks.StructBlock):
    """A strip of key numbers; the backbone of infographics and research reports."""

    heading = blocks.CharBlock(max_length=120, required=False)
    metrics = blocks.ListBlock(MetricBlock(), min_num=1, max_num=8)

    class Meta:
        icon = "table"
        template = "library/blocks/metrics.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(max_length=600)
    name = blocks.CharBlock(max_length=80)
    role = blocks.CharBlock(max_length=80, required=False)
    organisation = blocks.CharBlock(max_length=80, required=False)

    class Meta:
        icon = "openquote"
        template = "library/blocks/quote.html"


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=200)
    answer = blocks.RichTextBlock(features=["bold", "italic", "link", "ol", "ul"])


class FAQBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, default="Frequently asked questions")
    questions = blocks.ListBlock(QuestionBlock(), min_num=1)

    class Meta:
        icon = "help"
        template = "library/blocks/faq.html"


class CaseStudyBlock(blocks.StructBlock):
    """A customer story told outcome-first: outcome, before, after, close the loop."""

    customer = blocks.CharBlock(max_length=120)
    outcome = blocks.CharBlock(
        max_length=200, help_text="The quantified result in one sentence, told first."
    )
    outcome_metrics = blocks.ListBlock(MetricBlock(), min_num=1, max_num=6)
    before = blocks.RichTextBlock(
        features=["bold", "italic", "link"], help_text="The situation before."
    )
    after = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ol", "ul"], help_text="What was done, and how."
    )
    close_the_loop = blocks.RichTextBlock(
        features=["bold", "italic", "link"],
        help_text="The outcomes again, with the related benefits.",
    )
    quotes = blocks.ListBlock(QuoteBlock(), min_num=1, max_num=4)

    class Meta:
        icon = "user"
        template = "library/blocks/case_study.html"


class UnreadableStream(blocks.StreamValue):
    """What a truncated or tampered post of a stream becomes: empty, and refused by `clean`."""


class FormSafeStreamBlock(blocks.StreamBlock):
    """A stream whose posted form data, if incomplete or tampered with, gets a form error where
    Wagtail's own reading of it fails with a server error (a browser always sends it whole)."""

    def value_from_datadict(self, data, files, prefix):
        try:
            return super().value_from_datadict(data, files, prefix)
        except (KeyError, ValueError, TypeError):
            return UnreadableStream(self, [])

    def clean(self, value):
        if isinstance(value, UnreadableStream):
            raise blocks.StreamBlockValidationError(
                non_block_errors=[
                    "This part of the form arrived incomplete. Reload the page and try again."
                ]
            )
        return super().clean(value)


class AssetBodyBlock(FormSafeStreamBlock):
    section = SectionBlock()
    figure = FigureBlock()
    metrics = MetricsBlock()
    quote = QuoteBlock()
    faq = FAQBlock()
    case_study = CaseStudyBlock()

    class Meta:
        block_counts = {"case_study": {"max_num": 1}}
