"""Counting hits in a fixed window, in Django's cache: the throttles of public pages."""

from django.core.cache import cache


def count_in_window(key: str, seconds: int) -> int:
    """Count one hit under `key` and return the hits of its window; the first hit opens a window of `seconds`."""
    if cache.add(key, 1, timeout=seconds):
        return 1
    try:
        return int(cache.incr(key))
    except ValueError:  # expired between add and incr: this hit opens a new window
        cache.add(key, 1, timeout=seconds)
        return 1
