"""Template filters for the search results page."""

from django import template

from cms.search import highlight as highlighting

register = template.Library()


@register.filter
def highlight(text, words):
    """``{{ asset.title|highlight:search_words }}``: escaped, with the reader's words marked."""
    return highlighting.highlight(text, words)
