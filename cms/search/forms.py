"""The reader's search: words, and optionally a buying stage and a format, as plain GET parameters."""

from django import forms

from buyingstages.library.formats import AssetFormat
from buyingstages.taxonomy.models import BuyingStage

MAX_QUERY_LENGTH = 200


class SearchForm(forms.Form):
    """A filter that is not valid is left out (with its message beside it); the search still runs."""

    q = forms.CharField(
        label="Search for",
        required=False,
        widget=forms.SearchInput(attrs={"maxlength": MAX_QUERY_LENGTH}),
    )
    stage = forms.ModelChoiceField(
        label="Buying stage",
        queryset=BuyingStage.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="Any stage",
        error_messages={
            "invalid_choice": "That is not one of our buying stages, so every stage is shown."
        },
    )
    format = forms.ChoiceField(
        label="Format",
        choices=[("", "Any format"), *AssetFormat.choices],
        required=False,
        error_messages={
            "invalid_choice": "That is not one of our formats, so every format is shown."
        },
    )

    def clean_q(self):
        return self.cleaned_data["q"][:MAX_QUERY_LENGTH]

    def filter_assets(self, assets):
        """``assets`` narrowed to the valid stage and format chosen, if any."""
        if stage := self.cleaned_data.get("stage"):
            assets = assets.for_stage(stage)
        if asset_format := self.cleaned_data.get("format"):
            assets = assets.of_format(asset_format)
        return assets
