from django.urls import path

from cchc.org import views

app_name = "org"

urlpatterns = [
    path("", views.agency_list, name="agency_list"),
    path("tree/", views.agency_tree, name="agency_tree"),
    path("resolve/", views.resolve, name="resolve"),
    path("reorganisations/", views.reorganisations, name="reorganisations"),
    path("import/", views.registry_import, name="registry_import"),
    path("export.<str:fmt>", views.registry_export, name="registry_export"),
    path("<str:code>/", views.agency_detail, name="agency_detail"),
]
