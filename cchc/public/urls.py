from django.urls import path

from cchc.public import views

app_name = "public"

urlpatterns = [
    path("procedures/", views.procedure_list, name="procedure_list"),
    path("procedures/<str:code>/", views.procedure_detail, name="procedure_detail"),
    path("lookup/", views.lookup, name="lookup"),
    path("ratings/<str:code>/panel/", views.rating_panel, name="rating_panel"),
]
