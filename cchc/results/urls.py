from django.urls import path

from cchc.results import views

app_name = "results"

urlpatterns = [
    path("verify-file/", views.verify_file, name="verify_file"),
    path("<str:code>/verify/", views.verify, name="verify"),
    path("<str:code>/panel/", views.panel, name="panel"),
    path("<str:code>/sign/", views.sign, name="sign"),
    path("<str:code>/file/", views.staff_file, name="file"),
    path("<str:code>/return/postal/", views.return_postal, name="return_postal"),
    path("<str:code>/return/electronic/", views.return_electronic, name="return_electronic"),
    path("<str:code>/postal/status/", views.postal_status, name="postal_status"),
]
