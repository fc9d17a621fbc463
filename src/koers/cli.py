"""The `koers` console script: Django's manage.py with Koers' settings.

Every Django management command works (`koers migrate`,
`koers createsuperuser`, ...), plus Koers' own product commands
(`koers serve`, `koers demo`, `koers trend`, `koers import`, ...).
`koers help` lists them all; `koers help COMMAND` explains one.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "koers.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv if argv is not None else sys.argv)


if __name__ == "__main__":
    main()
