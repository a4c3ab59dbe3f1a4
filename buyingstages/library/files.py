"""Which images and documents readers may see: those a live, public page uses.

A file uploaded for a draft, an embargoed page or a page behind a login is not the public's until that
page is. Wagtail's reference index knows which pages use which files (choosers, rich text links,
StreamField blocks, the downloads listed with an asset), so the public APIs list, and the document
view serves to readers, only what those pages use. Staff who may work with documents see them all.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, IntegerField
from django.db.models.functions import Cast
from wagtail.models import Page, ReferenceIndex
from wagtail.permissions import policy_registry


def shown_to_readers(model):
    """The ids (as a subquery) of ``model`` rows that a live, public page uses."""
    public_pages = Page.objects.live().public().annotate(key=Cast("pk", CharField())).values("key")
    return (
        ReferenceIndex.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id__in=public_pages,
            to_content_type=ContentType.objects.get_for_model(model),
        )
        .annotate(target=Cast("to_object_id", IntegerField()))
        .values("target")
    )


def may_see(user, document):
    """Whether ``user`` may download ``document`` from the site."""
    model = type(document)
    staff = policy_registry.get_by_type(model)
    if staff.user_has_any_permission(user, ["add", "change", "choose"]):
        return True
    return model.objects.filter(pk=document.pk, pk__in=shown_to_readers(model)).exists()
