"""bakerydemo's BaseStreamBlock (bakerydemo/base/blocks.py): heading, paragraph, image, quote, embed."""

from wagtail.blocks import (
    CharBlock,
    ChoiceBlock,
    RichTextBlock,
    StreamBlock,
    StructBlock,
    TextBlock,
)
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock


class CaptionedImageBlock(StructBlock):
    """An image with an optional caption and attribution."""

    image = ImageChooserBlock(required=True)
    caption = CharBlock(required=False)
    attribution = CharBlock(required=False)

    class Meta:
        icon = "image"
        template = "reference/blocks/captioned_image_block.html"


class HeadingBlock(StructBlock):
    """A heading of level two, three or four."""

    heading_text = CharBlock(classname="title", required=True)
    size = ChoiceBlock(
        choices=[("h2", "H2"), ("h3", "H3"), ("h4", "H4")], blank=True, required=False
    )

    class Meta:
        icon = "title"
        template = "reference/blocks/heading_block.html"


class ThemeSettingsBlock(StructBlock):
    theme = ChoiceBlock(
        choices=[("default", "Default"), ("highlight", "Highlight")],
        required=False,
        default="default",
    )
    text_size = ChoiceBlock(
        choices=[("default", "Default"), ("large", "Large")], required=False, default="default"
    )

    class Meta:
        icon = "cog"


class BlockQuote(StructBlock):
    """A quote with an optional attribution."""

    text = TextBlock()
    attribute_name = CharBlock(blank=True, required=False, label="e.g. Mary Berry")
    settings = ThemeSettingsBlock(collapsed=True)

    class Meta:
        icon = "openquote"
        template = "reference/blocks/blockquote.html"


class BaseStreamBlock(StreamBlock):
    heading_block = HeadingBlock()
    paragraph_block = RichTextBlock(
        icon="pilcrow", template="reference/blocks/paragraph_block.html"
    )
    image_block = CaptionedImageBlock()
    block_quote = BlockQuote()
    embed_block = EmbedBlock(icon="media", template="reference/blocks/embed_block.html")
