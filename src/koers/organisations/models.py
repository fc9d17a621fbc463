"""Organisations, their units in a tree, and who may do what.

The guidance text asks for KPIs tied to the company's vision, mission and core
competences, owned by teams in a hierarchy. An organisation holds those
texts; units form the tree (the company at the top); memberships and unit
roles say who reads, who enters data and who defines KPIs.
"""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import connection, models
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

RESERVED_SLUGS = {"admin", "api", "accounts", "static", "media", "i18n", "s", "r"}


@lru_cache(maxsize=8192)
def _reversed(urlconf: str, prefix: str, name: str, args: tuple) -> str:
    return reverse(name, urlconf=urlconf, args=args)


def page_url(name: str, *args) -> str:
    """``reverse(name, args=args)``, remembered: pages link hundreds of KPIs and units, and
    each ``reverse`` costs as much as rendering the link (the key holds the URLconf and the
    script prefix, so it answers what ``reverse`` would)."""
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    return _reversed(urlconf, get_script_prefix(), name, tuple(str(a) for a in args))


def validate_org_slug(value: str) -> None:
    if value in RESERVED_SLUGS:
        raise ValidationError(_("This short name is reserved; choose another."))


def scoped_to(queryset: models.QuerySet, organisation: Organisation) -> models.QuerySet:
    """``queryset`` filtered to ``organisation``, each row's ``organisation`` already set to it.

    Rows then build their links (``get_absolute_url`` uses the organisation's slug) without a
    query each, as rows fetched through ``organisation.units`` would: Django's related managers
    fill ``_known_related_objects`` the same way.
    """
    return with_known(queryset.filter(organisation=organisation), "organisation", [organisation])


def with_known(queryset: models.QuerySet, field: str, objects) -> models.QuerySet:
    """``queryset`` whose rows get their ``field`` (a foreign key) from ``objects`` already
    fetched, the way ``select_related`` would but without the join and a copy per row (the
    organisation page's 300 KPIs share its 30 units)."""
    queryset = queryset._chain()
    queryset._known_related_objects = {
        **queryset._known_related_objects,
        queryset.model._meta.get_field(field): {o.pk: o for o in objects},
    }
    return queryset


sbi_validator = RegexValidator(
    r"^[0-9]{2,5}$", _("An SBI code is 2 to 5 digits, for example 25 or 2562.")
)


class SizeClass(models.TextChoices):
    """Size classes by the number of employees (the EU's SME classes)."""

    MICRO = "micro", _("1–9 employees")
    SMALL = "small", _("10–49 employees")
    MEDIUM = "medium", _("50–249 employees")
    LARGE = "large", _("250 employees or more")


class OrganisationQuerySet(models.QuerySet):
    def for_user(self, user) -> OrganisationQuerySet:
        if not user.is_authenticated:
            return self.none()
        return self.filter(memberships__user=user).distinct()

    def found(self, name: str, slug: str, admin) -> Organisation:
        """A new organisation with its top unit (the company) and ``admin`` as administrator.

        Raises ``ValidationError`` for a name or short name the organisation may not have."""
        org = self.model(name=name, slug=slug)
        org.full_clean()
        org.save()
        Unit.objects.create(organisation=org, name=name, slug=slug, kind=Unit.Kind.COMPANY)
        Membership.objects.create(organisation=org, user=admin, role=Membership.Role.ADMIN)
        return org


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(
        _("short name"), max_length=60, unique=True, validators=[validate_org_slug]
    )
    vision = models.TextField(
        _("vision"), blank=True, help_text=_("Where the company wants to be in the long run.")
    )
    mission = models.TextField(
        _("mission"), blank=True, help_text=_("What the company does, for whom, and why.")
    )
    fiscal_year_start_month = models.PositiveSmallIntegerField(
        _("first month of the financial year"),
        default=1,
        choices=[(m, m) for m in range(1, 13)],
    )
    sector = models.CharField(
        _("sector (SBI code)"),
        max_length=5,
        blank=True,
        db_default="",  # rows written by code that predates the field (old migrations) get ""
        validators=[sbi_validator],
        help_text=_("As the chamber of commerce registers it; used to match benchmarks."),
    )
    size_class = models.CharField(
        _("size class"), max_length=10, blank=True, db_default="", choices=SizeClass.choices
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisation", args=[self.slug])

    def root_unit(self) -> Unit | None:
        return self.units.filter(parent=None).order_by("order", "name").first()


class CoreCompetence(models.Model):
    """A core competence (kerncompetentie): what the company is distinctly good at."""

    organisation = models.ForeignKey(
        Organisation,
        models.CASCADE,
        related_name="core_competences",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("core competence")
        verbose_name_plural = _("core competences")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    class Role(models.TextChoices):
        ADMIN = "admin", _("administrator")
        VIEWER = "viewer", _("viewer")

    organisation = models.ForeignKey(
        Organisation, models.CASCADE, related_name="memberships", verbose_name=_("organisation")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.VIEWER)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="one_membership_per_org")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation} ({self.role})"


