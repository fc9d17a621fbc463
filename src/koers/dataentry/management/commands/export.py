import sys
from datetime import date
from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from koers.commands import KoersCommand
from koers.dataentry import export
from koers.dataentry.commandline import find_organisation
from koers.organisations.models import Unit


class Command(KoersCommand):
    help = gettext_lazy(
        "Export measurements as CSV or Excel, in a layout that `koers import` reads back "
        "unchanged. Dutch CSV uses ';' and decimal commas, English ',' and points. Without "
        "--kpi or --unit every KPI that is not retired is exported. Without -o the file is "
        "written to standard output."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--org", help=gettext_lazy("organisation slug; may be omitted if there is only one")
        )
        parser.add_argument(
            "--kpi", nargs="+", default=[], help=gettext_lazy("KPI codes to export")
        )
        parser.add_argument(
            "--unit", help=gettext_lazy("export the KPIs of this unit and the units below it")
        )
        parser.add_argument(
            "--format", choices=export.FORMATS, default="csv", help=gettext_lazy("file format")
        )
        parser.add_argument(
            "--layout",
            choices=export.LAYOUTS,
            default="long",
            help=gettext_lazy(
                "long: one row per value; wide: one row per period, a column per KPI"
            ),
        )
        parser.add_argument(
            "--lang", choices=["nl", "en"], default="nl", help=gettext_lazy("headers and numbers")
        )
        parser.add_argument("-o", "--output", help=gettext_lazy("file to write"))

    def handle(self, *args, org, kpi, unit, format, layout, lang, output, **options):
        organisation = find_organisation(org)
        unit_obj = None
        if unit:
            unit_obj = Unit.objects.for_org(organisation).filter(slug=unit).first()
            if unit_obj is None:
                raise CommandError(_("There is no unit '%(slug)s'.") % {"slug": unit})
        kpis = list(export.select_kpis(organisation, codes=kpi, unit=unit_obj))
        missing = sorted(set(kpi) - {k.code for k in kpis})
        if missing:
            raise CommandError(
                _("Unknown or retired KPI codes: %(codes)s") % {"codes": ", ".join(missing)}
            )
        result = export.write(kpis, fmt=format, layout=layout, lang=lang)
        if output:
            Path(output).write_bytes(result.data)
            self.stderr.write(
                _("%(n)s KPIs written to %(file)s") % {"n": len(kpis), "file": output}
            )
        elif format == "xlsx" and sys.stdout.isatty():
            raise CommandError(_("Excel output needs a file: add -o FILE."))
        else:
            self.stdout.flush()
            out = getattr(self.stdout, "_out", sys.stdout)
            if hasattr(out, "buffer"):
                out.buffer.write(result.data)
            else:
                out.write(result.data.decode("utf-8-sig"))
            out.flush()
        return None

    @staticmethod
    def today() -> date:
        return date.today()
