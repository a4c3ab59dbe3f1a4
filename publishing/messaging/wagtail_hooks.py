from django.urls import path, reverse
from django.utils.functional import cached_property
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column, LiveStatusTagColumn, UpdatedAtColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.action_menu import ActionMenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from buyingstages.common.admin import PermissionMenuItem, SinglePermissionPolicy
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
        user = parent_context["request"].user
        context["can_edit"] = user.has_perm("messaging.change_salesdeck")
        context["can_copy"] = instance.owner_id is None and user.has_perm(deck_views.SALES_AREA)
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

    def get_queryset(self, request):
        """Sales see marketing's decks here (their own are in My decks); editors see every deck."""
        if request.user.has_perm("messaging.change_salesdeck"):
            return None
        return SalesDeck.objects.marketing()


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


class MyDecksViewSet(ModelViewSet):
    """A salesperson's own decks: library slides regenerated at every release, their own kept."""

    model = SalesDeck
    name = "my_decks"
    url_prefix = "sales/my-decks"
    icon = "doc-full"
    add_to_admin_menu = False  # a menu item for the Sales area below
    index_view_class = deck_views.MyDeckIndexView
    add_view_class = deck_views.MyDeckCreateView
    copy_view_class = deck_views.MyDeckCopyView
    edit_view_class = deck_views.MyDeckEditView
    delete_view_class = deck_views.MyDeckDeleteView
    history_view_class = deck_views.MyDeckHistoryView
    usage_view_class = deck_views.MyDeckUsageView
    list_display = ["title", "audience", DeckActionsColumn("files", label="Files")]
    panels = [FieldPanel("title"), FieldPanel("audience"), FieldPanel("slides")]

    @cached_property
    def own_decks_policy(self):
        """Anyone in the Sales area may keep decks; the views show each only their own."""
        return SinglePermissionPolicy(
            SalesDeck, deck_views.SALES_AREA, actions=("add", "change", "delete", "view")
        )

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(permission_policy=self.own_decks_policy, **kwargs)

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(page_title="My decks", **kwargs)

    def register_admin_url_finder(self):
        """Links to a deck elsewhere in the admin stay the editors' (the snippet's)."""


@hooks.register("register_admin_viewset")
def register_my_decks():
    return MyDecksViewSet()


@hooks.register("register_admin_menu_item")
def register_my_decks_menu_item():
    return PermissionMenuItem(
        "My decks",
        reverse("my_decks:index"),
        icon_name="doc-full",
        order=125,
        permission=deck_views.SALES_AREA,
    )


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
        path(
            "messages/<int:pk>/story-test/",
            deck_views.StartStoryTestView.as_view(),
            name="story_test_start",
        ),
        path("story-tests/", deck_views.StoryTestIndexView.as_view(), name="story_tests"),
        path("story-tests/<int:pk>/", deck_views.StoryTestView.as_view(), name="story_test"),
        path(
            "story-tests/<int:pk>/end/",
            deck_views.EndStoryTestView.as_view(),
            name="story_test_end",
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


@hooks.register("register_admin_menu_item")
def register_story_tests_menu_item():
    return PermissionMenuItem(
        "Story tests",
        reverse("story_tests"),
        icon_name="openquote",
        order=141,
        permission=deck_views.TEST_STORIES,
    )


class StoryTestMenuItem(ActionMenuItem):
    """In the message's edit view: test its saved drafts on readers (or see the running test)."""

    name = "action-story-test"
    label = "Test drafts on readers"
    icon_name = "openquote"

    def is_shown(self, context):
        return context["view"] == "edit" and context["request"].user.has_perm(
            deck_views.TEST_STORIES
        )

    def get_url(self, parent_context):
        return reverse("story_test_start", args=[parent_context["instance"].pk])


@hooks.register("register_snippet_action_menu_item")
def register_story_test_menu_item(model):
    if model is Message:
        return StoryTestMenuItem(order=26)
    return None
