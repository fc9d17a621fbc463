from django.urls import path

from . import public_views

urlpatterns = [
    path("board/<str:token>/", public_views.board, name="board"),
    path("<str:token>/", public_views.shared_report, name="shared_report"),
    path("<str:token>/pdf/", public_views.shared_report_pdf, name="shared_report_pdf"),
]
