"""Settings of the e-forms, with their defaults (settings.py need not name them)."""

from __future__ import annotations

from django.conf import settings

NATIONAL_PORTAL_URL = "https://dichvucong.gov.vn"


def max_bytes() -> int:
    """Largest accepted component file (CCHC_EFORM_MAX_BYTES, default 10 MB)."""
    return int(getattr(settings, "CCHC_EFORM_MAX_BYTES", 10 * 1024 * 1024))


def citizen_submission_open() -> bool:
    """Whether citizens may submit here themselves (CCHC_EFORM_CITIZEN_SUBMISSION).

    Off by default: since 1/7/2025 citizens submit online on the national portal; the province's e-form
    serves assisted submission at the counter or a kiosk.
    """
    return bool(getattr(settings, "CCHC_EFORM_CITIZEN_SUBMISSION", False))


def national_portal_url() -> str:
    return str(getattr(settings, "CCHC_NATIONAL_PORTAL_URL", NATIONAL_PORTAL_URL))
