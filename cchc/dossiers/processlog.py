"""The process log: canonical serialisation, hash chains per dossier, daily digests, verification.

Each row stores ``hash = SHA-256(canonical(row))`` where the canonical form includes the dossier
code, the row's fields and ``prev_hash`` (the hash of the previous row of the same dossier, ``""``
for the first). One chain per dossier means appending needs only that dossier's head, which the
dossier row carries (``log_seq``, ``log_head``) and the guarded transition updates: intake never
waits on a global lock.

A chain alone cannot reveal a dossier deleted whole (with its rows). The daily digest hashes every
dossier's head as of a cut-off (``code:seq:hash`` lines, in dossier-id order) and chains to the
previous digest, so deleting or rewriting anything before a cut-off changes a digest that the
verifier recomputes. This makes tampering evident, not impossible: someone able to rewrite every
later row, every head and every digest could hide it; publish or export the digests to close that.
"""

from __future__ import annotations

import hashlib
import json
import operator
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from django.db import connection

# The fields of a row, in the order they are serialised. Changing this list invalidates every
# stored hash: add a version marker first if it ever has to change.
CANON_VERSION = "v1"
ROW_FIELDS = (
    "seq", "at", "actor_id", "actor_name", "role", "agency_code", "action", "from_state", "to_state",
    "step_code", "step_started_at", "step_due_at", "step_result", "next_step_code", "next_step_due_at",
    "receiver_agency_code", "due_at", "note", "data", "prev_hash",
)
_DT_FIELDS = frozenset({"at", "step_started_at", "step_due_at", "next_step_due_at", "due_at"})


def canon_dt(value: datetime | None) -> str:
    """An instant as ISO 8601 text in UTC; ``""`` for none. Equal instants give equal text."""
    if value is None:
        return ""
    return value.astimezone(UTC).isoformat()


# One encoder for every row: building a JSONEncoder per call costs more than encoding a row.
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), sort_keys=True, default=str)


_FIELDS_OF = operator.itemgetter(*ROW_FIELDS)
_DT_IDX = [i for i, name in enumerate(ROW_FIELDS) if name in _DT_FIELDS]
_DATA_IDX = ROW_FIELDS.index("data")
_ACTOR_IDX = ROW_FIELDS.index("actor_id")


def canonical(code: str, row: dict[str, Any]) -> bytes:
    """The bytes hashed for one row: a JSON array in :data:`ROW_FIELDS` order, keys of ``data`` sorted.

    ``row`` must hold every field of :data:`ROW_FIELDS` (the log rows and the services' dicts do).
    """
    values = list(_FIELDS_OF(row))
    for i in _DT_IDX:
        v = values[i]
        values[i] = "" if v is None else v.astimezone(UTC).isoformat()
    values[_DATA_IDX] = values[_DATA_IDX] or {}
    values[_ACTOR_IDX] = values[_ACTOR_IDX] or 0
    return _ENCODER.encode([CANON_VERSION, code, *("" if v is None else v for v in values)]).encode()


def row_hash(code: str, row: dict[str, Any]) -> str:
    return hashlib.sha256(canonical(code, row)).hexdigest()


# --- digests ---------------------------------------------------------------------------------

def digest_hash(*, cutoff: datetime, dossier_count: int, row_count: int, heads_hash: str, prev_hash: str) -> str:
    body = json.dumps([CANON_VERSION, canon_dt(cutoff), dossier_count, row_count, heads_hash, prev_hash],
                      separators=(",", ":"))
    return hashlib.sha256(body.encode()).hexdigest()


@dataclass
class HeadsSummary:
    dossier_count: int = 0
    row_count: int = 0
    heads_hash: str = ""


def heads_as_of(cutoff: datetime, *, chunk: int = 20_000) -> HeadsSummary:
    """Hash of every dossier's chain head among log rows strictly before ``cutoff``.

    A single ordered pass over the log (``dossier_id, seq``) on a server-side cursor: the head of a
    dossier is its last row before the cut-off. Rows are timestamped inside their (short)
    transaction, so a digest taken a few minutes after its cut-off sees every such row.
    """
    from cchc.dossiers.models import Dossier, ProcessLogEntry

    log = ProcessLogEntry._meta.db_table
    dos = Dossier._meta.db_table
    sql = (
        f"SELECT l.dossier_id, d.code, l.seq, l.hash FROM {log} l JOIN {dos} d ON d.id = l.dossier_id "  # noqa: S608
        "WHERE l.at < %s ORDER BY l.dossier_id, l.seq"
    )
    h = hashlib.sha256()
    out = HeadsSummary()
    prev: tuple[int, str, int, str] | None = None
    with connection.chunked_cursor() as cur:
        cur.execute(sql, [cutoff])
        while rows := cur.fetchmany(chunk):
            for r in rows:
                out.row_count += 1
                if prev is not None and r[0] != prev[0]:
                    h.update(f"{prev[1]}:{prev[2]}:{prev[3]}\n".encode())
                    out.dossier_count += 1
                prev = r
    if prev is not None:
        h.update(f"{prev[1]}:{prev[2]}:{prev[3]}\n".encode())
        out.dossier_count += 1
    out.heads_hash = h.hexdigest()
    return out


