import secrets

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from koers.commands import KoersCommand
from koers.organisations.models import Organisation


class Command(KoersCommand):
    help = gettext_lazy(
        "Create a new organisation with its top unit and an administrator, then point to "
        "its getting-started page (/<short name>/onboarding/)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True, help=gettext_lazy("name of the organisation"))
        parser.add_argument(
            "--slug",
            required=True,
            help=gettext_lazy("short name used in its web addresses, e.g. 'acme'"),
        )
        parser.add_argument(
            "--admin",
            required=True,
            help=gettext_lazy("user name of its first administrator (an existing user)"),
        )
        parser.add_argument(
            "--create-user",
            action="store_true",
            help=gettext_lazy(
                "create the administrator when the user does not exist, with a random "
                "password that is printed once"
            ),
        )

    def handle(self, *args, name: str, slug: str, admin: str, create_user: bool, **options):
        if Organisation.objects.filter(slug=slug).exists():
            raise CommandError(
                _("An organisation with short name “%(slug)s” exists already.") % {"slug": slug}
            )
        User = get_user_model()
        user = User.objects.filter(username=admin).first()
        password = None
        with transaction.atomic():
            if user is None:
                if not create_user:
                    raise CommandError(
                        _("No user “%(name)s”. Create it first, or pass --create-user.")
                        % {"name": admin}
                    )
                password = secrets.token_urlsafe(12)
                user = User.objects.create_user(admin, password=password)
            try:
                org = Organisation.objects.found(name, slug, user)
            except ValidationError as error:
                raise CommandError("; ".join(error.messages)) from None
        self.stdout.write(
            _("Organisation “%(name)s” created; %(admin)s is its administrator.")
            % {"name": org.name, "admin": admin}
        )
        if password:
            self.stdout.write(
                _("Password of %(admin)s: %(password)s") % {"admin": admin, "password": password}
            )
        self.stdout.write(_("Get started at /%(slug)s/onboarding/") % {"slug": org.slug})
