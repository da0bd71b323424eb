"""``cchc backup`` and ``cchc restore`` round-trip the database."""

from io import StringIO
from pathlib import Path

from django.core.management import call_command

from cchc.org.models import Agency


def test_a_backup_restores_what_was_deleted(transactional_db, tmp_path, registry):
    out = StringIO()
    call_command("backup", str(tmp_path / "copy.bak"), stdout=out)
    path = Path(out.getvalue().strip())
    assert path.stat().st_size > 0
    count = Agency.objects.count()
    Agency.objects.filter(code="TN.H164.TAN-CUONG").delete()
    assert Agency.objects.count() == count - 1
    call_command("restore", str(path), stdout=StringIO())
    assert Agency.objects.count() == count
    assert Agency.objects.filter(code="TN.H164.TAN-CUONG").exists()


def test_restore_refuses_a_file_that_is_not_a_backup(transactional_db, tmp_path, registry):
    import pytest
    from django.core.management.base import CommandError

    bad = tmp_path / "x.bak"
    bad.write_bytes(b"not a backup at all")
    with pytest.raises(CommandError):
        call_command("restore", str(bad))
    assert Agency.objects.filter(code="TN.SNV").exists()
