"""Which version of a story under test a reading event was read with, as the page told the script.

The page carries its version as a token the site signed (the same token for every reader of that
version, so pages stay cacheable); the beacon keeps the label inside only if the signature holds, so a
browser cannot file events under a version it was never shown. An event whose token does not verify is
kept for no version (beacon.story_variant_of).
"""

import re

from django.core import signing

SIGNER = signing.Signer(salt="masthead.story-variant")
# "<test id>:<version>", the version A (the current one), B or C.
LABEL = re.compile(r"^[1-9][0-9]{0,9}:[ABC]$")


class NotSigned(ValueError):
    """Not a version label this site signed."""


def sign(label):
    if not LABEL.match(label):
        raise ValueError(f"Not a story test version label: {label!r}")
    return SIGNER.sign(label)


def label_of(token):
    """The label inside a token the site signed, or NotSigned."""
    if not isinstance(token, str) or len(token) > 100:
        raise NotSigned(token)
    try:
        label = SIGNER.unsign(token)
    except signing.BadSignature as error:
        raise NotSigned(token) from error
    if not LABEL.match(label):
        raise NotSigned(token)
    return label
