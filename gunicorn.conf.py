"""gunicorn settings, read from the project root whenever gunicorn starts there (docs/production.md)."""

import gc


def post_worker_init(worker):
    """Keep the objects loaded at start-up (Django, Wagtail, the models) out of garbage collection.

    They live as long as the worker, yet every full collection walks them all: about 150 ms, a stall
    for whichever request triggers it, every thousand or so page views. Frozen, collections only walk
    what requests create.
    """
    gc.collect()
    gc.freeze()
