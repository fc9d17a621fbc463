import json as jsonlib
import os

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from koers.commands import KoersCommand
from koers.demo import create_demo
from koers.organisations.models import Organisation

LOGINS_FILE = "demo-logins.json"


class Command(KoersCommand):
    help = _(
        "Create the demo organisation (or refresh it) with one user per role, and print the "
        "logins. The password comes from --password or KOERS_DEMO_PASSWORD, else a random one."
    )

    def add_arguments(self, parser):
        parser.add_argument("--password", help=_("password for every demo user"))
        parser.add_argument("--lang", choices=["nl", "en"], default="nl", help=_("language"))
        parser.add_argument("--json", action="store_true", help=_("print the logins as JSON"))
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help=_("only when the database has no organisation yet (used by `make run`)"),
        )

    def handle(self, *args, password, lang, json: bool, if_empty: bool, **options):
        path = settings.DATA_DIR / LOGINS_FILE
        if if_empty and Organisation.objects.exists():
            if path.exists():
                self._print(jsonlib.loads(path.read_text()), json)
            else:
                self.stdout.write(str(_("The database has data already; demo not loaded.")))
            return
        password = password or os.environ.get("KOERS_DEMO_PASSWORD") or None
        result = create_demo(password=password, lang=lang)
        path.write_text(jsonlib.dumps(result.logins))
        path.chmod(0o600)
        self._print(result.logins, json)

    def _print(self, logins, as_json: bool):
        if as_json:
            self.stdout.write(jsonlib.dumps({"organisation": "demo", "logins": logins}))
            return
        self.stdout.write(str(_("Demo organisation ready. Log in with:")))
        for login in logins:
            self.stdout.write(f"  {login['username']:<12} {login['password']:<16} {login['role']}")
