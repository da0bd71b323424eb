from django.urls import path

from cchc.portal import views

app_name = "portal"

urlpatterns: list = [
    path("vneid/login/", views.vneid_login, name="vneid_login"),
    path("vneid/callback/", views.vneid_callback, name="vneid_callback"),
    path("dossiers/<str:code>/panel/", views.dossier_panel, name="dossier_panel"),
    path("dossiers/<str:code>/files/<int:file_id>/", views.inbound_file, name="inbound_file"),
]
