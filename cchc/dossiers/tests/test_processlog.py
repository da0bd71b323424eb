"""The process log: hash chains per dossier, daily digests, tamper detection by ``cchc verify-log``."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from cchc.common.models import AppendOnlyError
from cchc.dossiers import processlog, selectors, services
from cchc.dossiers.models import Dossier, LogDigest, ProcessLogEntry


def verify(*args):
    out = StringIO()
    try:
        call_command("verify_log", *args, "--quiet", stdout=out)
        code = 0
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue()


@pytest.fixture
def two(staff, make_intake, received):
    d = services.dossier_transfer(actor=staff["reception"], dossier=received)
    d = services.dossier_forward(actor=staff["specialist"], dossier=selectors.dossier_get(user=staff["specialist"], code=d.code))
    other = services.dossier_receive(actor=staff["reception"], data=make_intake(applicant_name="Lê Văn Cường"))
    return d, other


def sql(statement, params=()):
    with connection.cursor() as cur:
        cur.execute(statement, params)


def test_chains_are_valid_and_linked(two):
    d, _ = two
    rows = list(ProcessLogEntry.objects.filter(dossier=d).order_by("seq").values())
    assert [r["seq"] for r in rows] == [1, 2, 3]
    assert rows[0]["prev_hash"] == "" and rows[1]["prev_hash"] == rows[0]["hash"] == processlog.row_hash(d.code, rows[0])
    assert verify() == (0, verify()[1]) and "nguyên vẹn" in verify()[1]


def test_the_log_is_append_only_through_the_orm(two):
    d, _ = two
    row = ProcessLogEntry.objects.filter(dossier=d).first()
    row.note = "sửa"
    with pytest.raises(AppendOnlyError):
        row.save()
    with pytest.raises(AppendOnlyError):
        row.delete()


def test_a_row_edited_in_the_database_is_named(two):
    d, other = two
    row = ProcessLogEntry.objects.get(dossier=d, seq=2)
    sql(f"UPDATE {ProcessLogEntry._meta.db_table} SET note = %s WHERE id = %s", ["sửa lén", row.pk])
    code, out = verify()
    assert code == 1
    assert f"Hồ sơ {d.code}: dòng 2 đã bị sửa" in out and f"id={row.pk}" in out
    assert other.code not in out
    assert verify("--dossier", other.code)[0] == 0
    assert verify("--dossier", d.code)[0] == 1


def test_a_rewritten_hash_breaks_the_next_link(two):
    d, _ = two
    row = ProcessLogEntry.objects.get(dossier=d, seq=1)
    forged = dict(ProcessLogEntry.objects.filter(pk=row.pk).values()[0], note="giả")
    new_hash = processlog.row_hash(d.code, forged)
    sql(f"UPDATE {ProcessLogEntry._meta.db_table} SET note = %s, hash = %s WHERE id = %s", ["giả", new_hash, row.pk])
    code, out = verify("--dossier", d.code)
    assert code == 1 and "dòng 2 không nối với dòng trước" in out


def test_a_deleted_last_row_is_detected_by_the_head(two):
    d, _ = two
    sql(f"DELETE FROM {ProcessLogEntry._meta.db_table} WHERE dossier_id = %s AND seq = 3", [d.pk])
    code, out = verify("--dossier", d.code)
    assert code == 1 and "đầu chuỗi" in out


def test_a_deleted_middle_row_is_detected(two):
    d, _ = two
    sql(f"DELETE FROM {ProcessLogEntry._meta.db_table} WHERE dossier_id = %s AND seq = 2", [d.pk])
    code, out = verify("--dossier", d.code)
    assert code == 1 and "thiếu dòng nhật ký số 2" in out


def test_a_deleted_dossier_is_detected_by_the_digest(two):
    d, other = two
    digest = services.log_digest_create(cutoff=timezone.now() + timedelta(seconds=1))
    assert (digest.dossier_count, digest.row_count) == (2, 4)
    assert verify()[0] == 0
    # Delete a whole dossier with its log, as someone with database access could.
    sql(f"DELETE FROM {ProcessLogEntry._meta.db_table} WHERE dossier_id = %s", [other.pk])
    sql(f"DELETE FROM {Dossier._meta.db_table} WHERE id = %s", [other.pk])
    code, out = verify()
    assert code == 1 and "không còn khớp bản tóm lược" in out and "2 hồ sơ" in out and "1 hồ sơ" in out


def test_a_forged_digest_is_detected(two):
    services.log_digest_create(cutoff=timezone.now() - timedelta(seconds=1))
    sql(f"UPDATE {LogDigest._meta.db_table} SET dossier_count = dossier_count + 1")
    code, out = verify()
    assert code == 1 and "Bản tóm lược" in out


def test_digests_chain_and_move_forward(two):
    first = services.log_digest_create(cutoff=timezone.now() - timedelta(hours=1))
    second = services.log_digest_create(cutoff=timezone.now() + timedelta(seconds=1))
    assert second.prev_hash == first.hash and first.prev_hash == ""
    from cchc.common.errors import Conflict

    with pytest.raises(Conflict):
        services.log_digest_create(cutoff=first.cutoff)


def test_the_daily_job_is_registered_and_idempotent(two):
    from cchc.common.periodic import jobs
    from cchc.dossiers import tasks

    assert "dossiers.log_digest" in jobs()
    first = tasks.log_digest.call()
    assert len(first) == 64 and LogDigest.objects.count() == 1
    assert tasks.log_digest.call() == "exists"


def test_verify_log_unknown_dossier_is_an_error(two):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("verify_log", "--dossier", "KHONG-CO", stdout=StringIO())
