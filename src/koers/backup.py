"""Backup and restore: the database, the secret key and the data directory's files in one archive.

The archive (``.tar.gz``) holds:

- ``manifest.json``: when, which Koers, which database, the applied migrations and
  the number of rows per model (checked again after a restore);
- ``data.json``: every row (``dumpdata`` with natural keys, so it loads into SQLite
  or PostgreSQL alike; sessions, the task queue and login-attempt logs are left out);
- ``secret_key``: without it signed links and anonymous scoring tokens of running
  selection rounds stop working, and people could score twice;
- ``files/``: everything else in the data directory (uploads, data sources,
  snapshots), except the SQLite database itself and the collected static files.
"""

from __future__ import annotations

import io
import json
import os
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = 1
EXCLUDED_MODELS = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "admin.logentry",
    "django_tasks_database",
    "axes",
]
SKIPPED_FILES = {"koers.sqlite3", "koers.sqlite3-wal", "koers.sqlite3-shm", "secret_key"}
SKIPPED_DIRS = {"static"}


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why, for the person running it."""


def row_counts() -> dict[str, int]:
    excluded = set(EXCLUDED_MODELS)
    counts = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if model._meta.app_label in excluded or label in excluded or not model._meta.managed:
            continue
        if model._meta.proxy:
            continue
        counts[label] = model._default_manager.count()
    return counts


def applied_migrations() -> list[list[str]]:
    return sorted([app, name] for app, name in MigrationRecorder(connection).applied_migrations())


def data_files(data_dir: Path):
    for root, dirs, files in os.walk(data_dir):
        here = Path(root)
        if here == data_dir:
            dirs[:] = [d for d in dirs if d not in SKIPPED_DIRS]
        for name in files:
            if here == data_dir and name in SKIPPED_FILES:
                continue
            yield here / name


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.mtime = len(data), 0o600, int(timezone.now().timestamp())
    archive.addfile(info, io.BytesIO(data))


def backup(target: Path) -> dict:
    """Write the archive to ``target`` (readable by its owner only); returns the manifest."""
    data_dir = Path(settings.DATA_DIR)
    with tempfile.TemporaryDirectory() as scratch:
        dump = Path(scratch) / "data.json"
        call_command(
            "dumpdata",
            *[f"--exclude={label}" for label in EXCLUDED_MODELS],
            natural_foreign=True,
            natural_primary=True,
            output=str(dump),
            verbosity=0,
        )
        manifest = {
            "format": FORMAT,
            "created": timezone.now().isoformat(),
            "database": connection.vendor,
            "migrations": applied_migrations(),
            "rows": row_counts(),
            "secret_key_from_environment": bool(os.environ.get("KOERS_SECRET_KEY")),
        }
        files = list(data_files(data_dir))
        manifest["files"] = len(files)
        target.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as out, tarfile.open(fileobj=out, mode="w:gz") as archive:
            _add_bytes(archive, "manifest.json", json.dumps(manifest, indent=1).encode())
            archive.add(dump, "data.json")
            _add_bytes(archive, "secret_key", settings.SECRET_KEY.encode())
            for path in files:
                archive.add(path, "files/" + path.relative_to(data_dir).as_posix())
    return manifest


def _members(archive: tarfile.TarFile) -> dict[str, tarfile.TarInfo]:
    members = {}
    for member in archive.getmembers():
        name = member.name
        if name.startswith("/") or ".." in Path(name).parts or not (member.isfile()):
            raise BackupError(f"The archive holds an unsafe entry: {name!r}.")
        members[name] = member
    missing = {"manifest.json", "data.json", "secret_key"} - set(members)
    if missing:
        raise BackupError(f"This is not a Koers backup: {', '.join(sorted(missing))} missing.")
    return members


def _read(archive: tarfile.TarFile, member: tarfile.TarInfo) -> bytes:
    return archive.extractfile(member).read()


def check_empty() -> None:
    """Refuse to restore over data: the database and the data directory must be empty."""
    tables = connection.introspection.table_names()
    User = apps.get_model(settings.AUTH_USER_MODEL)
    Organisation = apps.get_model("organisations", "Organisation")
    in_use = [
        model._meta.verbose_name_plural
        for model in (Organisation, User)
        if model._meta.db_table in tables and model._default_manager.exists()
    ]
    if in_use:
        raise BackupError(
            f"The database is not empty (it has {' and '.join(map(str, in_use))}): "
            "restore into a new data directory and an empty database."
        )
    files = list(data_files(Path(settings.DATA_DIR)))
    if files:
        raise BackupError(
            f"The data directory {settings.DATA_DIR} is not empty ({files[0]} and "
            f"{len(files) - 1} more): restore into a new one."
        )


def check_migrations(manifest: dict) -> None:
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    newer = sorted(
        f"{app}.{name}" for app, name in manifest["migrations"] if (app, name) not in known
    )
    if newer:
        raise BackupError(
            "This backup was made by a newer Koers (unknown migrations: "
            f"{', '.join(newer[:5])}{' …' if len(newer) > 5 else ''}): upgrade Koers first."
        )


def restore(source: Path) -> dict:
    """Restore an archive made by :func:`backup` into the (empty) data directory and database."""
    data_dir = Path(settings.DATA_DIR)
    try:
        archive = tarfile.open(source, mode="r:gz")
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"{source} cannot be read as a Koers backup: {error}") from error
    with archive:
        members = _members(archive)
        manifest = json.loads(_read(archive, members["manifest.json"]))
        if manifest.get("format") != FORMAT:
            raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
        check_migrations(manifest)
        check_empty()
        call_command("migrate", interactive=False, verbosity=0)
        call_command("flush", interactive=False, verbosity=0)
        for name, member in members.items():
            if name.startswith("files/"):
                target = data_dir / name.removeprefix("files/")
                target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
                target.write_bytes(_read(archive, member))
        key = data_dir / "secret_key"
        key.unlink(missing_ok=True)
        descriptor = os.open(key, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as out:
            out.write(_read(archive, members["secret_key"]))
        with tempfile.TemporaryDirectory() as scratch:
            dump = Path(scratch) / "data.json"
            dump.write_bytes(_read(archive, members["data.json"]))
            call_command("loaddata", str(dump), verbosity=0)
    now = row_counts()
    differ = {
        label: (count, now.get(label))
        for label, count in manifest["rows"].items()
        if now.get(label, count) != count
    }
    if differ:
        raise BackupError(f"Restored row counts differ from the backup: {differ}.")
    return manifest
