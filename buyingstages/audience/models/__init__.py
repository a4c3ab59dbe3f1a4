"""What reading tells us about readers: profiles, events, leads, subscriptions, forms and feedback."""

from .buffer import BufferedEvent
from .feedback import AssetStats, AssetVote, ReaderSurvey, SurveyAnswer
from .forms import MinimalFormPage
from .leads import Cadence, InvalidTransition, Lead, LeadState, LeadTransition, Subscription
from .organisations import Organisation, OrganisationDomain
from .profiles import (
    ContentEvent,
    ErasedVisitor,
    EventKind,
    ProfileCampaignTouch,
    ProfilingSettings,
    RollupWatermark,
    VisitorProfile,
)

__all__ = [
    "AssetStats",
    "AssetVote",
    "BufferedEvent",
    "Cadence",
    "ContentEvent",
    "ErasedVisitor",
    "EventKind",
    "InvalidTransition",
    "Lead",
    "LeadState",
    "LeadTransition",
    "MinimalFormPage",
    "Organisation",
    "OrganisationDomain",
    "ProfileCampaignTouch",
    "ProfilingSettings",
    "ReaderSurvey",
    "RollupWatermark",
    "Subscription",
    "SurveyAnswer",
    "VisitorProfile",
]
