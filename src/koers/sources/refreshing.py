"""``koers data refresh``: re-read every source configured as a folder; the newest file wins."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from koers.sources.computing import compute, source_computations
from koers.sources.errors import LoadError
from koers.sources.loading import load_file
from koers.sources.models import DataSource

PATTERNS = ("*.xaf", "*.xml", "*.csv", "*.xlsx", "*.zip")


def newest_file(folder: Path) -> Path | None:
    files = [p for pattern in PATTERNS for p in folder.glob(pattern) if p.is_file()]
    return max(files, key=lambda p: (p.stat().st_mtime, p.name), default=None)


def check_folder(text: str) -> Path:
    """The folder a source is refreshed from, checked: it exists, outside the data directory,
    under ``settings.SOURCE_FOLDERS`` when that is set, and has a file to load."""
    folder = Path(text.strip()).expanduser()
    if not folder.is_absolute() or not folder.is_dir():
        raise LoadError("no_folder", folder=text)
    folder = folder.resolve()
    data = Path(settings.DATA_DIR).resolve()
    if folder == data or data in folder.parents:
        raise LoadError("no_folder", folder=text)
    root = settings.SOURCE_FOLDERS
    if root and Path(root).resolve() not in (folder, *folder.parents):
        raise LoadError("folder_outside", folder=text, root=root)
    if newest_file(folder) is None:
        raise LoadError("empty_folder", folder=text)
    return folder


def load_folder(organisation, folder: Path, *, source_name=None, **options):
    """Load the newest file of ``folder`` and remember the folder for ``koers data refresh``."""
    newest = newest_file(folder)
    if newest is None:
        raise LoadError("empty_folder", folder=str(folder))
    result = load_file(organisation, newest, source_name=source_name, **options)
    result.source.folder = str(folder)
    result.source.save(update_fields=["folder", "updated_at"])
    return result


def refresh_all() -> list[str]:
    lines = []
    for source in DataSource.objects.exclude(folder="").select_related("organisation"):
        newest = newest_file(Path(source.folder))
        label = f"{source.organisation.slug}/{source.name}"
        if newest is None:
            lines.append(
                _("%(source)s: no file in %(folder)s") % {"source": label, "folder": source.folder}
            )
            continue
        try:
            result = load_file(source.organisation, newest, source_name=source.name)
        except LoadError as error:
            lines.append(f"{label}: {error.message(translation.get_language() or 'nl')}")
            continue
        if result.unchanged:
            lines.append(
                _("%(source)s: %(file)s unchanged") % {"source": label, "file": newest.name}
            )
            continue
        computed = compute(source_computations(source))
        written = sum(c.written for c in computed)
        lines.append(
            _("%(source)s: %(file)s loaded, %(n)s values changed")
            % {"source": label, "file": newest.name, "n": written}
        )
    return lines
