"""The CLI documentation must not drift from the code (the datasette way)."""

import re
from pathlib import Path

from django.core.management import get_commands, load_command_class
from django.test import SimpleTestCase

DOCS = Path(__file__).resolve().parents[3] / "docs" / "cli.md"


def product_commands() -> dict[str, object]:
    commands = {}
    for name, app in get_commands().items():
        if app.startswith("koers"):
            commands[name] = load_command_class(app, name)
    return commands


def sections() -> dict[str, str]:
    text = DOCS.read_text()
    parts = re.split(r"^## koers ([\w-]+)\s*$", text, flags=re.M)
    return {parts[i]: parts[i + 1] for i in range(1, len(parts), 2)}


def own_options(command, name: str) -> list[str]:
    parser = command.create_parser("koers", name)
    base = load_command_class("django.core", "check").create_parser("koers", "check")
    common = {opt for action in base._actions for opt in action.option_strings}
    common.add("--skip-checks")
    found = []
    for action in parser._actions:
        long = [o for o in action.option_strings if o.startswith("--")]
        if long and not set(action.option_strings) & common:
            found.append(long[0])
    return found


class CLIDocsTestCase(SimpleTestCase):
    def test_it_documents_every_product_command(self):
        documented = sections()
        missing = sorted(set(product_commands()) - set(documented))
        self.assertEqual(missing, [], f"commands without a section in {DOCS.name}")

    def test_it_documents_every_option(self):
        documented = sections()
        for name, command in product_commands().items():
            if name not in documented or name == "trend":
                # `koers trend` hands its arguments to the pure CLI in koers.trendengine.cli.
                continue
            for option in own_options(command, name):
                self.assertIn(f"`{option}", documented[name], f"koers {name} {option}")

    def test_it_gives_every_product_command_a_help_text(self):
        for name, command in product_commands().items():
            self.assertGreater(len(str(command.help)), 20, name)

    def test_it_documents_no_command_that_does_not_exist(self):
        self.assertEqual(sorted(set(sections()) - set(product_commands())), [])


class CLIHelpTestCase(SimpleTestCase):
    def test_it_renders_the_help_of_every_product_command(self):
        import io
        from contextlib import redirect_stdout

        for name, command in product_commands().items():
            buffer = io.StringIO()
            with redirect_stdout(buffer):
                command.print_help("koers", name)
            self.assertIn("usage: koers", buffer.getvalue(), name)
