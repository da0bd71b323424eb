"""Benchmark-only URLs: the real application, plus bare Django views doing the API's database work.

``GET /bare/agencies/<code>``: one SELECT of the agency joined with its parent, a JSON answer.
``POST /bare/agencies``: JSON body in, one INSERT of the agency and one INSERT of its event in a
transaction, a JSON answer; no authentication, no validation beyond what the database enforces.
They are the floor the API's ``GET /api/v1/agencies/{code}`` and ``POST /api/v1/agencies`` are
compared with: whatever the API costs above them is framework, validation and access control.

``GET /bare/agencies/<code>/full`` does all the reads the API's detail does, through the same
selectors (agency and parent, aliases, predecessors, successors), with a hand-made JSON answer: the
API compared with it shows what django-ninja, pydantic and the API's wrappers cost, apart from
the extra queries.
"""

from __future__ import annotations

import json
from datetime import date

from django.db import transaction
from django.http import HttpRequest, JsonResponse
from django.urls import path
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from cchc.common.models import Event
from cchc.org import selectors
from cchc.org.models import Agency
from cchc.urls import urlpatterns as app_urlpatterns


def _out(a: Agency) -> dict:
    return {
        "code": a.code, "name": a.name, "short_name": a.short_name, "type": a.type,
        "parent": a.parent.code if a.parent_id else None, "valid_from": a.valid_from.isoformat(),
        "valid_to": a.valid_to.isoformat() if a.valid_to else None, "gso_code": a.gso_code,
        "illustrative": a.illustrative, "confidence": a.confidence,
    }


@require_GET
def bare_agency(request: HttpRequest, code: str) -> JsonResponse:
    agency = Agency.objects.select_related("parent").filter(code=code).first()
    if agency is None:
        return JsonResponse({"error": {"code": "not_found", "message": code, "details": None}}, status=404)
    return JsonResponse(_out(agency))


@require_GET
def bare_agency_full(request: HttpRequest, code: str) -> JsonResponse:
    agency = selectors.agency_get(code=code)
    lineage = selectors.agency_lineage(agency=agency)

    def link(pair):
        reorg, other = pair
        return {"kind": reorg.kind, "effective_date": reorg.effective_date.isoformat(),
                "legal_basis": reorg.legal_basis, "agency": _out(other)}

    return JsonResponse({**_out(agency), "aliases": sorted(a.text for a in agency.aliases.all()),
                         "source": agency.source, "predecessors": [link(p) for p in lineage.predecessors],
                         "successors": [link(s) for s in lineage.successors]})


@csrf_exempt
@require_POST
def bare_agencies(request: HttpRequest) -> JsonResponse:
    data = json.loads(request.body)
    with transaction.atomic():
        agency = Agency.objects.create(
            code=data["code"], name=data["name"], short_name=data.get("short_name", ""), type=data["type"],
            valid_from=date.fromisoformat(data["valid_from"]), search_text=data["name"].lower(),
        )
        Event.objects.create(at=timezone.now(), actor_name="bench", verb="agency.create", subject_type="org.agency",
                             subject_id=agency.code, data={"name": agency.name})
    return JsonResponse(_out(agency), status=201)


urlpatterns = [
    path("bare/agencies/<str:code>/full", bare_agency_full),
    path("bare/agencies/<str:code>", bare_agency),
    path("bare/agencies", bare_agencies),
    *app_urlpatterns,
]
