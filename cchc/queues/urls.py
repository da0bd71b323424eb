from django.urls import path

from cchc.queues import views

app_name = "queues"

urlpatterns = [
    path("counter/", views.counter, name="counter"),
    path("mine/", views.mine, name="mine"),
    path("bulk/", views.bulk, name="bulk"),
    path("late/", views.late, name="late"),
    path("register.xlsx", views.register_xlsx, name="register"),
    path("views/", views.views_log, name="views"),
    path("panel/<str:code>/views/", views.dossier_views_panel, name="dossier_views"),
]
