"""The publisher's process: the editorial calendar, canonical messages and the sales decks."""

from .calendar import (
    EARLY_STATUSES,
    VISUAL_FORMATS,
    CalendarEntry,
    CalendarEntryQuerySet,
    CalendarFeedToken,
    CalendarShareLink,
    Channel,
    EntryLength,
    EntryStatus,
    normalise_newlines,
)
from .decks import DeckRendering, DeckTemplate, RenderStatus, SalesDeck
from .messages import Message, MessagePart, MessageRelease, released_version

__all__ = [
    "EARLY_STATUSES",
    "VISUAL_FORMATS",
    "CalendarEntry",
    "CalendarEntryQuerySet",
    "CalendarFeedToken",
    "CalendarShareLink",
    "Channel",
    "DeckRendering",
    "DeckTemplate",
    "EntryLength",
    "EntryStatus",
    "Message",
    "MessagePart",
    "MessageRelease",
    "RenderStatus",
    "SalesDeck",
    "normalise_newlines",
    "released_version",
]
