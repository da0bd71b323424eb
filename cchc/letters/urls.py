from django.urls import path

from cchc.letters import views

app_name = "letters"

urlpatterns = [
    path("<str:code>/<slug:kind>.pdf", views.letter_pdf, name="pdf"),
    path("<str:code>/panel/", views.dossier_panel, name="panel"),
]
