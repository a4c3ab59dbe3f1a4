"""Reader ids: the anonymous id a browser sends with its reading, issued and signed by the site.

A browser cannot make up ids of its own: the beacon takes only ids the site signed, and the site signs
only so many new ones per client address in an hour (``MASTHEAD_NEW_READERS_PER_ADDRESS``), so a
visitor who rotates ids cannot multiply themselves in the figures. Nothing about the address is kept:
the limit is a counter in the cache (django-ratelimit hashes its key) that expires with its window.
"""

import uuid

from django.conf import settings
from django.core import signing

from buyingstages.audience.models import ErasedVisitor, VisitorProfile

SIGNER = signing.Signer(salt="masthead.reader")


class NotIssued(ValueError):
    """The id was not issued by this site (or not in this form)."""


def sign(visitor_id):
    return SIGNER.sign(str(visitor_id))


def reader_of(token):
    """The visitor id inside a reader id the site issued, or NotIssued."""
    if not isinstance(token, str):
        raise NotIssued(token)
    try:
        return str(uuid.UUID(SIGNER.unsign(token)))
    except (signing.BadSignature, ValueError) as error:
        raise NotIssued(token) from error


def is_issued(token):
    try:
        reader_of(token)
    except NotIssued:
        return False
    return True


def issue(held=None):
    """A reader id for a browser that holds ``held`` (nothing, or a bare id from before ids were signed).

    A bare id already known to the site is signed as it is, so that reader's history carries on; an
    erased one never is. Anything else gets a fresh id.
    """
    try:
        visitor_id = uuid.UUID(str(held))
    except ValueError:
        visitor_id = None
    if visitor_id is not None and (
        ErasedVisitor.objects.among([visitor_id])
        or not VisitorProfile.objects.filter(visitor_id=visitor_id).exists()
    ):
        visitor_id = None
    return sign(visitor_id or uuid.uuid4())


def new_readers_rate():
    return settings.MASTHEAD_NEW_READERS_PER_ADDRESS
