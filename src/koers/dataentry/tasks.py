"""Background jobs of the import and export pages: check an uploaded file, write a
confirmed one, prepare a large export."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from koers.jobs.models import running
from koers.organisations.access import Access
from koers.organisations.models import Unit

from . import export
from .importing import apply_batch, check_batch
from .models import Download, ImportBatch


def _batch_access(batch_id: int) -> tuple[ImportBatch, Access]:
    batch = ImportBatch.objects.select_related("organisation", "user").get(pk=batch_id)
    access = Access.for_user(batch.user, batch.organisation)
    if access is None:
        raise PermissionError(_("You are no longer a member of this organisation."))
    return batch, access


def _url(batch: ImportBatch) -> str:
    return reverse("import_preview", args=[batch.organisation.slug, batch.pk])


@task()
def check_import(job_id: int, batch_id: int, lang: str) -> None:
    with running(job_id) as job, translation.override(lang):
        batch, access = _batch_access(batch_id)
        check_batch(batch_id, access, progress=job.advance)
        job.succeed({"url": _url(batch)}, _("The file has been checked."))


@task()
def apply_import(job_id: int, batch_id: int, lang: str, confirm: bool = False) -> None:
    with running(job_id) as job, translation.override(lang):
        batch, access = _batch_access(batch_id)
        job.advance(0, batch.result.get("rows") or None)
        applied, plan = apply_batch(batch_id, access, batch.user, confirm)
        if applied:
            summary = plan.summary(lang)
            job.succeed({"url": _url(batch)}, _("Imported: %(summary)s.") % {"summary": summary})
        else:
            job.fail(_("The file can no longer be imported as it is; nothing was saved."))


@task()
def prepare_export(job_id: int, download_id: int, lang: str) -> None:
    """Write the export a ``Download`` describes (``options``: codes, unit, format, layout,
    lang) into it; the job's result links to the file."""
    with running(job_id) as job, translation.override(lang):
        download = Download.objects.select_related("organisation").get(pk=download_id)
        options, organisation = download.options, download.organisation
        unit = Unit.objects.filter(organisation=organisation, slug=options.get("unit")).first()
        kpis = export.select_kpis(organisation, codes=options.get("codes", []), unit=unit)
        result = export.write(
            kpis, fmt=options["format"], layout=options["layout"], lang=options["lang"]
        )
        download.data, download.content_type = result.data, result.content_type
        download.save(update_fields=["data", "content_type"])
        url = reverse("export_file", args=[organisation.slug, download.pk])
        job.succeed({"url": url}, _("%(file)s is ready.") % {"file": download.filename})
