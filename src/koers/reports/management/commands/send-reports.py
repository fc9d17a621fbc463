from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.management.base import CommandError
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from koers.commands import KoersCommand
from koers.reports.sending import send_due_reports

STATUS = {
    "sent": gettext_lazy("sent"),
    "would_send": gettext_lazy("would send"),
    "skipped": gettext_lazy("skipped"),
}


class Command(KoersCommand):
    help = gettext_lazy(
        "Send the report e-mails that are due: for each subscription the report of the last "
        "closed month (monthly) or quarter (quarterly), with the PDF attached and a note on "
        "which KPIs changed trend verdict since the last one. A report is never sent twice, "
        "so run it daily from cron, e.g. '15 6 * * * koers send-reports'. Each e-mail is in "
        "its subscriber's language; --lang sets the language of this command's own lines."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=gettext_lazy("show what would be sent; send and store nothing"),
        )
        parser.add_argument(
            "--today", help=gettext_lazy("pretend today is this date (YYYY-MM-DD); default: today")
        )
        parser.add_argument(
            "--lang",
            choices=["nl", "en"],
            default=settings.LANGUAGE_CODE,
            help=gettext_lazy("language of this command's output"),
        )

    def handle(self, *args, **options):
        with translation.override(options["lang"]):
            self.run(options["today"], options["dry_run"])

    def run(self, today_text: str | None, dry_run: bool) -> None:
        today = timezone.localdate()
        if today_text:
            try:
                today = date.fromisoformat(today_text)
            except ValueError:
                raise CommandError(_("--today must be a date like 2025-02-01.")) from None
        outcomes = send_due_reports(today, dry_run=dry_run)
        for o in outcomes:
            s = o.subscription
            who = s.user.email or s.user
            line = f"{STATUS[o.status]}: {who} – {s.organisation.slug}/{s.unit.slug} {o.period.key}"
            if o.reason:
                line += f" ({_(o.reason)})"
            if o.changes:
                n = len(o.changes)
                line += "; " + ngettext("%(n)d verdict change", "%(n)d verdict changes", n) % {
                    "n": n
                }
            self.stdout.write(line)
        if dry_run:
            n = sum(o.status == "would_send" for o in outcomes)
            self.stdout.write(
                ngettext("%(n)d report would be sent.", "%(n)d reports would be sent.", n)
                % {"n": n}
            )
        else:
            n = sum(o.status == "sent" for o in outcomes)
            self.stdout.write(ngettext("%(n)d report sent.", "%(n)d reports sent.", n) % {"n": n})
