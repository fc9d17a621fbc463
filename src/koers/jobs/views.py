"""A background job's progress: a page that refreshes itself until the job is finished."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render

from koers.organisations.access import get_access

from .models import Job


def job(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    access = get_access(request, org)
    found = get_object_or_404(Job, organisation=access.organisation, pk=pk)
    access.require(found.user_id == request.user.pk or access.is_admin)
    if "json" in request.headers.get("Accept", ""):
        return JsonResponse(
            {
                "id": found.pk,
                "kind": found.kind,
                "status": found.status,
                "done": found.done,
                "total": found.total,
                "percent": found.percent,
                "message": found.message,
                "result": found.result,
            }
        )
    template = "jobs/progress.html" if request.headers.get("HX-Request") else "jobs/job.html"
    return render(request, template, {"job": found})
