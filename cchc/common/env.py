"""Settings from the environment, through one helper that fails loudly on bad values.

Every problem becomes one ``ImproperlyConfigured`` line that start-up prints and stops on.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

from django.core.exceptions import ImproperlyConfigured

TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool = False) -> bool:
    """Read a boolean; anything but the usual spellings is an error, not a silent False."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean (use 1/0, true/false, yes/no).")


def env_int(name: str, default: int) -> int:
    """Read an integer or fail with a line that names the variable."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not an integer.") from None


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    """Read a comma-separated list."""
    raw = os.environ.get(name)
    if raw is None:
        return list(default or [])
    return [part.strip() for part in raw.split(",") if part.strip()]


def database_from_url(url: str | None, sqlite_path: Path) -> dict:
    """Turn ``DATABASE_URL`` into Django's DATABASES['default'].

    Unset means the embedded SQLite file, tuned for a web server with one writer at a time:
    WAL, synchronous=NORMAL, a busy timeout and IMMEDIATE transactions so writers queue
    instead of failing on lock upgrades. Temporary storage in memory: inserting a dossier (a row
    and nine index entries) keeps a statement journal of the pages it touches, which SQLite
    otherwise spills into a new file under /var/tmp once past 64 KB, on one intake in five.
    """
    if not url:
        return sqlite_config(sqlite_path)
    parsed = urlparse(url)
    scheme = parsed.scheme.lower()
    if scheme == "sqlite":
        # sqlite:///relative/path or sqlite:////absolute/path
        path = unquote(parsed.path[1:] if parsed.path.startswith("//") else parsed.path.lstrip("/"))
        if parsed.path.startswith("//"):
            path = "/" + path.lstrip("/")
        if not path:
            raise ImproperlyConfigured(f"DATABASE_URL={url!r}: a sqlite URL needs a file path.")
        return sqlite_config(Path(path))
    if scheme in {"postgres", "postgresql", "pgsql"}:
        name = unquote(parsed.path.lstrip("/"))
        if not name:
            raise ImproperlyConfigured(f"DATABASE_URL={url!r}: the database name is missing.")
        try:
            port = parsed.port
        except ValueError:
            raise ImproperlyConfigured(f"DATABASE_URL={url!r}: the port is not a number.") from None
        options: dict = {k: v[-1] for k, v in parse_qs(parsed.query).items()}
        # Django turns psycopg's prepared statements off. The hot statements (cchc.common.hotsql)
        # ask for preparation explicitly, which needs a threshold; set this high, so nothing else
        # is prepared behind Django's back. ``?prepare_threshold=none`` turns preparation off (for
        # a pooler in transaction mode that cannot keep prepared statements).
        threshold = str(options.pop("prepare_threshold", "1000000")).strip().lower()
        options["prepare_threshold"] = None if threshold in {"", "none", "off"} else int(threshold)
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": name,
            "USER": unquote(parsed.username or ""),
            "PASSWORD": unquote(parsed.password or ""),
            "HOST": parsed.hostname or "",
            "PORT": str(port or ""),
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": options,
        }
    raise ImproperlyConfigured(
        f"DATABASE_URL={url!r} is not understood: use postgres://user:pass@host:port/name or sqlite:///path."
    )


def sqlite_config(path: Path) -> dict:
    path.parent.mkdir(parents=True, exist_ok=True)
    return {
        "ENGINE": "cchc.common.sqlite_backend",
        "NAME": str(path),
        "CONN_MAX_AGE": 600,
        "OPTIONS": {
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;"
                " PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY;"
            ),
            "transaction_mode": "IMMEDIATE",
        },
        "TEST": {"NAME": str(path.with_name("test-" + path.name))},
    }


def secret_key(var_dir: Path, production: bool) -> str:
    """SECRET_KEY from the environment; for a local demo, generated once into var/."""
    key = os.environ.get("SECRET_KEY", "").strip()
    if key:
        return key
    if production:
        raise ImproperlyConfigured("SECRET_KEY must be set when CCHC_ENV=production.")
    path = var_dir / "secret_key"
    if path.exists():
        return path.read_text().strip()
    var_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    # O_EXCL: two processes starting together must agree on one key.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(fd, "w") as fh:
        fh.write(key)
    return key
