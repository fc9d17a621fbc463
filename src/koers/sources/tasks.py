"""Background jobs of the own-data pages: loading a confirmed upload, reading a table again
with other column types. Both recompute the KPIs the source feeds; the job page follows."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation
from django_tasks import task

from koers.jobs.models import running
from koers.sources.computing import cannot_compute, compute, source_computations
from koers.sources.errors import LoadError
from koers.sources.inspecting import discard
from koers.sources.loading import LoadResult, load_file
from koers.sources.models import DataSource, Kind, PendingLoad

BYTES_PER_LINE = 240  # an auditfile line takes about this much XML (for the progress bar)
STEPS = 2  # a table: read, computed


def _outcome(job, result: LoadResult, lang: str) -> None:
    if result.kind != Kind.XAF:
        job.advance(1, STEPS)
    computed = compute(source_computations(result.source), user=job.user)
    lines = []
    if result.unchanged:
        lines.append(translation.gettext("This file was loaded before; nothing changed."))
    else:
        lines.append(translation.gettext("%(rows)s rows read.") % {"rows": result.snapshot.rows})
    if result.replaced_year:
        lines.append(LoadError("year_replaced", year=result.replaced_year).message(lang))
    for warning in result.warnings:
        params = {k: v for k, v in warning.items() if k != "code"}
        lines.append(LoadError(warning["code"], **params).message(lang))
    lines += cannot_compute(result.source)
    written = sum(c.written for c in computed)
    lines.append(
        translation.gettext("%(kpis)s KPIs computed, %(n)s values changed.")
        % {"kpis": len(computed), "n": written}
    )
    url = reverse("source", args=[job.organisation.slug, result.source.pk])
    job.succeed({"url": url, "source": result.source.pk}, message=" ".join(lines))


@task()
def load_upload(job_id: int, pending_id: int, types: dict, confirm_company: bool, lang: str):
    """Load a confirmed upload into its source (the upload is removed once loaded)."""
    with running(job_id) as job, translation.override(lang):
        pending = PendingLoad.objects.get(pk=pending_id, organisation_id=job.organisation_id)
        path = pending.path()
        estimate = max(1, path.stat().st_size // BYTES_PER_LINE)
        job.advance(0, estimate if pending.kind == Kind.XAF else STEPS)

        def progress(lines: int) -> None:
            job.advance(lines, max(estimate, lines))

        try:
            result = load_file(
                job.organisation,
                path,
                name=pending.file_name,
                source_name=pending.source_name,
                types=types or None,
                confirm_company=confirm_company,
                progress=progress,
            )
        except LoadError as error:
            url = reverse("source_confirm", args=[job.organisation.slug, pending.pk])
            job.fail(error.message(lang), {"url": url})
            return
        discard(pending)
        _outcome(job, result, lang)


@task()
def retype(job_id: int, source_id: int, types: dict, lang: str):
    """Read a table source's newest file again with other column types."""
    with running(job_id) as job, translation.override(lang):
        source = DataSource.objects.get(pk=source_id, organisation_id=job.organisation_id)
        snapshot = source.snapshots.order_by("-loaded_at").first()
        job.advance(0, STEPS)
        url = reverse("source", args=[job.organisation.slug, source.pk])
        try:
            result = load_file(
                job.organisation,
                snapshot.original(),
                name=snapshot.file_name,
                source_name=source.name,
                types=types,
            )
        except LoadError as error:
            job.fail(error.message(lang), {"url": url})
            return
        _outcome(job, result, lang)
