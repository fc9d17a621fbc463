from django.urls import path

from . import views

urlpatterns = [
    path("import/", views.import_upload, name="import"),
    path("import/<int:pk>/", views.import_preview, name="import_preview"),
    path("import/<int:pk>/confirm/", views.import_confirm, name="import_confirm"),
    path("import/<int:pk>/cancel/", views.import_cancel, name="import_cancel"),
    path("export/", views.export_page, name="export"),
    path("export/prepare/", views.export_prepare, name="export_prepare"),
    path("export/<int:pk>/", views.export_download, name="export_download"),
    path("export/<int:pk>/file/", views.export_file, name="export_file"),
    path("entry/", views.entry_choose, name="entry"),
    path("entry/<slug:unit>/<str:period>/", views.entry_grid, name="entry_grid"),
    path("entry/<slug:unit>/<str:period>/cell/", views.entry_cell, name="entry_cell"),
]
