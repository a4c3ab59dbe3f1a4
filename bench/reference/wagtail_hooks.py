"""The authors and the footer text are snippets, as in bakerydemo."""

from wagtail.snippets.models import register_snippet

from bench.reference.models import FooterText, Person

register_snippet(Person)
register_snippet(FooterText)
