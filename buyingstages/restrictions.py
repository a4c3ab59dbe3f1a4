"""Which pages are private (Wagtail view restrictions), known per content version.

Every public page asks Wagtail whether it or an ancestor is restricted (two queries), and every public
listing leaves out restricted sections (one more). Restrictions are few and change only through the
admin, which replaces the content version (cms/signal_handlers.py), so each process keeps the tree
paths of the restricted pages and answers "nothing here is restricted" from memory. Wherever a
restriction may apply, Wagtail's own check runs unchanged.
"""

import functools

from wagtail.models import PageViewRestriction

from .content_version import PerVersion

_restricted_paths = PerVersion(
    lambda: tuple(set(PageViewRestriction.objects.values_list("page__path", flat=True)))
)


def restricted_paths():
    """The tree paths of the pages that carry a view restriction (each covers its descendants)."""
    return _restricted_paths.get()


def may_be_restricted(page):
    """False when neither the page nor any ancestor carries a restriction.

    An alias takes its restrictions from the page it copies, wherever that is, so it is always checked.
    """
    if page.alias_of_id:
        return True
    return any(page.path.startswith(path) for path in restricted_paths())


@functools.cache
def _no_restrictions():
    """One empty queryset, evaluated once: reading it again compiles no SQL (every chained call copies)."""
    restrictions = PageViewRestriction.objects.none()
    len(restrictions)
    return restrictions


class KnownRestrictionsMixin:
    """For page models: skip Wagtail's restriction queries on pages that no restriction covers."""

    def get_view_restrictions(self):
        if not may_be_restricted(self):
            return _no_restrictions()
        return super().get_view_restrictions()
