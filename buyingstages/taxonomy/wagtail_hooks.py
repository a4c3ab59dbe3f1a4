from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from buyingstages.taxonomy.models import BuyingStage, Campaign, Persona, Segment, Topic


class BuyingStageViewSet(SnippetViewSet):
    model = BuyingStage
    icon = "list-ol"
    menu_label = "Buying stages"
    url_prefix = "taxonomy/stages"
    list_display = ["name", "question", "get_policy_display"]
    search_fields = ["name", "question"]


class PersonaViewSet(SnippetViewSet):
    model = Persona
    icon = "user"
    menu_label = "Personas"
    url_prefix = "taxonomy/personas"
    list_display = ["name", "description"]
    search_fields = ["name"]


class SegmentViewSet(SnippetViewSet):
    model = Segment
    icon = "group"
    menu_label = "Segments"
    url_prefix = "taxonomy/segments"
    list_display = ["name", "get_dimension_display"]
    list_filter = ["dimension"]
    search_fields = ["name"]


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = "Topics"
    url_prefix = "taxonomy/topics"
    list_display = ["name", "slug"]
    search_fields = ["name"]
    ordering = ["name"]


class TaxonomyViewSetGroup(SnippetViewSetGroup):
    """Stages, personas, segments and topics: the vocabulary every asset is tagged with."""

    items = (BuyingStageViewSet, PersonaViewSet, SegmentViewSet, TopicViewSet)
    menu_icon = "tag"
    menu_label = "Taxonomy"
    menu_name = "taxonomy"
    menu_order = 250


register_snippet(TaxonomyViewSetGroup)


class CampaignViewSet(SnippetViewSet):
    """Campaigns sit beside the calendar: editors group the work of one push under them."""

    model = Campaign
    icon = "crosshairs"
    menu_label = "Campaigns"
    menu_order = 121
    add_to_admin_menu = True
    url_prefix = "taxonomy/campaigns"
    list_display = ["name", "slug", Column("dates_display", label="Dates")]
    search_fields = ["name", "goal"]
    ordering = ["-starts_on", "name"]


register_snippet(CampaignViewSet)
