"""Every URL the project defines, POSTed with an empty body by each of the five roles: the exact answer,
and no role writes anything through a route it cannot read.

The GET matrix (tests/test_permission_matrix.py) says who may see what; this one says what a POST does.
tests/permission_matrix_posts.txt holds five codes per route (same codes and order as the GET table);
a route without a row fails `test_every_project_route_has_a_post_row`. Where a role's GET is refused
(to the login, to the admin home, 401, 403, 404), its POST must be refused the same way (or with 405,
where the method is checked first) and leave every table as it was. Each POST runs in a savepoint
that is rolled back, so a permitted delete or create cannot change what the next route sees.
"""

from pathlib import Path

import pytest
from django.apps import apps
from django.core.cache import cache
from django.db import transaction

from tests.test_permission_matrix import (
    MATRIX,
    ROLES,
    objects,  # noqa: F401 (the fixture)
    outcome,
    project_routes,
    sign_in,
    url_for,
)

pytestmark = pytest.mark.django_db

POST_MATRIX_FILE = Path(__file__).with_name("permission_matrix_posts.txt")
POST_MATRIX = {
    route: codes
    for codes, route in (
        line.split(None, 1)
        for line in POST_MATRIX_FILE.read_text().splitlines()
        if line.strip() and not line.startswith("#")
    )
}
# A GET answered with one of these refuses the role; its POST must be refused alike.
REFUSALS = set("LH14N")
# Sessions are written by signing in, not by the routes under test.
UNCOUNTED = {"sessions"}


def row_counts():
    """{model label: rows}, for every table the site owns or Wagtail keeps for it."""
    return {
        model._meta.label: model._meta.default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label not in UNCOUNTED and model._meta.managed
    }


def post_in_savepoint(client, url):
    """(answer code, {model: rows added or removed}) for an empty POST, then undo it."""
    cache.clear()  # rate limits count per address: every POST is a first one
    with transaction.atomic():
        before = row_counts()
        response = client.post(url)
        after = row_counts()
        transaction.set_rollback(True)
    changed = {label: after[label] - rows for label, rows in before.items() if after[label] != rows}
    return "X" if response.status_code == 500 else outcome(response), changed


def test_every_project_route_has_a_post_row():
    missing = sorted(set(project_routes()) - set(POST_MATRIX))
    assert not missing, "add a row to tests/permission_matrix_posts.txt for:\n" + "\n".join(missing)


def test_a_post_is_refused_wherever_a_get_is():
    """The table itself: no role may POST where it may not GET (a 405 is a refusal too)."""
    looser = [
        f"{route}: {ROLES[column]} GET {get[column]}, POST {post[column]}"
        for route, post in POST_MATRIX.items()
        if (get := MATRIX.get(route))
        for column in range(len(ROLES))
        if get[column] in REFUSALS and post[column] not in (get[column], "5")
    ]
    assert not looser, "\n".join(looser)


@pytest.mark.parametrize("role", ROLES)
def test_every_project_route_answers_a_post_as_agreed_and_refusals_write_nothing(
    role,
    client,
    make_user,
    objects,  # noqa: F811 (the fixture imported above)
):
    client.raise_request_exception = False  # a 500 is an answer in the table (X), not a crash here
    sign_in(client, role, make_user)
    column = ROLES.index(role)
    wrong, written = {}, {}
    for route in project_routes():
        expected = POST_MATRIX.get(route)
        if expected is None:
            continue  # reported by test_every_project_route_has_a_post_row
        got, changed = post_in_savepoint(client, url_for(route, objects))
        if got != expected[column]:
            wrong[route] = f"got {got}, expected {expected[column]}"
        if changed and (expected[column] in REFUSALS or MATRIX[route][column] in REFUSALS):
            written[route] = changed
    assert not wrong, f"{role}:\n" + "\n".join(f"{route}: {why}" for route, why in wrong.items())
    assert not written, f"{role} wrote through a refused route: {written}"
