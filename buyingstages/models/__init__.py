"""The buyer's journey: taxonomy, stage-tagged assets, and what reading tells us about readers."""

from .assets import (
    CARD_IMAGE_FILTER,
    AssetDownload,
    AssetFormat,
    AssetIndexPage,
    AssetPage,
    AssetPageQuerySet,
    AssetTopic,
)
from .taxonomy import (
    BaseTaxonomy,
    BuyingStage,
    DataCapturePolicy,
    Persona,
    Segment,
    SegmentDimension,
    Topic,
)

__all__ = [
    "CARD_IMAGE_FILTER",
    "AssetDownload",
    "AssetFormat",
    "AssetIndexPage",
    "AssetPage",
    "AssetPageQuerySet",
    "AssetTopic",
    "BaseTaxonomy",
    "BuyingStage",
    "DataCapturePolicy",
    "Persona",
    "Segment",
    "SegmentDimension",
    "Topic",
]
