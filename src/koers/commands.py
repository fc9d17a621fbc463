"""The base of Koers' product commands (`koers demo`, `koers import`, ...)."""

from django.core.management.base import BaseCommand


class KoersCommand(BaseCommand):
    """A management command whose translated help text is shown in the user's language.

    Help texts are lazy translations; argparse cannot wrap a lazy string, so
    it is turned into a plain one when the parser is built.
    """

    def create_parser(self, prog_name, subcommand, **kwargs):
        self.help = str(self.help)
        return super().create_parser(prog_name, subcommand, **kwargs)
