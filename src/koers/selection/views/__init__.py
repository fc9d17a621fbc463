"""Selection rounds: proposing, scoring and deciding; the catalogue; stakeholder links."""

from .catalogue import catalogue_kpi, catalogue_page, catalogue_propose
from .decide import candidate_merge, candidate_reject, candidate_select
from .links import link_activate, link_create, link_deactivate, link_list
from .public import public_propose, public_round, public_score
from .round import (
    candidate_delete,
    candidate_propose,
    candidate_score,
    round_close,
    round_create,
    round_detail,
    round_edit,
    round_list,
    round_outcome,
    round_to_deciding,
    round_to_scoring,
    round_weights,
)

__all__ = [
    "round_list",
    "round_create",
    "round_edit",
    "round_detail",
    "round_outcome",
    "round_weights",
    "round_to_scoring",
    "round_to_deciding",
    "round_close",
    "candidate_propose",
    "candidate_delete",
    "candidate_score",
    "catalogue_page",
    "catalogue_propose",
    "catalogue_kpi",
    "candidate_select",
    "candidate_merge",
    "candidate_reject",
    "link_list",
    "link_create",
    "link_deactivate",
    "link_activate",
    "public_round",
    "public_propose",
    "public_score",
]
