from django.urls import path

from . import views

urlpatterns = [
    path("data/", views.sources, name="sources"),
    path("data/load/", views.upload, name="source_upload"),
    path("data/load/<int:pk>/", views.confirm, name="source_confirm"),
    path("data/load/<int:pk>/cancel/", views.cancel, name="source_cancel"),
    path("data/<int:pk>/", views.source, name="source"),
    path("data/<int:pk>/types/", views.column_types, name="source_types"),
    path("data/<int:pk>/folder/", views.folder, name="source_folder"),
    path("data/<int:pk>/cost-centres/", views.cost_centres, name="source_cost_centres"),
    path("data/<int:pk>/mapping/", views.mapping, name="source_mapping"),
    path("data/<int:pk>/define/", views.define, name="source_define"),
    path("data/kpi/<str:code>/<str:period>/", views.computed_value, name="computed_value"),
]
