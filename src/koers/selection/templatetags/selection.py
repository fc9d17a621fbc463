"""Template filters for selection rounds."""

from django import template

from koers.selection.models import CRITERIA_LABELS

register = template.Library()


@register.filter
def get(mapping, key):
    """mapping[key], or None."""
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.filter
def criterion_label(key: str) -> str:
    return str(CRITERIA_LABELS.get(key, key))
