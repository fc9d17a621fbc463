"""Pure trend engine for KPI series: XmR limits and signals, Mann-Kendall, Sen, Pettitt.

No Django here. ``analyse`` handles one series; ``analyse_batch`` many at once (vectorised).
"""

from ._errors import TrendError
from .engine import RULES, Analysis, BatchResult, analyse, analyse_batch

__all__ = ["RULES", "Analysis", "BatchResult", "TrendError", "analyse", "analyse_batch"]
