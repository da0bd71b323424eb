"""Suite-wide pytest set-up: Playwright on Debian's chromium, and test databases that runs don't share.

Tests marked ``postgres_only`` are skipped on SQLite; .ci/run runs the suite on PostgreSQL too.

Browser tests (marker ``browser``, or any test using Playwright's fixtures) are skipped when
``chromium`` is not installed, except in CI (``CI=true``) where a missing browser must fail the
run instead of quietly passing it. ``playwright install`` is never run: it downloads a browser
build, which this machine cannot fetch; Debian's chromium is driven instead.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

# Sync Playwright runs an event loop in the test thread; Django refuses ORM calls from a thread
# with a running loop unless told it is safe (it is: the loop only drives the browser).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root, where chromium's sandbox refuses to start
    "--disable-gpu",
    "--disable-dev-shm-usage",  # /dev/shm is small in containers; chromium crashes on big pages otherwise
    "--disable-quic",
    "--no-first-run",
    # The machine's network is closed: without these chromium keeps trying to reach Google's hosts.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


BROWSER_FIXTURES = {"page", "context", "new_context", "browser"}


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def chromium_path() -> str | None:
    return shutil.which("chromium")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # A test that drives a browser is a browser test even if its author forgot the marker.
    for item in items:
        if BROWSER_FIXTURES & set(getattr(item, "fixturenames", ())) and item.get_closest_marker("browser") is None:
            item.add_marker(pytest.mark.browser)


def on_postgres() -> bool:
    from django.conf import settings

    return settings.DATABASES["default"]["ENGINE"].endswith("postgresql")


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    # tryfirst: decide before any fixture starts, so a missing browser never shows up as an
    # obscure launch error from the session-scoped ``browser`` fixture.
    if item.get_closest_marker("postgres_only") is not None and not on_postgres():
        # Not a missing database: .ci/run runs the suite a second time on PostgreSQL, where it runs.
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://...); runs in the PostgreSQL pass")
    if item.get_closest_marker("sqlite_only") is not None and on_postgres():
        pytest.skip("tests the SQLite backend; runs in the SQLite pass")
    if item.get_closest_marker("browser") is None or chromium_path():
        return
    if in_ci():
        pytest.fail("chromium is not installed (apt-get install -y chromium); CI=true, so this is a failure")
    pytest.skip("chromium is not installed (apt-get install -y chromium)")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    return {**browser_type_launch_args, "executable_path": chromium_path(), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    # Chromium announces en-US by default, and LocaleMiddleware would then start every page in
    # English; the platform's users browse in Vietnamese, so the tests start where they do.
    return {**browser_context_args, "locale": "vi-VN", "timezone_id": "Asia/Ho_Chi_Minh"}


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix: None) -> None:
    """Give each run its own SQLite test file.

    settings.py names the test database ``var/test-cchc.sqlite3``; two runs in one checkout (a
    developer's and an editor's, or two helpers) would delete each other's file mid-run. On
    PostgreSQL pytest-django creates ``test_<name>`` through the ``postgres`` maintenance
    database, so the named database itself need not exist; CI gives each run its own cluster.
    """
    from django.conf import settings

    for db in settings.DATABASES.values():
        if not db["ENGINE"].endswith("sqlite3"):
            continue
        test = db.setdefault("TEST", {})
        name = test.get("NAME")
        if name and name != ":memory:" and "mode=memory" not in name:
            path = Path(name)
            test["NAME"] = str(path.with_name(f"{path.stem}-{os.getpid()}{path.suffix}"))
