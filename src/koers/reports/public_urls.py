from django.urls import path

from . import views

urlpatterns = [
    path("board/<str:token>/", views.board, name="board"),
    path("<str:token>/", views.shared_report, name="shared_report"),
    path("<str:token>/pdf/", views.shared_report_pdf, name="shared_report_pdf"),
]
