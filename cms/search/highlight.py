"""Marking a reader's words in a search result, with everything else escaped."""

import re

from django.utils.html import escape, format_html, format_html_join


def word_pattern(words):
    """What the search matched: each word whole, the last also as the start of a longer word."""
    if not words:
        return None
    *whole, last = words
    alternatives = [rf"{re.escape(word)}(?!\w)" for word in whole] + [rf"{re.escape(last)}\w*"]
    return re.compile(rf"(?<!\w)(?:{'|'.join(alternatives)})", re.IGNORECASE)


def highlight(text, words):
    """``text`` as safe HTML: escaped, with every match of ``words`` in a ``<mark>``."""
    text = str(text)
    pattern = word_pattern(words)
    if pattern is None:
        return escape(text)
    pieces, start = [], 0
    for match in pattern.finditer(text):
        pieces += [text[start : match.start()], format_html("<mark>{}</mark>", match.group())]
        start = match.end()
    pieces.append(text[start:])
    # Plain pieces are escaped here; the marks are already safe.
    return format_html_join("", "{}", ((piece,) for piece in pieces))
