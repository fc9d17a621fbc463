from datetime import date

from django.core.management.base import CommandError
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from koers.commands import KoersCommand
from koers.dataentry.commandline import find_organisation
from koers.dataentry.reminders import reminders, send_reminders
from koers.organisations.models import Organisation
from koers.trends.concerns import mark_mailed, sync_concerns


class Command(KoersCommand):
    help = gettext_lazy(
        "E-mail each unit's members and managers the KPIs of their unit whose last finished "
        "period has no value yet, with a link to the entry grid (SITE_URL). Meant for cron, "
        "for example every Monday at 8:00: "
        "'0 8 * * 1 KOERS_DATA_DIR=/srv/koers /srv/koers/.venv/bin/koers remind --all'. "
        "Use --dry-run to see what would be sent."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--org", help=gettext_lazy("organisation slug; may be omitted if there is only one")
        )
        parser.add_argument("--all", action="store_true", help=gettext_lazy("every organisation"))
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=gettext_lazy("print the e-mails instead of sending them"),
        )
        parser.add_argument(
            "--lang",
            choices=["nl", "en"],
            default="nl",
            help=gettext_lazy("language of the e-mails"),
        )
        parser.add_argument(
            "--today",
            type=date.fromisoformat,
            help=gettext_lazy("pretend today is this date (YYYY-MM-DD)"),
        )

    def handle(self, *args, org, all, dry_run, lang, today, **options):
        if all and org:
            raise CommandError(_("Use either --org or --all."))
        organisations = (
            list(Organisation.objects.order_by("slug")) if all else [find_organisation(org)]
        )
        with translation.override(lang):
            for organisation in organisations:
                sync_concerns(organisation)  # new signals of concern are mailed once
                found = reminders(organisation, today=today)
                if dry_run:
                    for reminder in found:
                        to = reminder.user.email or _("(no e-mail address: not sent)")
                        self.stdout.write(_("To: %(to)s") % {"to": to})
                        self.stdout.write(
                            _("Subject: %(subject)s") % {"subject": reminder.subject()}
                        )
                        self.stdout.write("")
                        self.stdout.write(reminder.body(organisation))
                    n = sum(1 for r in found if r.user.email)
                    self.stdout.write(
                        ngettext(
                            "%(org)s: %(n)s e-mail would be sent.",
                            "%(org)s: %(n)s e-mails would be sent.",
                            n,
                        )
                        % {"org": organisation.slug, "n": n}
                    )
                else:
                    sent = send_reminders(organisation, found, day=today or timezone.localdate())
                    mark_mailed(organisation)
                    self.stdout.write(
                        ngettext(
                            "%(org)s: %(n)s e-mail sent.", "%(org)s: %(n)s e-mails sent.", sent
                        )
                        % {"org": organisation.slug, "n": sent}
                    )
