import json
from pathlib import Path

from django.core.management.base import CommandError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from koers.benchmarks.comparison import benchmark_for, read_period
from koers.benchmarks.demo import add_peers
from koers.benchmarks.importing import read_file, store
from koers.benchmarks.peers import join, leave
from koers.benchmarks.sentences import sentences
from koers.commands import KoersCommand
from koers.dataentry.commandline import find_organisation
from koers.kpis.models import KPI
from koers.periods import PeriodError

MAX_FILE = 50 * 1024 * 1024  # bytes: a benchmark file is a table of figures, not a data dump


class Command(KoersCommand):
    help = gettext_lazy(
        "Benchmarks: 'join' and 'leave' the peer groups of this install (at once); 'import' "
        "reads a CSV or Excel file of published figures (all or nothing); 'show' prints a "
        "KPI's imported figures and its peer group (median, quartiles, n, own rank; nothing "
        "with fewer than five organisations). Bad input: a message naming row and column, "
        "exit code 1."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--lang", choices=["nl", "en"], default="nl", help=gettext_lazy("language")
        )
        sub = parser.add_subparsers(dest="action", required=True)
        for name, text in (
            ("join", gettext_lazy("take part in the peer groups")),
            ("leave", gettext_lazy("stop taking part in the peer groups")),
        ):
            action = sub.add_parser(name, help=str(text))
            action.add_argument("--org", required=True)
        imp = sub.add_parser("import", help=str(gettext_lazy("import a benchmark file")))
        imp.add_argument("file")
        imp.add_argument("--json", action="store_true")
        show = sub.add_parser("show", help=str(gettext_lazy("show a KPI's benchmarks")))
        show.add_argument("--org", required=True)
        show.add_argument("--kpi", required=True)
        show.add_argument("--period")
        show.add_argument("--json", action="store_true")
        sub.add_parser(
            "demo", help=str(gettext_lazy("add six peer organisations to the demo (slug demo)"))
        )

    def handle(self, *args, **options):
        with translation.override(options["lang"]):
            getattr(self, "do_" + options["action"])(**options)

    def print_json(self, data) -> None:
        self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))

    def do_join(self, *, org, **_o):
        organisation = find_organisation(org)
        if join(organisation):
            self.stdout.write(
                _("%(org)s takes part in the peer groups.") % {"org": organisation.slug}
            )
        else:
            self.stdout.write(
                _("%(org)s already takes part in the peer groups.") % {"org": organisation.slug}
            )

    def do_leave(self, *, org, **_o):
        organisation = find_organisation(org)
        if leave(organisation):
            self.stdout.write(
                _("%(org)s no longer takes part; its values are out of every figure.")
                % {"org": organisation.slug}
            )
        else:
            self.stdout.write(
                _("%(org)s did not take part in the peer groups.") % {"org": organisation.slug}
            )

    def do_import(self, *, file, json, **_o):
        path = Path(file)
        try:
            if path.stat().st_size > MAX_FILE:
                raise CommandError(_("%(file)s is larger than 50 MB.") % {"file": file})
            data = path.read_bytes()
        except OSError:
            raise CommandError(_("Cannot read %(file)s.") % {"file": file}) from None
        reading = read_file(data, path.name)
        if not reading.ok:
            self.report_errors(reading, json)
        stored = store(reading)
        report = {
            "file": path.name,
            "figures": len(reading.rows),
            "new": stored.new,
            "replaced": stored.replaced,
            "catalogue_keys": sorted({row.catalogue_key for row in reading.rows}),
            "errors": [],
        }
        if json:
            self.print_json(report)
            return
        self.stdout.write(
            _("%(file)s: %(figures)s figures imported (%(new)s new, %(replaced)s replaced).")
            % report
        )

    def report_errors(self, reading, as_json: bool):
        errors = [
            {
                "row": error.row,
                "column": error.column,
                "code": error.code,
                "message": error.message(),
            }
            for error in reading.errors
        ]
        if as_json:
            self.print_json(
                {
                    "file": reading.file_name,
                    "figures": 0,
                    "new": 0,
                    "replaced": 0,
                    "catalogue_keys": [],
                    "errors": errors,
                }
            )
        lines = [item["message"] for item in errors]
        raise CommandError("\n".join([*lines, _("Nothing was imported.")]), returncode=1)

    def do_demo(self, **_o):
        organisation = find_organisation("demo")
        with transaction.atomic():
            added = add_peers(organisation)
        self.stdout.write(_("%(n)s peer organisations take part beside the demo.") % {"n": added})

    def do_show(self, *, org, kpi, period, json, **_o):
        organisation = find_organisation(org)
        found = KPI.objects.for_org(organisation).filter(code=kpi).first()
        if found is None:
            raise CommandError(_("There is no KPI '%(code)s'.") % {"code": kpi})
        try:
            shown_period = read_period(found, period)
        except PeriodError as error:
            raise CommandError(error.message()) from None
        benchmark = benchmark_for(found, shown_period)
        if json:
            self.print_json(benchmark.as_dict())
            return
        label = shown_period.label(translation.get_language()) if shown_period else "-"
        self.stdout.write(f"{found.code} – {found.name} ({label})")
        lines = sentences(benchmark)
        for line in lines:
            self.stdout.write("- " + line)
        if benchmark.everyone is None:
            self.stdout.write(_("Peer group: nothing to show (%(why)s).") % {"why": why(benchmark)})
        if not lines:
            self.stdout.write(_("No benchmark figures for this KPI."))


def why(benchmark) -> str:
    kpi = benchmark.kpi
    if not kpi.catalogue_key:
        return _("the KPI has no catalogue entry")
    if benchmark.period is None:
        return _("the KPI has no values yet")
    if benchmark.peers is None:
        return _(
            "the organisation does not take part, or the KPI is not on its catalogue definition"
        )
    return _("fewer than five organisations contribute")
