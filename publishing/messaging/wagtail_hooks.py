from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.ui.tables import Column, LiveStatusTagColumn, UpdatedAtColumn
from wagtail.snippets.action_menu import ActionMenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from buyingstages.common.admin import PermissionMenuItem
from publishing.messaging import views as deck_views
from publishing.messaging.models import DeckTemplate, Message, SalesDeck


class MessageViewSet(SnippetViewSet):
    """The company's core story: drafts, revisions, compare, locking, preview, workflow, scheduling."""

    model = Message
    icon = "openquote"
    menu_label = "Messages"
    url_prefix = "messages"
    list_display = ["name", "headline", UpdatedAtColumn(), LiveStatusTagColumn()]
    list_filter = ["live"]
    search_fields = ["name", "headline"]


class DeckActionsColumn(Column):
    cell_template_name = "messaging/cells/deck_actions.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["can_edit"] = parent_context["request"].user.has_perm("messaging.change_salesdeck")
        return context


class SalesDeckViewSet(SnippetViewSet):
    """Decks built from messages and assets; sales download the current .pptx from here."""

    model = SalesDeck
    icon = "doc-full"
    menu_label = "Sales decks"
    url_prefix = "decks"
    list_display = [
        "title",
        "audience",
        Column("is_draft", label="Draft"),
        DeckActionsColumn("files", label="Files"),
    ]
    search_fields = ["title"]


class DeckTemplateViewSet(SnippetViewSet):
    model = DeckTemplate
    icon = "image"
    menu_label = "Brand template"
    url_prefix = "deck-templates"
    list_display = ["name", "file", "uploaded_at"]
    copy_view_enabled = False


class MessagesGroup(SnippetViewSetGroup):
    """One message, everywhere: the messages, the decks drawn from them, and the brand template."""

    items = (MessageViewSet, SalesDeckViewSet, DeckTemplateViewSet)
    menu_icon = "openquote"
    menu_label = "Messages & decks"
    menu_name = "messages"
    menu_order = 140


register_snippet(MessagesGroup)


@hooks.register("register_admin_urls")
def register_deck_urls():
    return [
        path("deck-check/", deck_views.DeckCheckView.as_view(), name="deck_check"),
        path(
            "message-consistency/",
            deck_views.ConsistencyReportView.as_view(),
            name="message_consistency",
        ),
        path(
            "decks/<int:pk>/draft-preview/",
            deck_views.DeckPreviewView.as_view(),
            name="deck_preview",
        ),
        path(
            "messages/<int:pk>/effect/",
            deck_views.MessageEffectView.as_view(),
            name="message_effect",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_deck_check_menu_item():
    return PermissionMenuItem(
        "Is my deck current?",
        reverse("deck_check"),
        icon_name="doc-full",
        order=145,
        permission="messaging.view_salesdeck",
    )


@hooks.register("register_reports_menu_item")
def register_consistency_report_menu_item():
    return PermissionMenuItem(
        "Message consistency",
        reverse("message_consistency"),
        icon_name="tasks",
        order=900,
        permission="messaging.change_message",
    )


class MessageEffectMenuItem(ActionMenuItem):
    """A link in the message's edit view, beside Publish: what publishing the saved draft changes."""

    name = "action-message-effect"
    label = "See the effect of the saved draft"
    icon_name = "view"

    def is_shown(self, context):
        return context["view"] == "edit" and context["request"].user.has_perm(
            "messaging.change_message"
        )

    def get_url(self, parent_context):
        return reverse("message_effect", args=[parent_context["instance"].pk])


@hooks.register("register_snippet_action_menu_item")
def register_message_effect_menu_item(model):
    if model is Message:
        return MessageEffectMenuItem(order=25)
    return None
