import pytest

from publishing.messaging.models import Message
from tests.messaging.story import JOB, OLD


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Run on-commit work (the tasks queued by saves, publishes and Wagtail's signals) as a real
    request's commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def message(run_on_commit):
    """The core story, published and released."""
    message = Message(name="Core story", headline=OLD, job=JOB)
    message.save()
    with run_on_commit():
        message.save_revision().publish()
    message.refresh_from_db()
    return message
