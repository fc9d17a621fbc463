import json
from itertools import islice
from pathlib import Path

from django.core.management.base import CommandError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from koers.commands import KoersCommand
from koers.dataentry.commandline import find_organisation, find_user
from koers.dataentry.importing import apply_file_plan, plan_file
from koers.dataentry.plan import summary_text
from koers.dataentry.tables import TableError
from koers.kpis.models import KPI
from koers.numbers import format_number

SHOWN_ERRORS = 10  # error lines written before "… and 2,199,990 more"


class Command(KoersCommand):
    help = gettext_lazy(
        "Import measurements from a CSV or Excel (.xlsx) file. Every row is checked first; "
        "when any row is wrong, every error is listed (row, column, text, why), nothing is "
        "written and the exit code is 1. Otherwise everything is written in one transaction "
        "and a summary is printed ('12 nieuw, 3 gewijzigd, 40 ongewijzigd, 2 leeg'). "
        "Layouts: long (columns KPI, period, value, optional comment), wide (a period column "
        "and one column per KPI headed by its code or name) or, with --kpi, a period and a "
        "value column. Without --user the import acts as the organisation's first "
        "administrator (by user name). The history records source 'import' and the file name. "
        "Importing the same file again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help=gettext_lazy("the CSV or .xlsx file to import"))
        parser.add_argument(
            "--org", help=gettext_lazy("organisation slug; may be omitted if there is only one")
        )
        parser.add_argument(
            "--user",
            help=gettext_lazy(
                "user name to import as (their rights apply); default: the organisation's "
                "first administrator"
            ),
        )
        parser.add_argument(
            "--kpi", help=gettext_lazy("KPI code, for a file with only a period and a value column")
        )
        parser.add_argument(
            "--sheet", help=gettext_lazy("name of the Excel sheet to read (default: the first)")
        )
        parser.add_argument(
            "--decimal",
            choices=[",", "."],
            help=gettext_lazy(
                "decimal separator, for numbers like 1.234 that can be read two ways"
            ),
        )
        parser.add_argument(
            "--confirm",
            action="store_true",
            help=gettext_lazy(
                "also write values that look implausible (far outside their usual range, a "
                "jump, a period not over yet); without it they are listed and nothing is written"
            ),
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=gettext_lazy("check and report, but write nothing"),
        )
        parser.add_argument(
            "--json", action="store_true", help=gettext_lazy("print a machine-readable report")
        )
        parser.add_argument(
            "--lang", choices=["nl", "en"], default="nl", help=gettext_lazy("report language")
        )

    def handle(self, *args, **options):
        lang = options["lang"]
        with translation.override(lang):
            code = self.run(**options)
        if code:
            raise SystemExit(code)

    def run(self, *, file, org, user, kpi, sheet, decimal, dry_run, json, lang, confirm, **options):
        as_json = json
        path = Path(file)
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(
                _("Cannot read %(file)s: %(error)s") % {"file": file, "error": error.strerror}
            ) from None
        organisation = find_organisation(org)
        user_obj, access = find_user(organisation, user)
        fixed = None
        if kpi:
            fixed = KPI.objects.for_org(organisation).filter(code=kpi).first()
            if fixed is None:
                raise CommandError(_("There is no KPI with code '%(code)s'.") % {"code": kpi})
        try:
            result = plan_file(
                organisation,
                data,
                path.name,
                access=access,
                kpi=fixed,
                sheet=sheet,
                decimal=decimal,
                confirm=confirm,
            )
        except TableError as error:
            if as_json:
                self.print_json({"ok": False, "file_error": error.message(lang), "errors": []})
                return 1
            self.stderr.write(error.message(lang))
            return 1
        plan = result.plan
        if not plan.ok:
            if as_json:
                self.print_json({**plan.as_dict(lang), "written": False, "layout": result.layout})
            else:
                self.write_problems(plan, lang)
            return 1
        written = False
        if not dry_run:
            apply_file_plan(plan, user=user_obj, filename=path.name)
            written = True
        if as_json:
            self.print_json({**plan.as_dict(lang), "written": written, "layout": result.layout})
        else:
            line = summary_text(plan.counts, lang)
            if dry_run:
                line = _("Dry run, nothing written: %(summary)s") % {"summary": line}
            self.stdout.write(line)
        return 0

    def write_problems(self, plan, lang: str) -> None:
        """The first SHOWN_ERRORS errors (then plausibility warnings), one line each, then how
        many more; never millions."""
        problems = plan.errors + plan.warnings
        for error in islice(problems, SHOWN_ERRORS):
            self.stderr.write(error.message(lang))
        hidden = plan.error_count + len(plan.warnings) - min(SHOWN_ERRORS, len(problems))
        if hidden > 0:
            self.stderr.write(
                ngettext("… and %(n)s more", "… and %(n)s more", hidden)
                % {"n": format_number(hidden, 0, lang)}
            )
        if plan.forbidden:
            self.stderr.write(plan.forbidden_message(lang))
        n = plan.error_count + len(plan.warnings) + bool(plan.forbidden)
        if plan.needs_confirmation:
            self.stderr.write(_("Check these values; to import them anyway, add --confirm."))
        self.stderr.write(
            ngettext(
                "%(n)s problem; nothing was imported.",
                "%(n)s problems; nothing was imported.",
                n,
            )
            % {"n": format_number(n, 0, lang)}
        )

    def print_json(self, report):
        self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))
