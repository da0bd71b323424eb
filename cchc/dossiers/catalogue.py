"""What intake needs from the procedure catalogue: one lean query per dossier, the rest cached.

The intake is the hot path of the one-stop shop. Building ORM queries over the wide catalogue
models cost about 2 ms per dossier, more than everything else intake does, so:

1. one statement returns the published cases of a procedure code with their version, procedure
   and the version's competent agencies (one row per case and agency). Its answer is kept per
   worker under the ``catalogue`` cache stamp (:mod:`cchc.common.stamps`), which database triggers
   renew on any change to procedures, versions, cases, competent agencies or agencies. Intake
   inserts the dossier only if the stamp is still the one its rows were kept under (a guard in the
   INSERT itself, no extra round trip), else reads afresh and tries again; so a publication, a
   repeal or an agency's end date still takes effect at once;
2. the components and process steps of a case are read (in one ``UNION ALL``) only the first time
   a worker meets that case of that publication. A published version is never edited (a change
   makes a new draft version, see ``cchc.procedures.services``), so they are cached by case id,
   version id and publication instant, which also keeps ids reused after a test rollback apart.

The model instances built here are lightweight (primary keys and the columns intake reads, never
saved) and shared between requests: nothing may modify them.

Column names come from the models' ``_meta``, so a renamed table or column follows automatically.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal

from django.db import connection

from cchc.common import hotsql, stamps
from cchc.org.models import Agency
from cchc.procedures.models import Component, Procedure, ProcedureCase, ProcedureVersion, ProcessStep

_CACHE_LIMIT = 2048  # entries per cache and worker: a province has a few thousand procedure cases


@dataclass
class CaseRow:
    case: ProcedureCase
    version: ProcedureVersion
    competent: list[Agency] = field(default_factory=list)


@dataclass
class CaseDetail:
    components: list[tuple[int, str, bool]]  # id, name, required
    steps: list[ProcessStep]  # in order


def _t(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _c(model, field_name: str) -> str:
    return connection.ops.quote_name(model._meta.get_field(field_name).column)


@functools.cache
def _has(model, field_name: str) -> bool:
    # The procedures app adds fields as it grows (same_day_cutoff); read them when they exist.
    return any(f.name == field_name for f in model._meta.get_fields())


@functools.cache
def _published_sql(vendor: str) -> str:
    C, V, P, A = ProcedureCase, ProcedureVersion, Procedure, Agency
    M = ProcedureVersion.competent_agencies.through
    cutoff = f", c.{_c(C, 'same_day_cutoff')}" if _has(C, "same_day_cutoff") else ", NULL"
    return (
        f"SELECT c.{_c(C, 'id')}, c.{_c(C, 'code')}, c.{_c(C, 'name')}, c.{_c(C, 'time_limit')}, "
        f"c.{_c(C, 'time_limit_online')}, c.{_c(C, 'time_unit')}, c.{_c(C, 'online_not_offered')}, "
        f"c.{_c(C, 'payment_pauses_clock')}{cutoff}, v.{_c(V, 'id')}, v.{_c(V, 'number')}, v.{_c(V, 'name')}, "
        f"v.{_c(V, 'online_level')}, v.{_c(V, 'published_at')}, p.{_c(P, 'id')}, p.{_c(P, 'code')}, "
        f"a.{_c(A, 'id')}, a.{_c(A, 'code')}, a.{_c(A, 'name')}, a.{_c(A, 'valid_from')}, a.{_c(A, 'valid_to')} "
        f"FROM {_t(C)} c JOIN {_t(V)} v ON v.{_c(V, 'id')} = c.{_c(C, 'version')} "
        f"JOIN {_t(P)} p ON p.{_c(P, 'id')} = v.{_c(V, 'procedure')} "
        f"LEFT JOIN {_t(M)} m ON m.{_c(M, 'procedureversion')} = v.{_c(V, 'id')} "
        f"LEFT JOIN {_t(A)} a ON a.{_c(A, 'id')} = m.{_c(M, 'agency')} "
        f"WHERE p.{_c(P, 'code')} = %s AND v.{_c(V, 'status')} = %s ORDER BY c.{_c(C, 'code')}, a.{_c(A, 'code')}"
    )


_CASES: dict[tuple, tuple[ProcedureCase, ProcedureVersion]] = {}
_AGENCIES: dict[tuple, Agency] = {}
_DETAILS: dict[tuple, CaseDetail] = {}


def _remember(cache: dict, key: tuple, value):
    if len(cache) >= _CACHE_LIMIT:
        cache.clear()
    cache[key] = value
    return value


_PUBLISHED: dict[str, tuple[int, list[CaseRow]]] = {}


def published_cases(procedure_code: str) -> list[CaseRow]:
    """The cases of the version of ``procedure_code`` in force now (status published), by case code,
    each with the version's competent agencies (their validity as stored now). The rows are shared
    between requests: read them, never change them."""
    return published_cases_kept(procedure_code, checked=True)[1]


def published_cases_kept(procedure_code: str, *, checked: bool = False) -> tuple[int | None, list[CaseRow]]:
    """:func:`published_cases` with the catalogue stamp they were read under. Unless ``checked``,
    rows kept from an earlier call are returned without reading the stamp: the caller must then
    write under ``stamps.guard("catalogue", stamp)`` (intake does), so a catalogue changed since
    refuses the write instead of receiving a dossier against it. A None stamp: nothing to guard."""
    kept = _PUBLISHED.get(procedure_code)
    if kept is not None and not checked:
        return kept
    # The stamp first: rows read after it are at least as new as it, so they may be kept under it.
    stamp = stamps.read("catalogue")
    if kept is not None and kept[0] == stamp:
        return kept
    found = _published_rows(procedure_code)
    if stamp is not None:
        _remember(_PUBLISHED, procedure_code, (stamp, found))
    return stamp, found


def _published_rows(procedure_code: str) -> list[CaseRow]:
    rows = hotsql.fetchall(_published_sql(connection.vendor), [procedure_code, "published"])
    out: dict[int, CaseRow] = {}
    for row in rows:
        case_key, agency_key = row[:16], row[16:]
        found = out.get(row[0])
        if found is None:
            pair = _CASES.get(case_key) or _remember(_CASES, case_key, _build_case(case_key))
            found = out[row[0]] = CaseRow(case=pair[0], version=pair[1])
        if agency_key[0] is not None:
            agency = _AGENCIES.get(agency_key) or _remember(_AGENCIES, agency_key, _build_agency(agency_key))
            found.competent.append(agency)
    return list(out.values())


def _build_case(row: tuple) -> tuple[ProcedureCase, ProcedureVersion]:
    (cid, ccode, cname, limit, limit_online, unit, no_online, pauses, cut, vid, vnum, vname, level, published,
     pid, pcode) = row
    procedure = Procedure(id=pid, code=pcode)
    version = ProcedureVersion(id=vid, number=vnum, name=vname, online_level=level, procedure=procedure,
                               status="published", published_at=_datetime(published))
    case = ProcedureCase(id=cid, code=ccode, name=cname, time_limit=_dec(limit),
                         time_limit_online=_dec(limit_online), time_unit=unit, online_not_offered=bool(no_online),
                         payment_pauses_clock=bool(pauses), version=version)
    if _has(ProcedureCase, "same_day_cutoff"):
        case.same_day_cutoff = _time(cut)
    return case, version


def _build_agency(row: tuple) -> Agency:
    pk, code, name, valid_from, valid_to = row
    return Agency(id=pk, code=code, name=name, valid_from=_date(valid_from), valid_to=_date(valid_to))


@functools.cache
def _detail_sql(vendor: str) -> str:
    C, S = Component, ProcessStep
    # Typed NULLs: PostgreSQL resolves the column types of a UNION branch by branch.
    t, b, n, i = "CAST(NULL AS TEXT)", "CAST(NULL AS BOOLEAN)", "CAST(NULL AS NUMERIC)", "CAST(NULL AS BIGINT)"
    return (
        f"SELECT 'c', {_c(C, 'id')}, {t}, {_c(C, 'name')}, {_c(C, 'required')}, {n}, {t}, {t}, "
        f"{t}, {i}, {_c(C, 'order')} FROM {_t(C)} WHERE {_c(C, 'case')} = %s "
        "UNION ALL "
        f"SELECT 's', {_c(S, 'id')}, {_c(S, 'code')}, {_c(S, 'name')}, {b}, {_c(S, 'allotted')}, "
        f"{_c(S, 'allotted_unit')}, {_c(S, 'place')}, {_c(S, 'role')}, {_c(S, 'agency')}, {_c(S, 'order')} "
        f"FROM {_t(S)} WHERE {_c(S, 'case')} = %s"
    )


def case_detail(case: ProcedureCase) -> CaseDetail:
    """The case's components and process steps (cached per worker: a published version never changes)."""
    key = (case.pk, case.version_id, case.version.published_at)
    found = _DETAILS.get(key)
    if found is not None:
        return found
    with connection.cursor() as cur:
        cur.execute(_detail_sql(connection.vendor), [case.pk, case.pk])
        rows = cur.fetchall()
    components, steps = [], []
    for kind, pk, code, name, flag, num, unit, place, role, agency_id, order in rows:
        if kind == "c":
            components.append((order, pk, name, bool(flag)))
        else:
            steps.append(ProcessStep(id=pk, code=code, name=name, allotted=_dec(num), allotted_unit=unit,
                                     place=place, role=role, agency_id=agency_id, order=order, case=case,
                                     actions=[], successors=[]))
    steps.sort(key=lambda s: (s.order, s.pk))
    detail = CaseDetail(components=[c[1:] for c in sorted(components)], steps=steps)
    # Drafts are never cached (only published cases reach intake; a draft's content still changes).
    if case.version.published_at is not None:
        _remember(_DETAILS, key, detail)
    return detail


def clear_caches() -> None:
    """Forget every cached case (tests that rewrite catalogue rows in place call this)."""
    _PUBLISHED.clear()
    _CASES.clear()
    _AGENCIES.clear()
    _DETAILS.clear()


def _dec(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _date(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _datetime(value) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


def _time(value) -> time | None:
    if value is None or isinstance(value, time):
        return value
    return time.fromisoformat(str(value))
