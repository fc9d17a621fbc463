"""Background jobs of the import page: check an uploaded file, write a confirmed one."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from koers.jobs.models import running
from koers.organisations.access import Access

from .importing import apply_batch, check_batch
from .models import ImportBatch


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
def apply_import(job_id: int, batch_id: int, lang: str) -> None:
    with running(job_id) as job, translation.override(lang):
        batch, access = _batch_access(batch_id)
        job.advance(0, batch.result.get("rows") or None)
        applied, plan = apply_batch(batch_id, access, batch.user)
        if applied:
            summary = plan.summary(lang)
            job.succeed({"url": _url(batch)}, _("Imported: %(summary)s.") % {"summary": summary})
        else:
            job.fail(_("The file can no longer be imported as it is; nothing was saved."))
