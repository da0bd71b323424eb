"""A small fixed-window limit per client for the public pages (key guesses, PDF verifications).

Counts live in the Django cache (per process with the default local-memory cache; a shared cache
makes the limit global). Guessing a holder's phone number is the threat: a handful of tries per
window is plenty for a citizen who mistyped.
"""

from __future__ import annotations

import time

from django.core.cache import cache
from django.http import HttpRequest

from cchc.results.signing import setting

KEY_TRIES = 10  # wrong or right, per client and window
VERIFY_UPLOADS = 30
WINDOW_SECONDS = 15 * 60


def client_of(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def allow(request: HttpRequest, bucket: str, limit: int) -> bool:
    """Count one attempt; False when the client already used ``limit`` in this window."""
    limit = int(setting(f"CCHC_RESULTS_LIMIT_{bucket.upper()}", limit) or limit)
    window = int(time.time() // WINDOW_SECONDS)
    key = f"results:{bucket}:{client_of(request)}:{window}"
    if cache.add(key, 1, WINDOW_SECONDS):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, WINDOW_SECONDS)
        return True
    return count <= limit
