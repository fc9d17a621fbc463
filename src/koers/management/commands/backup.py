from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from koers.backup import BackupError, backup
from koers.commands import KoersCommand


class Command(KoersCommand):
    help = gettext_lazy(
        "Write the database, the secret key and the data directory's files (uploads, data "
        "sources) to one archive. Restore it with `koers restore FILE`."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "-o", "--output", required=True, help=gettext_lazy("the archive to write (.tar.gz)")
        )

    def handle(self, *args, output, **options):
        target = Path(output)
        try:
            manifest = backup(target)
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["rows"].values())
        self.stdout.write(
            _("Backup written to %(file)s: %(rows)s rows, %(files)s files, the secret key.")
            % {"file": target, "rows": rows, "files": manifest["files"]}
        )
        self.stdout.write(
            _(
                "Keep it safe: it holds the secret key and every password hash. Without the "
                "key, share links and running selection rounds stop working."
            )
        )
