"""Benchmark-only settings: cchc's own, plus the bare views of bench/_bare_urls.py.

Serving both from one process means the API and its bare counterpart are measured on the same
server, database and connections, minutes apart.
"""

from cchc.settings import *  # noqa: F403

ROOT_URLCONF = "bench._bare_urls"
