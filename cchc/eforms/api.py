"""API routes of eforms (mounted under /api/v1 by cchc.api.main)."""

from ninja import Router

router = Router()
