from django.urls import path

from . import views

urlpatterns = [
    path("meetings/", views.meeting_list, name="meetings"),
    path("meetings/new/", views.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/delete/", views.meeting_delete, name="meeting_delete"),
    path("meetings/<int:pk>/agenda/add/", views.agenda_add, name="agenda_add"),
    path("meetings/<int:pk>/agenda/refresh/", views.agenda_refresh, name="agenda_refresh"),
    path(
        "meetings/<int:pk>/agenda/<int:item>/<str:direction>/",
        views.agenda_move,
        name="agenda_move",
    ),
    path("meetings/<int:pk>/start/", views.meeting_start, name="meeting_start"),
    path("meetings/<int:pk>/present/<int:n>/", views.present, name="meeting_present"),
    path("meetings/<int:pk>/items/<int:item>/notes/", views.item_notes, name="item_notes"),
    path("meetings/<int:pk>/items/<int:item>/action/", views.item_action, name="item_action"),
    path("meetings/<int:pk>/close/", views.meeting_close, name="meeting_close"),
    path("meetings/<int:pk>/minutes/", views.minutes, name="meeting_minutes"),
    path("meetings/<int:pk>/minutes/send/", views.minutes_send, name="minutes_send"),
    path("actions/", views.action_list, name="actions"),
    path("actions/new/", views.action_create, name="action_create"),
    path("actions/<int:pk>/", views.action_detail, name="action"),
    path("actions/<int:pk>/edit/", views.action_edit, name="action_edit"),
    path("actions/<int:pk>/status/", views.action_status, name="action_status"),
]
