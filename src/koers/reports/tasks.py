"""Reports rendered in the background: the full edition's PDF (a chart per KPI) takes longer
than a page should wait, so ``koers worker`` renders it and the job page says when it is ready.

The file is kept in the data directory (``MEDIA_ROOT/reports/``) under a random name; only
who started the job (or an admin) downloads it (``views.report_file``).
"""

from __future__ import annotations

import secrets
from datetime import date
from pathlib import Path

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from koers.jobs.models import running
from koers.organisations.models import Unit

from . import render as renderers
from .content import build_report

KIND = "report-pdf"


def report_dir() -> Path:
    folder = Path(settings.MEDIA_ROOT) / "reports"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def stored_file(job) -> Path | None:
    """The rendered file of a finished report job, or None (not ready, or removed)."""
    name = (job.result or {}).get("file", "")
    if not name or "/" in name or job.kind != KIND:
        return None
    path = report_dir() / name
    return path if path.is_file() else None


@task()
def render_report(
    job_id: int, unit_id: int, period: str, group: str, lang: str, today: str, edition: str
) -> None:
    """Build and render one report as PDF; the job's result names the file and its address."""
    with running(job_id) as job:
        unit = Unit.objects.for_org(job.organisation).get(pk=unit_id)
        job.advance(0, 2)
        report = build_report(
            job.organisation, unit, period, group, lang, date.fromisoformat(today), edition
        )
        job.advance(1, 2)
        data = renderers.render_pdf(report)
        name = f"{job.pk}-{secrets.token_hex(8)}.pdf"
        path = report_dir() / name
        path.write_bytes(data)
        path.chmod(0o600)
        with translation.override(lang):
            message = _("The report is ready: %(title)s.") % {"title": report.title}
        job.succeed(
            {
                "file": name,
                "filename": renderers.filename(report, "pdf"),
                "url": reverse("report_file", args=[job.organisation.slug, job.pk]),
                "pages_kib": len(data) // 1024,
            },
            message=message,
        )
