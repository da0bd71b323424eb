from django.urls import path

from cchc.dossiers import views

app_name = "dossiers"

urlpatterns = [
    path("", views.dossier_list, name="list"),
    path("new/", views.dossier_new, name="new"),
    path("<str:code>/", views.dossier_detail, name="detail"),
    path("<str:code>/act/<str:action>/", views.dossier_act, name="act"),
]