class UnitQuerySet(models.QuerySet):
    def for_org(self, organisation: Organisation) -> UnitQuerySet:
        return scoped_to(self, organisation)

    def subtree_ids(self, unit: Unit) -> list[int]:
        """The unit and every unit below it, by a recursive query."""
        table = Unit._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                f"""
                WITH RECURSIVE tree(id) AS (
                    SELECT id FROM {table} WHERE id = %s
                    UNION ALL
                    SELECT u.id FROM {table} u JOIN tree t ON u.parent_id = t.id
                )
                SELECT id FROM tree
                """,
                [unit.pk],
            )
            return [row[0] for row in cursor.fetchall()]

    def subtree(self, unit: Unit) -> UnitQuerySet:
        return self.filter(pk__in=self.subtree_ids(unit))


class Unit(models.Model):
    """A business unit: the company itself, a department or a team.

    KPIs belong to units, never to people: the guidance text treats
    indicators as a team responsibility.
    """

    class Kind(models.TextChoices):
        COMPANY = "company", _("company")
        DEPARTMENT = "department", _("department")
        TEAM = "team", _("team")

    organisation = models.ForeignKey(
        Organisation, models.CASCADE, related_name="units", verbose_name=_("organisation")
    )
    parent = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=60)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.TEAM)
    purpose = models.TextField(_("purpose"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "slug"], name="unit_slug_unique_in_org")
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:60] or "unit"
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return page_url("unit", self.organisation.slug, self.slug)

    def ancestors(self) -> list[Unit]:
        """From the top of the tree down to this unit's parent."""
        chain: list[Unit] = []
        node = self.parent
        seen = {self.pk}
        while node is not None and node.pk not in seen:
            seen.add(node.pk)
            chain.append(node)
            node = node.parent
        return list(reversed(chain))

    def clean(self) -> None:
        if self.parent_id is None:
            return
        if self.parent.organisation_id != self.organisation_id:
            raise ValidationError({"parent": _("The parent unit belongs to another organisation.")})
        if self.pk and self.pk in {self.parent_id, *(a.pk for a in self.parent.ancestors())}:
            raise ValidationError({"parent": _("A unit cannot be placed under itself.")})


class UnitRole(models.Model):
    class Role(models.TextChoices):
        MANAGER = "manager", _("manager")
        MEMBER = "member", _("member")

    unit = models.ForeignKey(Unit, models.CASCADE, related_name="roles", verbose_name=_("unit"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="unit_roles",
        verbose_name=_("user"),
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)

    class Meta:
        verbose_name = _("unit role")
        verbose_name_plural = _("unit roles")
        constraints = [models.UniqueConstraint(fields=["unit", "user"], name="one_role_per_unit")]

    def __str__(self) -> str:
        return f"{self.user} – {self.unit} ({self.role})"


class Invitation(models.Model):
    """An e-mailed link to join an organisation (see :mod:`koers.organisations.invitations`).

    Adding a person never pulls in an existing account: the person follows the
    link and either makes a new account (choosing a user name and password) or
    logs in to their own. Only a hash of the link's token is stored.
    """

    organisation = models.ForeignKey(
        Organisation, models.CASCADE, related_name="invitations", verbose_name=_("organisation")
    )
    email = models.EmailField(_("e-mail address"))
    username = models.CharField(_("user name"), max_length=150, blank=True)
    first_name = models.CharField(_("first name"), max_length=150, blank=True)
    last_name = models.CharField(_("last name"), max_length=150, blank=True)
    role = models.CharField(
        _("role"), max_length=10, choices=Membership.Role.choices, default=Membership.Role.VIEWER
    )
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("valid until"))
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation}"
