"""The canonical message, its releases, and the sales decks drawn from it."""

from .decks import DeckRendering, DeckTemplate, RenderStatus, SalesDeck
from .messages import Message, MessagePart, MessageRelease, released_version
from .story_tests import StoryTest, StoryTestState

__all__ = [
    "DeckRendering",
    "DeckTemplate",
    "Message",
    "MessagePart",
    "MessageRelease",
    "RenderStatus",
    "SalesDeck",
    "StoryTest",
    "StoryTestState",
    "released_version",
]
