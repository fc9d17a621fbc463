from django.urls import path

from . import views

urlpatterns = [
    path("reports/", views.reports, name="reports"),
    path("reports/<slug:slug>/", views.report, name="report"),
    path("reports/<slug:slug>/pdf/", views.report_pdf, name="report_pdf"),
    path("reports/<slug:slug>/xlsx/", views.report_xlsx, name="report_xlsx"),
    path("reports/<slug:slug>/pdf/full/", views.report_pdf_full, name="report_pdf_full"),
    path("reports/files/<int:pk>/", views.report_file, name="report_file"),
    path("reports/<slug:slug>/share/", views.report_shares, name="report_shares"),
    path(
        "reports/<slug:slug>/share/<int:pk>/revoke/",
        views.report_share_revoke,
        name="report_share_revoke",
    ),
    path("reports/<slug:slug>/boards/", views.board_links, name="board_links"),
    path(
        "reports/<slug:slug>/boards/<int:pk>/revoke/",
        views.board_link_revoke,
        name="board_link_revoke",
    ),
    path("benchmarks/", views.benchmarks, name="benchmarks"),
    path("benchmarks/<int:pk>/delete/", views.benchmark_delete, name="benchmark_delete"),
    path("subscriptions/", views.subscriptions, name="subscriptions"),
    path("subscriptions/<int:pk>/delete/", views.subscription_delete, name="subscription_delete"),
]
