"""Report pages: the reports list, a report in HTML/PDF/Excel, subscriptions and links;
and the pages anyone with a share or board link may open."""

from .pages import (
    benchmark_delete,
    benchmarks,
    board_link_revoke,
    board_links,
    report,
    report_file,
    report_pdf,
    report_pdf_full,
    report_share_revoke,
    report_shares,
    report_xlsx,
    reports,
    subscription_delete,
    subscriptions,
)
from .public import board, shared_report, shared_report_pdf

__all__ = [
    "reports",
    "report",
    "report_pdf",
    "report_xlsx",
    "report_pdf_full",
    "report_file",
    "report_shares",
    "report_share_revoke",
    "board_links",
    "board_link_revoke",
    "benchmarks",
    "benchmark_delete",
    "subscriptions",
    "subscription_delete",
    "shared_report",
    "shared_report_pdf",
    "board",
]
