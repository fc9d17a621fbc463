"""The import's view of the write path: ``koers.kpis.plan`` checks a batch of values and
``apply_plan`` writes it. The plan lives in the kpis app because every way a value comes in
(form, grid, import, API) goes through it; imports use it from here."""

from koers.kpis.plan import (
    NOT_CHECKED,
    Plan,
    PlannedChange,
    PlanNotOk,
    RowError,
    RowInput,
    apply_plan,
    make_plan,
    summary_text,
)

__all__ = [
    "NOT_CHECKED",
    "Plan",
    "PlanNotOk",
    "PlannedChange",
    "RowError",
    "RowInput",
    "apply_plan",
    "make_plan",
    "summary_text",
]
