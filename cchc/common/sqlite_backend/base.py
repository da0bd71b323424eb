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

Checkpoints (copying the write-ahead log back into the database file, with an fsync) are moved
off the request path too: SQLite runs one inside whichever commit crosses ``wal_autocheckpoint``
pages, so every sixtieth intake or so waited several milliseconds for it. Each process that opens
the database starts one background thread that checkpoints (``PASSIVE``: it never blocks readers
or writers) every :data:`CHECKPOINT_EVERY` seconds, and its connections raise the automatic
threshold to :data:`AUTOCHECKPOINT_PAGES`, a bound that only matters if that thread falls behind.
"""

from __future__ import annotations

import fcntl
import logging
import os
import sqlite3
import threading
import time

from django.db.backends.sqlite3.base import DatabaseWrapper as SQLiteDatabaseWrapper

CHECKPOINT_EVERY = 0.5  # seconds
AUTOCHECKPOINT_PAGES = 20_000  # 80 MB of log at 4 KB pages

log = logging.getLogger(__name__)
_checkpointers: dict[tuple[int, str], threading.Thread] = {}
_checkpointers_lock = threading.Lock()


def _checkpoint_forever(path: str) -> None:
    conn = None
    while True:
        time.sleep(CHECKPOINT_EVERY)
        try:
            if conn is None:
                conn = sqlite3.connect(path, timeout=1, isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        except sqlite3.Error as exc:  # the file went away (a test database), or is busy: try again later
            log.debug("checkpoint of %s: %s", path, exc)
            if conn is not None:
                conn.close()
                conn = None


def start_checkpointer(path: str) -> bool:
    """Start this process's checkpoint thread for ``path`` (once per process and file); True if started."""
    key = (os.getpid(), path)  # a forked worker starts its own: threads do not survive fork
    with _checkpointers_lock:
        if key in _checkpointers:
            return False
        thread = threading.Thread(target=_checkpoint_forever, args=(path,), name="sqlite-checkpoint", daemon=True)
        _checkpointers[key] = thread
        thread.start()
        return True


class DatabaseWrapper(SQLiteDatabaseWrapper):
    _writer_fd: int | None = None
    _writer_locked = False

    def get_new_connection(self, conn_params):
        conn = super().get_new_connection(conn_params)
        if not self.is_in_memory_db():
            start_checkpointer(str(self.settings_dict["NAME"]))
            conn.execute(f"PRAGMA wal_autocheckpoint = {AUTOCHECKPOINT_PAGES}")
        return conn

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
            if self.queries_logged or self.execute_wrappers:
                super()._start_transaction_under_autocommit()  # seen by CaptureQueriesContext and wrappers
            else:
                with self.wrap_database_errors:  # the driver directly: a cursor wrapper for one word costs more
                    self.connection.execute(f"BEGIN {self.transaction_mode or ''}")
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
