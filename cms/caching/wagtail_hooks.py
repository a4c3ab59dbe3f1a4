from wagtail import hooks


@hooks.register("before_serve_page")
def mark_public_page(page, request, serve_args, serve_kwargs):
    """A live page served to the public may be stored by the page cache (cms/page_cache.py).

    Pages behind a login or password are only ever shown to requests carrying a session cookie, which
    the page cache never stores, so Wagtail's own restriction check is not repeated here.
    """
    if not getattr(request, "is_preview", False):
        request.masthead_public_page = True
