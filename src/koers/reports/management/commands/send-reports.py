from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from koers.reports.sending import send_due_reports


class Command(BaseCommand):
    help = (
        "Send the report e-mails that are due: for each subscription the report of the last "
        "closed month (monthly) or quarter (quarterly), with the PDF attached and a note on "
        "which KPIs changed trend verdict since the last one. A report is never sent twice, "
        "so run it daily from cron, e.g. '15 6 * * * koers send-reports'."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Show what would be sent; send and store nothing.",
        )
        parser.add_argument(
            "--today", help="Pretend today is this date (YYYY-MM-DD); default: today."
        )

    def handle(self, *args, **options):
        today = timezone.localdate()
        if options["today"]:
            try:
                today = date.fromisoformat(options["today"])
            except ValueError:
                raise CommandError("--today must be a date like 2025-02-01.") from None
        outcomes = send_due_reports(today, dry_run=options["dry_run"])
        for o in outcomes:
            s = o.subscription
            who = s.user.email or s.user
            line = f"{o.status}: {who} – {s.organisation.slug}/{s.unit.slug} {o.period.key}"
            if o.reason:
                line += f" ({o.reason})"
            if o.changes:
                line += f"; {len(o.changes)} verdict change(s)"
            self.stdout.write(line)
        sent = sum(o.status == "sent" for o in outcomes)
        would = sum(o.status == "would_send" for o in outcomes)
        if options["dry_run"]:
            self.stdout.write(f"{would} report(s) would be sent.")
        else:
            self.stdout.write(f"{sent} report(s) sent.")
