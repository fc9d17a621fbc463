"""The health check pages and the onboarding page."""

from .onboarding import onboarding, onboarding_round
from .overview import health, health_kpi, health_settings, health_unit
from .review import (
    review_goal_copy,
    review_goal_drop,
    review_goals,
    review_kpi_change,
    review_kpi_keep,
    review_kpi_retire,
    review_kpis,
    year_review,
)

__all__ = [
    "health",
    "health_unit",
    "health_kpi",
    "health_settings",
    "onboarding",
    "onboarding_round",
    "year_review",
    "review_goals",
    "review_goal_copy",
    "review_goal_drop",
    "review_kpis",
    "review_kpi_keep",
    "review_kpi_change",
    "review_kpi_retire",
]
