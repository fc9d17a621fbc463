from django.core.management.base import CommandError
from django.utils.translation import gettext_lazy

from koers import catalogue
from koers.commands import KoersCommand
from koers.selection.listing import as_json, as_text


class Command(KoersCommand):
    help = gettext_lazy(
        "List the KPI catalogue: the example KPIs of the guidance text plus indicators Dutch "
        "SMEs often use, with definition, unit, direction, usual frequency and data source. "
        "--json writes one object per entry (key, name, definition, unit, direction, "
        "frequency, area, data_source, insight, ...)."
    )
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument(
            "--lang",
            choices=list(catalogue.LANGS),
            default="nl",
            help=gettext_lazy("language of the texts (default nl)"),
        )
        parser.add_argument(
            "--area",
            choices=list(catalogue.AREAS),
            help=gettext_lazy("only this functional area"),
        )
        parser.add_argument(
            "--json", action="store_true", help=gettext_lazy("write JSON instead of text")
        )

    def handle(self, *args, lang, area, json, **options):
        try:
            output = as_json(lang, area) if json else as_text(lang, area)
        except catalogue.CatalogueError as error:
            raise CommandError(error.message(lang)) from None
        self.stdout.write(output, ending="" if output.endswith("\n") else "\n")
