from __future__ import annotations

from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from koers.commands import KoersCommand
from koers.organisations.models import Organisation, Unit
from koers.reports.content import COMPACT, EDITIONS, build_report
from koers.reports.periods import LATEST, ReportPeriodError, resolve_period
from koers.reports.render import render

FORMATS = ("html", "pdf", "xlsx")


class Command(KoersCommand):
    help = gettext_lazy(
        "Write the report of a unit (and every unit below it) for a period to a file: "
        "the same report as on the Reports page, as HTML, PDF or Excel. "
        "Example: koers report --org demo --period 2025-Q1 --format pdf -o q1.pdf"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--org", help=gettext_lazy("organisation slug; may be omitted if there is only one")
        )
        parser.add_argument(
            "--unit", help=gettext_lazy("unit short name; default: the top unit (company report)")
        )
        parser.add_argument(
            "--period",
            default=LATEST,
            help=gettext_lazy(
                "a month (2025-01), quarter (2025-Q1) or year (2025), or 'latest' (default): "
                "up to the last finished month"
            ),
        )
        parser.add_argument(
            "--format",
            choices=FORMATS,
            help=gettext_lazy("output format; default: from the file name's extension, else pdf"),
        )
        parser.add_argument(
            "--lang",
            choices=["nl", "en"],
            default=settings.LANGUAGE_CODE,
            help=gettext_lazy("language of the report and of this command's messages"),
        )
        parser.add_argument(
            "--group",
            choices=["goal", "area"],
            default="goal",
            help=gettext_lazy("group KPIs by annual goal (default) or by functional area"),
        )
        parser.add_argument(
            "--edition",
            choices=EDITIONS,
            default=COMPACT,
            help=gettext_lazy("compact (sparklines, default) or full (an XmR chart per KPI)"),
        )
        parser.add_argument(
            "--today",
            help=gettext_lazy("pretend today is this date (YYYY-MM-DD); for 'latest' and the date"),
        )
        parser.add_argument(
            "-o", "--output", required=True, help=gettext_lazy("file to write ('-' = stdout)")
        )

    def handle(self, *args, **options):
        with translation.override(options["lang"]):
            self.run(**options)

    def run(self, *, org, unit, period, lang, group, edition, today, output, **options):
        organisation = _organisation(org)
        top = _unit(organisation, unit)
        today = _today(today)
        try:
            resolved = resolve_period(period, today)
        except ReportPeriodError:
            raise CommandError(
                _("%(period)r is not a report period: use 2025-01, 2025-Q1, 2025 or latest.")
                % {"period": period}
            ) from None
        fmt = options["format"] or (
            Path(output).suffix.lstrip(".").lower() if output != "-" else ""
        )
        fmt = fmt if fmt in FORMATS else "pdf"
        report = build_report(organisation, top, resolved, group, lang, today, edition)
        data = render(report, fmt)
        if output == "-":
            if hasattr(self.stdout, "buffer"):
                self.stdout.buffer.write(data)
            else:
                self.stdout.write(data.decode(errors="replace"))
            return
        Path(output).write_bytes(data)
        units = ngettext("%(n)d unit", "%(n)d units", len(report.sections)) % {
            "n": len(report.sections)
        }
        rows = ngettext("%(n)d KPI row", "%(n)d KPI rows", len(report.rows)) % {
            "n": len(report.rows)
        }
        self.stdout.write(f"{output}: {fmt}, {report.title}, {units}, {rows}")


def _organisation(slug: str | None) -> Organisation:
    organisations = Organisation.objects.all()
    if slug:
        found = organisations.filter(slug=slug).first()
        if found is None:
            raise CommandError(_("No organisation with short name %(slug)r.") % {"slug": slug})
        return found
    if organisations.count() == 1:
        return organisations.get()
    raise CommandError(_("Say which organisation with --org."))


def _unit(organisation: Organisation, slug: str | None) -> Unit:
    if slug:
        found = Unit.objects.for_org(organisation).filter(slug=slug).first()
        if found is None:
            raise CommandError(_("No unit with short name %(slug)r.") % {"slug": slug})
        return found
    top = organisation.root_unit()
    if top is None:
        raise CommandError(_("The organisation has no units yet."))
    return top


def _today(text: str | None) -> date:
    if not text:
        return timezone.localdate()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(_("--today must be a date like 2025-01-31.")) from None
