"""API routes of payments (mounted under /api/v1 by cchc.api.main)."""

from ninja import Router

router = Router()
