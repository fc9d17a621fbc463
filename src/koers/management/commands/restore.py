import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from koers.backup import BackupError, restore
from koers.commands import KoersCommand


class Command(KoersCommand):
    help = gettext_lazy(
        "Restore an archive made by `koers backup` into an empty data directory and database "
        "(KOERS_DATA_DIR, KOERS_DATABASE_URL): the tables, the rows, the files and the secret key."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help=gettext_lazy("the archive written by koers backup"))

    def handle(self, *args, file, **options):
        source = Path(file)
        if not source.is_file():
            raise CommandError(_("%(file)s does not exist.") % {"file": source})
        try:
            manifest = restore(source)
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            _("Restored %(rows)s rows and %(files)s files into %(dir)s (backup of %(date)s).")
            % {
                "rows": sum(manifest["rows"].values()),
                "files": manifest["files"],
                "dir": settings.DATA_DIR,
                "date": manifest["created"],
            }
        )
        if os.environ.get("KOERS_SECRET_KEY"):
            self.stdout.write(
                _(
                    "KOERS_SECRET_KEY is set: it overrides the restored key in the data "
                    "directory. Set it to the key of the old installation."
                )
            )
