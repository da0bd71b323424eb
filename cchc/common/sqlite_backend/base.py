"""Django's SQLite backend, with writers queueing on a file lock instead of SQLite's sleeps.

Several server processes share one SQLite file and SQLite lets one write transaction at a time.
A writer that finds the lock taken is retried by SQLite's busy handler, which sleeps first 1 ms,
then 2, 5, 10… and so wakes long after the other writer (whose whole transaction takes a few
tenths of a millisecond) has finished: under load the processes spent their time asleep. Here a
transaction first takes an exclusive ``flock`` on ``<database>-writer.lock``; the kernel wakes the
next process the moment the lock is released, and the ``BEGIN IMMEDIATE`` that follows finds the
database free. The lock is released when the transaction commits or rolls back (or the process
dies). Statements outside a transaction, and other programs opening the file, still rely on the
busy handler, as before.
"""

from __future__ import annotations

import fcntl
import os

from django.db.backends.sqlite3.base import DatabaseWrapper as SQLiteDatabaseWrapper


class DatabaseWrapper(SQLiteDatabaseWrapper):
    _writer_fd: int | None = None
    _writer_locked = False

    def _writer_lock_path(self) -> str | None:
        if self.is_in_memory_db():
            return None
        return f"{self.settings_dict['NAME']}-writer.lock"

    def _take_writer_lock(self) -> None:
        path = self._writer_lock_path()
        if path is None:
            return
        if self._writer_fd is None:
            self._writer_fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        fcntl.flock(self._writer_fd, fcntl.LOCK_EX)
        self._writer_locked = True

    def _release_writer_lock(self) -> None:
        if self._writer_locked:
            self._writer_locked = False
            fcntl.flock(self._writer_fd, fcntl.LOCK_UN)

    def _start_transaction_under_autocommit(self):
        self._take_writer_lock()
        try:
            super()._start_transaction_under_autocommit()
        except BaseException:
            self._release_writer_lock()
            raise

    def _commit(self):
        try:
            return super()._commit()
        finally:
            self._release_writer_lock()

    def _rollback(self):
        try:
            return super()._rollback()
        finally:
            self._release_writer_lock()

    def _close(self):
        try:
            return super()._close()
        finally:
            self._release_writer_lock()
            if self._writer_fd is not None:
                os.close(self._writer_fd)
                self._writer_fd = None
