import json as jsonlib

from django.core.management.base import CommandError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from koers.commands import KoersCommand
from koers.health.checks import CHECKS, health_report
from koers.organisations.models import Organisation, Unit

MARKS = {True: "✓", False: "✗", None: "–"}


class Command(KoersCommand):
    help = gettext_lazy(
        "Check every KPI against the guidance text (annual goal, mission or core competence, "
        "team indicator, definition, data source, up to date, trend, improvement action, "
        "focus) and say what to fix. Without --org: every organisation."
    )

    def add_arguments(self, parser):
        parser.add_argument("--org", help=gettext_lazy("short name (slug) of the organisation"))
        parser.add_argument(
            "--unit", help=gettext_lazy("short name (slug) of one unit; needs --org")
        )
        parser.add_argument(
            "--json",
            action="store_true",
            help=gettext_lazy(
                "print JSON: a list with, per KPI, its code and checks (check, ok, message)"
            ),
        )
        parser.add_argument(
            "--lang", choices=["nl", "en"], default="nl", help=gettext_lazy("language")
        )

    def handle(self, *args, org, unit, json: bool, lang: str, **options):
        with translation.override(lang):
            rows = self._rows(org, unit)
            if json:
                self.stdout.write(jsonlib.dumps(rows, ensure_ascii=False, indent=2))
            else:
                self._print(rows)

    def _rows(self, org_slug, unit_slug) -> list[dict]:
        if unit_slug and not org_slug:
            raise CommandError(_("--unit needs --org."))
        orgs = Organisation.objects.all()
        if org_slug:
            orgs = orgs.filter(slug=org_slug)
            if not orgs:
                raise CommandError(
                    _("No organisation with short name “%(slug)s”.") % {"slug": org_slug}
                )
        rows = []
        for organisation in orgs:
            unit = None
            if unit_slug:
                unit = Unit.objects.for_org(organisation).filter(slug=unit_slug).first()
                if unit is None:
                    raise CommandError(
                        _("No unit with short name “%(slug)s”.") % {"slug": unit_slug}
                    )
            for kpi, checks in health_report(organisation, unit):
                rows.append(
                    {
                        "organisation": organisation.slug,
                        "code": kpi.code,
                        "name": kpi.name,
                        "unit": kpi.unit.slug,
                        "checks": [c.as_dict() for c in checks],
                    }
                )
        return rows

    def _print(self, rows: list[dict]) -> None:
        if not rows:
            self.stdout.write(_("No KPIs to check."))
            return
        failing = 0
        self.stdout.write(_("Checks, in column order: %(checks)s") % {"checks": " ".join(CHECKS)})
        for row in rows:
            marks = " ".join(MARKS[c["ok"]] for c in row["checks"])
            self.stdout.write(f"{row['organisation']}/{row['code']}  {marks}  {row['name']}")
            for check in row["checks"]:
                if check["ok"] is not True:
                    failing += check["ok"] is False
                    self.stdout.write(
                        f"    {MARKS[check['ok']]} {check['check']}: {check['message']}"
                    )
        self.stdout.write(
            _(
                "%(kpis)s KPIs checked, %(fails)s points to fix (✓ passes, ✗ to fix, – not yet "
                "checkable)."
            )
            % {"kpis": len(rows), "fails": failing}
        )
