from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from koers.organisations.models import Organisation, Unit
from koers.reports.content import LATEST, ReportPeriodError, build_report, resolve_period
from koers.reports.render import render


class Command(BaseCommand):
    help = (
        "Write the report of a unit (and every unit below it) for a period to a file: "
        "the same report as on the Reports page, as HTML, PDF or Excel. "
        "Example: koers report --org demo --period 2025-Q1 --format pdf -o q1.pdf"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--org", help="Organisation short name; may be left out when there is only one."
        )
        parser.add_argument(
            "--unit", help="Unit short name; default: the top unit (the company report)."
        )
        parser.add_argument(
            "--period",
            default=LATEST,
            help="A month (2025-01), quarter (2025-Q1) or year (2025), or 'latest' (default): "
            "up to the last finished period.",
        )
        parser.add_argument(
            "--format",
            choices=["html", "pdf", "xlsx"],
            help="Output format; default: taken from the file name's extension, else pdf.",
        )
        parser.add_argument(
            "--lang", choices=["nl", "en"], default="nl", help="Language of the report."
        )
        parser.add_argument(
            "--group",
            choices=["goal", "area"],
            default="goal",
            help="Group KPIs by annual goal (default) or by functional area.",
        )
        parser.add_argument(
            "--today", help="Pretend today is this date (YYYY-MM-DD); for 'latest' and the header."
        )
        parser.add_argument("-o", "--output", required=True, help="File to write ('-' = stdout).")

    def handle(self, *args, **options):
        organisations = Organisation.objects.all()
        if options["org"]:
            organisation = organisations.filter(slug=options["org"]).first()
            if organisation is None:
                raise CommandError(f"No organisation with short name {options['org']!r}.")
        elif organisations.count() == 1:
            organisation = organisations.get()
        else:
            raise CommandError("Say which organisation with --org.")
        if options["unit"]:
            unit = Unit.objects.for_org(organisation).filter(slug=options["unit"]).first()
            if unit is None:
                raise CommandError(f"No unit with short name {options['unit']!r}.")
        else:
            unit = organisation.root_unit()
            if unit is None:
                raise CommandError("The organisation has no units yet.")
        today = timezone.localdate()
        if options["today"]:
            from datetime import date

            try:
                today = date.fromisoformat(options["today"])
            except ValueError:
                raise CommandError("--today must be a date like 2025-01-31.") from None
        try:
            period = resolve_period(options["period"], today)
        except ReportPeriodError:
            raise CommandError(
                f"{options['period']!r} is not a report period: "
                "use 2025-01, 2025-Q1, 2025 or latest."
            ) from None
        output = options["output"]
        fmt = options["format"] or (
            Path(output).suffix.lstrip(".").lower() if output != "-" else ""
        )
        if fmt not in ("html", "pdf", "xlsx"):
            fmt = "pdf"
        report = build_report(organisation, unit, period, options["group"], options["lang"], today)
        data = render(report, fmt)
        if output == "-":
            self.stdout.buffer.write(data) if hasattr(self.stdout, "buffer") else self.stdout.write(
                data.decode(errors="replace")
            )
            return
        Path(output).write_bytes(data)
        kpis = len(report.rows)
        self.stdout.write(
            f"{output}: {fmt}, {report.unit_name}, {report.period_label}, "
            f"{len(report.sections)} unit(s), {kpis} KPI row(s)"
        )
