from django.urls import path

from cchc.procedures import views, views_process

app_name = "procedures"

urlpatterns = [
    path("", views.catalogue, name="list"),
    path("import/", views.import_view, name="import"),
    path("import/<str:token>/apply/", views.import_apply, name="import_apply"),
    path("<str:code>/", views.procedure_detail, name="detail"),
    path("<str:code>/history/", views.history, name="history"),
    path("<str:code>/v<int:number>/", views.procedure_detail, name="version"),
    path("<str:code>/v<int:number>/edit/", views.version_edit, name="edit"),
    path("<str:code>/v<int:number>/<str:action>/", views.version_action, name="action"),
    path("<str:code>/v<int:number>/cases/<str:case_code>/process/", views_process.process_editor, name="process"),
]
