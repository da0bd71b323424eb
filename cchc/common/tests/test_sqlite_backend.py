"""The SQLite backend: a write transaction holds the writer lock file, and only while it lasts."""

from __future__ import annotations

import fcntl
import os

import pytest
from django.db import connection, transaction

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.sqlite_only]


def _free(path: str) -> bool:
    fd = os.open(path, os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    finally:
        os.close(fd)  # closing drops a lock taken here
    return True


def test_a_transaction_holds_the_writer_lock_until_it_commits():
    path = connection._writer_lock_path()
    with transaction.atomic():
        assert not _free(path)
    assert _free(path)


def test_a_rolled_back_transaction_releases_it():
    path = connection._writer_lock_path()
    with pytest.raises(RuntimeError), transaction.atomic():
        assert not _free(path)
        raise RuntimeError
    assert _free(path)
