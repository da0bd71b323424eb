"""API of my notifications (tag "thông báo"): list, mark one read, mark all read."""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from ninja import Router, Schema

from cchc.api.auth import AUTH
from cchc.api.schemas import AUTH_ERRORS, ErrorOut
from cchc.notifications import selectors, services

router = Router(tags=["thông báo"])

MAX_LIMIT = 200


class NotificationOut(Schema):
    id: int
    verb: str
    text: str
    link: str
    read_at: datetime | None
    created_at: datetime


class NotificationPageOut(Schema):
    items: list[NotificationOut]
    total: int
    unread: int
    limit: int
    offset: int


class ReadAllOut(Schema):
    updated: int


@router.get("/notifications", auth=AUTH, response={200: NotificationPageOut, **AUTH_ERRORS},
            summary="Thông báo của tôi")
def notifications_list(request: HttpRequest, unread: bool = False, limit: int = 50, offset: int = 0):
    """The caller's notifications, newest first. Nobody sees another person's notifications."""
    limit = max(1, min(limit, MAX_LIMIT))
    offset = max(0, offset)
    qs = selectors.my_notifications(user=request.user, unread_only=unread)
    return {"items": list(qs[offset: offset + limit]), "total": qs.count(),
            "unread": selectors.unread_count(user=request.user), "limit": limit, "offset": offset}


@router.post("/notifications/{notification_id}/read", auth=AUTH,
             response={200: NotificationOut, 404: ErrorOut, **AUTH_ERRORS}, summary="Đánh dấu đã đọc")
def notifications_read(request: HttpRequest, notification_id: int):
    """Mark one of the caller's notifications read (idempotent); another person's answers 404."""
    return services.notification_mark_read(actor=request.user, pk=notification_id)


@router.post("/notifications/read-all", auth=AUTH, response={200: ReadAllOut, **AUTH_ERRORS},
             summary="Đánh dấu tất cả đã đọc")
def notifications_read_all(request: HttpRequest):
    return {"updated": services.notification_mark_all_read(actor=request.user)}
