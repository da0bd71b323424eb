"""django-auditlog records admin edits only.

Services already append an event for every change they make; auditing those saves again would
write each change twice and cost an extra query or two on every API write. The admin is the one
place where reference data changes without a service, so that is where auditlog listens.
"""

from __future__ import annotations

from auditlog.context import disable_auditlog


class AdminOnlyAuditlogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/admin/"):
            return self.get_response(request)
        with disable_auditlog():
            return self.get_response(request)
