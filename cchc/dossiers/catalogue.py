"""What intake needs from the procedure catalogue, read in two lean queries.

The intake is the hot path of the one-stop shop: building ORM queries over the wide catalogue
models (select_related of versions, steps and agencies) cost about 2 ms per dossier, more than
everything else intake does. These two statements return only the columns intake uses and build
lightweight model instances (with their primary keys, never saved) for the dossier's foreign keys.

1. the published cases of a procedure code, with their version and procedure;
2. for one case: the version's competent agencies, the case's components and its process steps
   (one ``UNION ALL``; the kind of each row is its first column).

Column names come from the models' ``_meta``, so a renamed table or column follows automatically.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal

from django.db import connection

from cchc.org.models import Agency
from cchc.procedures.models import Component, Procedure, ProcedureCase, ProcedureVersion, ProcessStep


@dataclass
class CaseRow:
    case: ProcedureCase
    version: ProcedureVersion


@dataclass
class CaseDetail:
    competent: list[Agency]
    components: list[tuple[int, str, bool]]  # id, name, required
    steps: list[ProcessStep]  # in order


def _t(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _c(model, field: str) -> str:
    return connection.ops.quote_name(model._meta.get_field(field).column)


@functools.cache
def _has(model, field: str) -> bool:
    # The procedures app adds fields as it grows (same_day_cutoff); read them when they exist.
    return any(f.name == field for f in model._meta.get_fields())


def published_cases(procedure_code: str) -> list[CaseRow]:
    """The cases of the version of ``procedure_code`` in force now (status published), by case code."""
    C, V, P = ProcedureCase, ProcedureVersion, Procedure
    cutoff = f", c.{_c(C, 'same_day_cutoff')}" if _has(C, "same_day_cutoff") else ", NULL"
    sql = (
        f"SELECT c.{_c(C, 'id')}, c.{_c(C, 'code')}, c.{_c(C, 'name')}, c.{_c(C, 'time_limit')}, "
        f"c.{_c(C, 'time_limit_online')}, c.{_c(C, 'time_unit')}, c.{_c(C, 'online_not_offered')}, "
        f"c.{_c(C, 'payment_pauses_clock')}{cutoff}, v.{_c(V, 'id')}, v.{_c(V, 'number')}, v.{_c(V, 'name')}, "
        f"v.{_c(V, 'online_level')}, p.{_c(P, 'id')}, p.{_c(P, 'code')} "
        f"FROM {_t(C)} c JOIN {_t(V)} v ON v.{_c(V, 'id')} = c.{_c(C, 'version')} "
        f"JOIN {_t(P)} p ON p.{_c(P, 'id')} = v.{_c(V, 'procedure')} "
        f"WHERE p.{_c(P, 'code')} = %s AND v.{_c(V, 'status')} = %s ORDER BY c.{_c(C, 'code')}"
    )
    with connection.cursor() as cur:
        cur.execute(sql, [procedure_code, "published"])
        rows = cur.fetchmany(50)
    out = []
    for (cid, ccode, cname, limit, limit_online, unit, no_online, pauses, cut, vid, vnum, vname, level, pid,
         pcode) in rows:
        procedure = Procedure(id=pid, code=pcode)
        version = ProcedureVersion(id=vid, number=vnum, name=vname, online_level=level, procedure=procedure,
                                   status="published")
        case = ProcedureCase(id=cid, code=ccode, name=cname, time_limit=_dec(limit),
                             time_limit_online=_dec(limit_online), time_unit=unit, online_not_offered=bool(no_online),
                             payment_pauses_clock=bool(pauses), version=version)
        if _has(C, "same_day_cutoff"):
            case.same_day_cutoff = _time(cut)
        out.append(CaseRow(case=case, version=version))
    return out


def case_detail(case: ProcedureCase) -> CaseDetail:
    """Competent agencies of the case's version, its components and its steps, in one round trip."""
    A, M = Agency, ProcedureVersion.competent_agencies.through
    C, S = Component, ProcessStep
    m_version = _c(M, "procedureversion")
    m_agency = _c(M, "agency")
    # Typed NULLs: PostgreSQL resolves the column types of a UNION branch by branch.
    t, d, b, n, i = "CAST(NULL AS TEXT)", "CAST(NULL AS DATE)", "CAST(NULL AS BOOLEAN)", "CAST(NULL AS NUMERIC)", \
        "CAST(NULL AS BIGINT)"
    sql = (
        f"SELECT 'a', a.{_c(A, 'id')}, a.{_c(A, 'code')}, a.{_c(A, 'name')}, a.{_c(A, 'valid_from')}, "
        f"a.{_c(A, 'valid_to')}, {b}, {n}, {t}, {t}, {t}, {i}, {i} "
        f"FROM {_t(A)} a JOIN {_t(M)} m ON m.{m_agency} = a.{_c(A, 'id')} WHERE m.{m_version} = %s "
        "UNION ALL "
        f"SELECT 'c', {_c(C, 'id')}, {t}, {_c(C, 'name')}, {d}, {d}, {_c(C, 'required')}, {n}, {t}, {t}, "
        f"{t}, {i}, {_c(C, 'order')} FROM {_t(C)} WHERE {_c(C, 'case')} = %s "
        "UNION ALL "
        f"SELECT 's', {_c(S, 'id')}, {_c(S, 'code')}, {_c(S, 'name')}, {d}, {d}, {b}, {_c(S, 'allotted')}, "
        f"{_c(S, 'allotted_unit')}, {_c(S, 'place')}, {_c(S, 'role')}, {_c(S, 'agency')}, {_c(S, 'order')} "
        f"FROM {_t(S)} WHERE {_c(S, 'case')} = %s"
    )
    with connection.cursor() as cur:
        cur.execute(sql, [case.version_id, case.pk, case.pk])
        rows = cur.fetchall()
    competent, components, steps = [], [], []
    for kind, pk, code, name, d1, d2, flag, num, unit, place, role, agency_id, order in rows:
        if kind == "a":
            competent.append(Agency(id=pk, code=code, name=name, valid_from=_date(d1), valid_to=_date(d2)))
        elif kind == "c":
            components.append((order, pk, name, bool(flag)))
        else:
            steps.append(ProcessStep(id=pk, code=code, name=name, allotted=_dec(num), allotted_unit=unit,
                                     place=place, role=role, agency_id=agency_id, order=order, case=case,
                                     actions=[], successors=[]))
    competent.sort(key=lambda a: a.code)
    steps.sort(key=lambda s: (s.order, s.pk))
    return CaseDetail(competent=competent, components=[c[1:] for c in sorted(components)], steps=steps)


def _dec(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _date(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _time(value) -> time | None:
    if value is None or isinstance(value, time):
        return value
    return time.fromisoformat(str(value))
