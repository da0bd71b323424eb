"""Reports, dashboards and the public progress page. Included at the site root (paths carry their prefix)."""

from django.urls import path

from cchc.reports import views

app_name = "reports"

urlpatterns = [
    path("reports/", views.dashboard_index, name="index"),
    path("reports/plans/<int:pk>/", views.plan_dashboard, name="plan"),
    path("reports/plans/<int:pk>/areas/<int:area_id>/", views.area_dashboard, name="area"),
    path("reports/agencies/<str:code>/", views.agency_dashboard, name="agency"),
    path("reports/periodic/", views.periodic_form, name="periodic"),
    path("reports/periodic.docx", views.periodic_docx, name="periodic_docx"),
    path("reports/tasks.xlsx", views.tasks_xlsx, name="tasks_xlsx"),
    path("reports/plans/<int:pk>/publish/", views.publish, name="publish"),
    path("public/progress/", views.public_list, name="public_list"),
    path("public/progress/<int:pk>/", views.public_detail, name="public_detail"),
]
