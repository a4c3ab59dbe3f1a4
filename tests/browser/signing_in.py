"""Signing in as a person does: through the admin's own login form."""

EDITOR_USERNAME, EDITOR_PASSWORD = "editor", "masthead-editor"


def log_in(page, base_url, username, password):
    """Through the real admin login form."""
    assert page.goto(f"{base_url}/admin/login/").ok
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base_url}/admin/")
