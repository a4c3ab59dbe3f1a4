"""Trying background work again later: a failed e-mail or rendering is re-queued after a delay."""

from datetime import timedelta

from django.utils import timezone

# Seconds to wait before trying again after the 1st, 2nd, ... failed attempt; then give up.
EMAIL_RETRY_DELAYS = (60, 600, 3600)


def retry_later(task_function, attempt, *args, delays=EMAIL_RETRY_DELAYS):
    """Queue attempt `attempt + 1` of a task after its delay; False when the attempts are used up."""
    if attempt > len(delays):
        return False
    later = task_function
    if later.get_backend().supports_defer:
        later = later.using(run_after=timezone.now() + timedelta(seconds=delays[attempt - 1]))
    later.enqueue(*args, attempt=attempt + 1)
    return True
