"""A stock Wagtail blog page, written the way wagtail/bakerydemo writes its BlogPage: the yardstick
the uncached asset page is measured against in bench/http_bench.py. Installed only by bench.settings.
"""
