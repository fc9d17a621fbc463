"""URLs. Organisation pages live under /<org-slug>/; each app adds its own there."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from koers.organisations import views as org_views

urlpatterns = [
    path("", org_views.home, name="home"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(template_name="registration/login.html"),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/", include("koers.organisations.account_urls")),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("admin/", admin.site.urls),
    path("api/", include("koers.api.urls")),
    path("s/", include("koers.selection.public_urls")),
    path("r/", include("koers.reports.public_urls")),
    path("<slug:org>/", include("koers.organisations.urls")),
    path("<slug:org>/", include("koers.goals.urls")),
    path("<slug:org>/", include("koers.kpis.urls")),
    path("<slug:org>/", include("koers.trends.urls")),
    path("<slug:org>/", include("koers.dataentry.urls")),
    path("<slug:org>/", include("koers.selection.urls")),
    path("<slug:org>/", include("koers.meetings.urls")),
    path("<slug:org>/", include("koers.reports.urls")),
    path("<slug:org>/", include("koers.health.urls")),
    path("<slug:org>/", include("koers.sources.urls")),
    path("<slug:org>/", include("koers.benchmarks.urls")),
    path("<slug:org>/", include("koers.api.org_urls")),
    path("<slug:org>/", include("koers.jobs.urls")),
]
