"""django-auditlog records admin edits only.

Services already append an event for every change they make; auditing those saves again would
write each change twice and cost an extra query or two on every API write. The admin is the one
place where reference data changes without a service, so that is where auditlog listens — and
only there does its middleware run: it connects signal receivers on every request it sees
(which also empties Django's receiver caches), about 0.1 ms a request elsewhere for nothing.
"""

from __future__ import annotations

from auditlog.context import disable_auditlog
from auditlog.middleware import AuditlogMiddleware


class AdminOnlyAuditlogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.audited = AuditlogMiddleware(get_response)

    def __call__(self, request):
        if request.path.startswith("/admin/"):
            return self.audited(request)
        with disable_auditlog():
            return self.get_response(request)
