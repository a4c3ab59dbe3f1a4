"""Blocks that show the company's canonical message on site pages."""

from django.utils import timezone
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from publishing.messaging.models import MessagePart, released_version
from publishing.messaging.splitting import arms_for


class MessageBlock(blocks.StructBlock):
    """A message, or chosen parts of it, always as currently released; never edited on the page."""

    message = SnippetChooserBlock("messaging.Message")
    parts = blocks.MultipleChoiceBlock(
        choices=MessagePart.choices, required=False, help_text="Leave empty for the whole message."
    )

    class Meta:
        icon = "openquote"
        label = "Message"
        template = "home/blocks/message.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        request = (parent_context or {}).get("request")
        previewing = bool(getattr(request, "is_preview", False))
        message = value["message"]
        shown, story_token = None, ""
        if message is not None:
            if previewing:
                # Editors previewing a page see the message as it would be published next.
                shown = message.get_latest_revision_as_object()
            elif not message.is_embargoed(timezone.now()):
                arm = arms_for(request).get(message.pk) if request is not None else None
                # A reader in a story test sees their version; the page tells its script which.
                shown = arm.as_message() if arm and arm.revision_id else None
                if shown is None:
                    _, shown = released_version(message)
                story_token = arm.token if arm else ""
        context.update(
            story_token=story_token,
            shown=shown,
            parts=shown.parts_text(value["parts"]) if shown else [],
            previewing=previewing,
        )
        return context
