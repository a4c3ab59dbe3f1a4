"""Form data as a person sends it back (see buyingstages/common/bots.py)."""

import time

from buyingstages.common.bots import SHOWN, shown_token


def as_a_person(data):
    """``data`` with the moment the form was shown a minute earlier, as a person's browser sends it."""
    return {**data, SHOWN: shown_token(time.time() - 60)}
