"""What reading tells us about readers: profiles, events, leads, subscriptions, forms and feedback."""

from .buffer import BufferedEvent
from .feedback import AssetStats, AssetVote, ReaderSurvey, SurveyAnswer
from .forms import MinimalFormField, MinimalFormPage
from .leads import Cadence, InvalidTransition, Lead, LeadState, LeadTransition, Subscription
from .profiles import ContentEvent, EventKind, ProfilingSettings, RollupWatermark, VisitorProfile

__all__ = [
    "AssetStats",
    "AssetVote",
    "BufferedEvent",
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
    "ReaderSurvey",
    "RollupWatermark",
    "Subscription",
    "SurveyAnswer",
    "VisitorProfile",
]
