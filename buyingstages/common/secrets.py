"""Secrets the product hands out (feed, API and share tokens) are stored only as hashes."""

import hashlib


def hash_token(token):
    """Only hashes of secrets are stored; a database leak gives no working token."""
    return hashlib.sha256(token.encode()).hexdigest()
