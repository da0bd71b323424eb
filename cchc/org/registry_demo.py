"""Load the demo province's registry (``demo/thai_nguyen.json``) through the registry services.

Idempotent: agencies, groups and reorganisations already present are left alone.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from django.db import transaction

from cchc.org.models import Agency, AgencyGroup, Reorganisation
from cchc.org.services import AgencyData, agencies_bulk_create, group_upsert, reorganisation_record

DEMO_FILE = Path(__file__).parent / "demo" / "thai_nguyen.json"


def _d(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


@transaction.atomic
def load_registry_demo(path: Path = DEMO_FILE) -> dict[str, int]:
    """Create whatever of the demo registry is missing; return counts of what was created."""
    payload = json.loads(path.read_text(encoding="utf-8"))
    known = {a.code: a for a in Agency.objects.all()}
    created = 0
    pending = [a for a in payload["agencies"] if a["code"] not in known]
    # Create level by level (parents first) with one bulk insert per level.
    while pending:
        ready = [r for r in pending if not r.get("parent") or r["parent"] in known]
        if not ready:
            raise ValueError("Demo data has agencies whose parent is missing: " + ", ".join(r["code"] for r in pending))
        made = agencies_bulk_create(actor=None, rows=[AgencyData(
            code=row["code"], name=row["name"], short_name=row.get("short_name") or "", type=row["type"],
            parent=known.get(row["parent"]) if row.get("parent") else None,
            valid_from=_d(row["valid_from"]), valid_to=_d(row.get("valid_to")),
            aliases=tuple(row.get("aliases") or ()), gso_code=row.get("gso_code") or "",
            receives_dossiers=row["type"] in {"ttpvhcc", "mot_cua"}, illustrative=bool(row.get("illustrative")),
            confidence=row.get("confidence") or "V", source=row.get("source") or "",
        ) for row in ready], reason="Dữ liệu trình diễn")
        known.update({a.code: a for a in made})
        created += len(made)
        ready_codes = {r["code"] for r in ready}
        pending = [r for r in pending if r["code"] not in ready_codes]

    groups = 0
    before = set(AgencyGroup.objects.values_list("code", flat=True))
    for g in payload.get("groups", []):
        group_upsert(actor=None, code=g["code"], name=g["name"], aliases=g.get("aliases", []),
                     member_types=g["member_types"], member_codes=g.get("member_codes", []))
        groups += g["code"] not in before

    have = {
        (r.kind, r.effective_date.isoformat(), tuple(sorted(r.predecessors.values_list("code", flat=True))))
        for r in Reorganisation.objects.prefetch_related("predecessors")
    }
    reorgs = 0
    for r in payload.get("reorganisations", []):
        key = (r["kind"], r["effective_date"], tuple(sorted(r["predecessors"])))
        if key in have:
            continue
        reorganisation_record(
            actor=None, kind=r["kind"], effective_date=_d(r["effective_date"]),
            predecessors=[known[c] for c in r["predecessors"]], successors=[known[c] for c in r["successors"]],
            legal_basis=r.get("legal_basis", ""), note=r.get("note", ""),
            illustrative=bool(r.get("illustrative")), confidence=r.get("confidence") or "V",
        )
        reorgs += 1
    return {"agencies": created, "groups": groups, "reorganisations": reorgs}
