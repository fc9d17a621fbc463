import json
import sys
from pathlib import Path

from django.core.management.base import CommandError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from koers.commands import KoersCommand
from koers.computation.definitions import parse_toml
from koers.computation.errors import DefinitionError
from koers.dataentry.commandline import find_organisation
from koers.organisations.models import Unit
from koers.sources.computing import (
    cannot_compute,
    computable,
    compute,
    create_standard_kpis,
    source_computations,
)
from koers.sources.defining import save_definitions
from koers.sources.errors import LoadError
from koers.sources.loading import load_file
from koers.sources.models import Computation, DataSource
from koers.sources.refreshing import load_folder, refresh_all


class Command(KoersCommand):
    help = gettext_lazy(
        "The company's own data: 'load' reads an auditfile (XAF), a CSV or Excel export into "
        "a source and recomputes the KPIs it feeds; 'define' creates or updates computed KPIs "
        "from a TOML file; 'compute' recomputes them; 'refresh' re-reads sources configured "
        "as a folder (newest file wins); 'list' shows the sources. Bad input: a message "
        "naming file, row and column, nothing changed, exit code 1."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--lang", choices=["nl", "en"], default="nl", help=gettext_lazy("language")
        )
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser("load", help=str(gettext_lazy("load a file into a source")))
        load.add_argument("file")
        load.add_argument("--org")
        load.add_argument("--source")
        load.add_argument("--create-kpis", action="store_true")
        load.add_argument("--unit")
        load.add_argument("--json", action="store_true")
        load.add_argument("--yes", action="store_true")
        define = sub.add_parser("define", help=str(gettext_lazy("define computed KPIs")))
        define.add_argument("file")
        define.add_argument("--org")
        comp = sub.add_parser("compute", help=str(gettext_lazy("recompute computed KPIs")))
        comp.add_argument("--org")
        comp.add_argument("--kpi")
        sub.add_parser("refresh", help=str(gettext_lazy("re-read folder sources")))
        lst = sub.add_parser("list", help=str(gettext_lazy("list the sources")))
        lst.add_argument("--org")
        lst.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        lang = options["lang"]
        with translation.override(lang):
            try:
                getattr(self, "do_" + options["action"])(**options)
            except (LoadError, DefinitionError) as error:
                raise CommandError(error.message(lang)) from None

    def progress(self, n: int) -> None:
        if sys.stderr.isatty():
            self.stderr.write(_("%(n)s lines read") % {"n": f"{n:,}".replace(",", ".")})

    def do_load(self, *, file, org, source, create_kpis, unit, json, yes, lang, **_o):
        path = Path(file)
        if not path.is_file() and not path.is_dir():
            raise CommandError(_("Cannot read %(file)s.") % {"file": file})
        organisation = find_organisation(org)
        top = organisation.root_unit()
        if unit:
            top = Unit.objects.for_org(organisation).filter(slug=unit).first()
            if top is None:
                raise CommandError(_("There is no unit '%(slug)s'.") % {"slug": unit})
        options = {"source_name": source, "confirm_company": yes, "progress": self.progress}
        if path.is_dir():
            result = load_folder(organisation, path.resolve(), **options)
        else:
            result = load_file(organisation, path, **options)
        src = result.source
        if create_kpis:
            create_standard_kpis(src, top, lang)
        computed = {c.kpi.pk: c for c in compute(source_computations(src))}
        report = {
            "source": src.name,
            "kind": result.kind,
            "rows": result.snapshot.rows,
            "from": _iso(result.snapshot.date_from),
            "to": _iso(result.snapshot.date_to),
            "computable": computable(src),
            "kpis": [
                {"code": c.kpi.code, "catalogue_key": c.kpi.catalogue_key, "values": c.values}
                for c in computed.values()
            ],
        }
        if json:
            self.print_json(report)
            return
        for warning in result.warnings:
            self.stderr.write(LoadError(warning["code"], **_params(warning)).message(lang))
        for line in cannot_compute(src):
            self.stderr.write(line)
        if result.unchanged:
            self.stdout.write(_("%(file)s was loaded before; nothing changed.") % {"file": file})
        else:
            self.stdout.write(
                _("%(source)s: %(rows)s rows read (%(from)s – %(to)s).")
                % {"source": src.name, "rows": report["rows"], **_span(report)}
            )
        for item in computed.values():
            self.stdout.write(
                _("%(code)s: %(values)s values, %(written)s changed")
                % {"code": item.kpi.code, "values": item.values, "written": item.written}
            )

    def print_json(self, data) -> None:
        self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))

    def do_define(self, *, file, org, **_o):
        path = Path(file)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            raise CommandError(_("Cannot read %(file)s.") % {"file": file}) from None
        organisation = find_organisation(org)
        computations = save_definitions(organisation, parse_toml(text, path.name))
        for item in compute(computations):
            self.stdout.write(
                _("%(code)s: %(values)s values, %(written)s changed")
                % {"code": item.kpi.code, "values": item.values, "written": item.written}
            )

    def do_compute(self, *, org, kpi, **_o):
        organisation = find_organisation(org)
        items = Computation.objects.filter(organisation=organisation).select_related(
            "kpi", "source"
        )
        if kpi:
            items = items.filter(kpi__code=kpi)
            if not items.exists():
                raise CommandError(_("There is no computed KPI '%(code)s'.") % {"code": kpi})
        for item in compute(list(items)):
            self.stdout.write(
                _("%(code)s: %(values)s values, %(written)s changed")
                % {"code": item.kpi.code, "values": item.values, "written": item.written}
            )

    def do_refresh(self, **_o):
        for line in refresh_all():
            self.stdout.write(line)

    def do_list(self, *, org, json, **_o):
        organisation = find_organisation(org)
        rows = []
        for src in DataSource.objects.for_org(organisation).prefetch_related("snapshots"):
            snaps = list(src.snapshots.all())
            rows.append(
                {
                    "source": src.name,
                    "kind": src.kind,
                    "files": [s.file_name for s in snaps],
                    "rows": sum(s.rows for s in snaps),
                    "from": _iso(min((s.date_from for s in snaps if s.date_from), default=None)),
                    "to": _iso(max((s.date_to for s in snaps if s.date_to), default=None)),
                    "kpis": list(src.computations.values_list("kpi__code", flat=True)),
                    "folder": src.folder,
                }
            )
        if json:
            self.print_json(rows)
            return
        if not rows:
            self.stdout.write(_("No sources yet."))
        for row in rows:
            self.stdout.write(
                f"{row['source']} ({row['kind']}): {row['rows']} "
                + _("rows")
                + f", {row['from'] or '-'} – {row['to'] or '-'}; KPIs: "
                + (", ".join(row["kpis"]) or "-")
            )


def _iso(day) -> str | None:
    return day.isoformat() if day else None


def _span(report) -> dict:
    return {"from": report["from"] or "-", "to": report["to"] or "-"}


def _params(warning: dict) -> dict:
    return {k: v for k, v in warning.items() if k != "code"}
