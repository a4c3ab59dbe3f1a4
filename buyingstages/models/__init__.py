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
from .buffer import BufferedEvent
from .forms import MinimalFormField, MinimalFormPage
from .insight import AssetStats, ReaderSurvey, SurveyAnswer
from .integrations import (
    ApiToken,
    DeliveryState,
    WebhookDelivery,
    WebhookEndpoint,
    hash_token,
)
from .leads import Cadence, InvalidTransition, Lead, LeadState, LeadTransition, Subscription
from .profiles import ContentEvent, EventKind, ProfilingSettings, VisitorProfile
from .sales import AssetFeedback, AssetVote, FieldNote, ShareLink
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
    "AssetStats",
    "ReaderSurvey",
    "SurveyAnswer",
    "ApiToken",
    "AssetFeedback",
    "AssetVote",
    "DeliveryState",
    "FieldNote",
    "ShareLink",
    "WebhookDelivery",
    "WebhookEndpoint",
    "hash_token",
    "Cadence",
    "ContentEvent",
    "EventKind",
    "InvalidTransition",
    "Lead",
    "LeadState",
    "LeadTransition",
    "MinimalFormField",
    "MinimalFormPage",
    "ProfilingSettings",
    "Subscription",
    "VisitorProfile",
    "CARD_IMAGE_FILTER",
    "AssetDownload",
    "AssetFormat",
    "AssetIndexPage",
    "AssetPage",
    "AssetPageQuerySet",
    "AssetTopic",
    "BufferedEvent",
    "BaseTaxonomy",
    "BuyingStage",
    "DataCapturePolicy",
    "Persona",
    "Segment",
    "SegmentDimension",
    "Topic",
]
