"""The organisation page, its units and competences, and its people."""

from .people import invitation, membership_active, membership_remove, membership_role, person_add
from .structure import (
    competence_create,
    competence_delete,
    competence_edit,
    home,
    organisation,
    organisation_edit,
    people,
    unit_create,
    unit_delete,
    unit_edit,
    unit_role_add,
    unit_role_delete,
)

__all__ = [
    "home",
    "organisation",
    "organisation_edit",
    "competence_create",
    "competence_edit",
    "competence_delete",
    "unit_create",
    "unit_edit",
    "unit_delete",
    "people",
    "unit_role_add",
    "unit_role_delete",
    "person_add",
    "membership_role",
    "membership_remove",
    "membership_active",
    "invitation",
]
