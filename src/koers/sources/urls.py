from django.urls import path

from . import views

urlpatterns = [
    path("data/", views.sources, name="sources"),
    path("data/load/", views.upload, name="source_upload"),
    path("data/<int:pk>/", views.source, name="source"),
    path("data/<int:pk>/mapping/", views.mapping, name="source_mapping"),
    path("data/<int:pk>/define/", views.define, name="source_define"),
    path("data/kpi/<str:code>/<str:period>/", views.computed_value, name="computed_value"),
]
