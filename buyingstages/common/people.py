"""Who is in Sales: the people told when a lead is ready or a deck changes."""

from django.contrib.auth import get_user_model


def sales_emails():
    """The addresses of active members of the Sales group, each once."""
    return list(
        get_user_model()
        .objects.filter(groups__name="Sales", is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )
