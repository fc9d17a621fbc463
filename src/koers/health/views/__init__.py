"""The health check pages and the onboarding page."""

from .onboarding import onboarding, onboarding_round
from .overview import health, health_kpi, health_settings, health_unit

__all__ = [
    "health",
    "health_unit",
    "health_kpi",
    "health_settings",
    "onboarding",
    "onboarding_round",
]
