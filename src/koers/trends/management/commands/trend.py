"""`koers trend`: the pure trend CLI (koers.trendengine.cli) behind the product's console script.

Arguments pass through untouched, so `koers trend` behaves exactly like
`python -m koers.trendengine.cli`; `koers help trend` prints that CLI's own help.
"""

import argparse
import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext_lazy

from koers.trendengine.cli import main


class Command(BaseCommand):
    help = gettext_lazy(
        "Judge the trend of a series read from a file or standard input (one number per line, "
        "or CSV with a value column; Dutch decimal commas accepted): XmR limits and signals, "
        "Mann-Kendall drift, Sen's slope and a change point. --json prints one JSON object; "
        "--batch reads long CSV (series,period,value) and prints one object per line."
    )
    requires_system_checks = []
    requires_migrations_checks = False

    def run_from_argv(self, argv):
        """`koers trend ARGS…`: hand ARGS to the pure CLI as they are."""
        sys.exit(main(argv[2:]))

    def print_help(self, prog_name, subcommand):
        main(["--help"])

    def create_parser(self, prog_name, subcommand, **kwargs):
        """For call_command: keep every argument as given, for the pure CLI to read."""
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.add_argument("argv", nargs="*", help=gettext_lazy("arguments of the trend CLI"))

        def parse_args(args=None, namespace=None):
            return argparse.Namespace(
                argv=[str(a) for a in (args or [])],
                verbosity=1,
                settings=None,
                pythonpath=None,
                traceback=False,
                no_color=False,
                force_color=False,
                skip_checks=True,
            )

        parser.parse_args = parse_args
        return parser

    def handle(self, *args, **options):
        argv = list(options.get("argv") or []) or list(args)
        code = main(argv, stdout=self.stdout._out, stderr=self.stderr._out)
        if code:
            raise CommandError(f"koers trend: exit status {code}", returncode=code)
