from wagtail import hooks


@hooks.register("before_serve_page")
def mark_public_page(page, request, serve_args, serve_kwargs):
    """A live page served to the public may be stored by the page cache (cms/caching/page_cache.py).

    Wagtail's own view-restriction check still runs and marks a restricted page ``never_cache``,
    which the page cache refuses to store.
    """
    if not getattr(request, "is_preview", False):
        request.masthead_public_page = True
