"""Form data as a person sends it back (see buyingstages/common/bots.py)."""

import time
import uuid

from buyingstages.common.bots import SHOWN, shown_token


def as_a_person(data):
    """``data`` with the moment the form was shown a minute earlier, as a person's browser sends it."""
    return {**data, SHOWN: shown_token(time.time() - 60)}


def reading_event(asset_id, kind="view", visitor=None, **fields):
    """A beacon event as the reading script sends it: the reader id the site issued (for ``visitor``,
    or a new reader) and a fresh id for the event."""
    from buyingstages.audience import readers

    return {
        "v": readers.sign(visitor or uuid.uuid4()),
        "i": str(uuid.uuid4()),
        "e": kind,
        "p": asset_id,
        **fields,
    }
