from django.urls import path

from cchc.plans import views

app_name = "plans"

urlpatterns = [
    path("", views.plan_list, name="list"),
    path("import/", views.plan_import_view, name="import"),
    path("import/<str:token>/confirm/", views.plan_import_confirm, name="import_confirm"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("<int:pk>/v<int:number>/", views.plan_detail, name="version"),
]
