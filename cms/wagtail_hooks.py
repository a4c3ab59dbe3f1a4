from wagtail import hooks


@hooks.register("before_serve_page")
def mark_public_page(page, request, serve_args, serve_kwargs):
    """A live page open to everyone may be stored by the page cache (cms/page_cache.py)."""
    if not getattr(request, "is_preview", False) and not page.get_view_restrictions():
        request.masthead_public_page = True
