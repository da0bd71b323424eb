"""Panels other apps add to the staff dossier page (letters, payments, results, …).

Each entry is a template that receives ``d`` (the dossier) and ``request``; an app that is not
installed or has no such template is skipped, so the dossier page never depends on them.
A panel that needs its own data loads it with htmx from its app's own URL.
"""

from __future__ import annotations

from functools import cache

from django.template import TemplateDoesNotExist
from django.template.loader import get_template

PANELS = (
    "letters/_dossier_panel.html",
    "payments/_dossier_panel.html",
    "results/_dossier_panel.html",
    "eforms/_dossier_panel.html",
    "portal/_dossier_panel.html",
    "public/_dossier_panel.html",
    "queues/_dossier_panel.html",
    "notifications/_dossier_panel.html",
)


@cache
def dossier_panels() -> tuple[str, ...]:
    """The panel templates that exist, in display order."""
    found = []
    for name in PANELS:
        try:
            get_template(name)
        except TemplateDoesNotExist:
            continue
        found.append(name)
    return tuple(found)