# --- verification ----------------------------------------------------------------------------

@dataclass
class Problem:
    kind: str  # "row", "head", "digest"
    message: str
    dossier: str = ""
    seq: int | None = None
    row_id: int | None = None


@dataclass
class Report:
    dossiers: int = 0
    rows: int = 0
    digests: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


_ROW_SELECT = ("id", "dossier_id", "seq", "at", "actor_id", "actor_name", "role", "agency_code", "action",
               "from_state", "to_state", "step_code", "step_started_at", "step_due_at", "step_result",
               "next_step_code", "next_step_due_at", "receiver_agency_code", "due_at", "note", "data",
               "prev_hash", "hash")


def check_chain(code: str, rows: Iterable[dict[str, Any]], *, head_seq: int, head_hash: str) -> Problem | None:
    """The first problem in one dossier's rows (in seq order), or None. Pure."""
    prev = ""
    expected_seq = 1
    for r in rows:
        if r["seq"] != expected_seq:
            return Problem("row", f"Hồ sơ {code}: thiếu dòng nhật ký số {expected_seq} (gặp dòng {r['seq']}).",
                           code, expected_seq, r.get("id"))
        if r["prev_hash"] != prev:
            return Problem("row", f"Hồ sơ {code}: dòng {r['seq']} không nối với dòng trước (băm trước sai).",
                           code, r["seq"], r.get("id"))
        actual = row_hash(code, r)
        if actual != r["hash"]:
            return Problem("row", f"Hồ sơ {code}: dòng {r['seq']} đã bị sửa (băm không khớp nội dung).",
                           code, r["seq"], r.get("id"))
        prev = r["hash"]
        expected_seq += 1
    if expected_seq - 1 != head_seq or prev != head_hash:
        return Problem("head", f"Hồ sơ {code}: đầu chuỗi ghi trên hồ sơ (dòng {head_seq}) không khớp nhật ký "
                               f"(dòng cuối {expected_seq - 1}); có dòng bị xoá hoặc thêm ngoài hệ thống.",
                       code, expected_seq - 1)
    return None


def _iter_dossier_rows(dossier_ids: list[int]) -> Iterator[tuple[int, list[dict[str, Any]]]]:
    from cchc.dossiers.models import ProcessLogEntry

    rows = (ProcessLogEntry.objects.filter(dossier_id__in=dossier_ids).order_by("dossier_id", "seq")
            .values(*_ROW_SELECT))
    current: int | None = None
    bucket: list[dict[str, Any]] = []
    for r in rows.iterator(chunk_size=5000):
        if r["dossier_id"] != current:
            if current is not None:
                yield current, bucket
            current, bucket = r["dossier_id"], []
        bucket.append(r)
    if current is not None:
        yield current, bucket


def verify(*, code: str | None = None, batch: int = 2000, progress=None) -> Report:
    """Check every chain (or one dossier's) and, without ``code``, every digest. First problem per dossier."""
    from cchc.dossiers.models import Dossier, LogDigest

    report = Report()
    heads = Dossier.objects.order_by("id").values_list("id", "code", "log_seq", "log_head")
    if code is not None:
        heads = heads.filter(code=code)
    last_id = 0
    while True:
        chunk = list(heads.filter(id__gt=last_id)[:batch])
        if not chunk:
            break
        last_id = chunk[-1][0]
        by_id = {c[0]: c for c in chunk}
        seen: set[int] = set()
        for dossier_id, rows in _iter_dossier_rows(list(by_id)):
            seen.add(dossier_id)
            _, dcode, seq, head = by_id[dossier_id]
            report.rows += len(rows)
            problem = check_chain(dcode, rows, head_seq=seq, head_hash=head)
            if problem:
                report.problems.append(problem)
        for dossier_id, dcode, seq, head in chunk:
            if dossier_id not in seen:
                problem = check_chain(dcode, [], head_seq=seq, head_hash=head)
                if problem:
                    report.problems.append(problem)
        report.dossiers += len(chunk)
        if progress:
            progress(len(chunk))
    if code is None:
        prev = ""
        for d in LogDigest.objects.order_by("cutoff"):
            report.digests += 1
            stored = digest_hash(cutoff=d.cutoff, dossier_count=d.dossier_count, row_count=d.row_count,
                                 heads_hash=d.heads_hash, prev_hash=d.prev_hash)
            if d.prev_hash != prev or stored != d.hash:
                report.problems.append(Problem("digest", f"Bản tóm lược tính đến {canon_dt(d.cutoff)} đã bị sửa "
                                                         "hoặc chuỗi tóm lược bị đứt."))
                break
            now = heads_as_of(d.cutoff)
            if (now.dossier_count, now.row_count, now.heads_hash) != (d.dossier_count, d.row_count, d.heads_hash):
                report.problems.append(Problem(
                    "digest",
                    f"Nhật ký trước {canon_dt(d.cutoff)} không còn khớp bản tóm lược: lúc lập có "
                    f"{d.dossier_count} hồ sơ, {d.row_count} dòng; nay có {now.dossier_count} hồ sơ, "
                    f"{now.row_count} dòng (hồ sơ hoặc dòng nhật ký bị xoá, sửa ngoài hệ thống)."))
                break
            prev = d.hash
    return report
