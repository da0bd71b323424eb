from django.urls import path

from cchc.eforms import views

app_name = "eforms"

urlpatterns = [
    path("", views.index, name="index"),
    path("assisted/", views.assisted, name="assisted"),
    path("drafts/", views.drafts, name="drafts"),
    path("drafts/<int:draft_id>/", views.draft, name="draft"),
    path("drafts/<int:draft_id>/fields/", views.draft_fields, name="draft_fields"),
    path("drafts/<int:draft_id>/autosave/", views.draft_autosave, name="draft_autosave"),
    path("drafts/<int:draft_id>/files/", views.draft_upload, name="draft_upload"),
    path("drafts/<int:draft_id>/files/<int:file_id>/delete/", views.draft_file_delete, name="draft_file_delete"),
    path("drafts/<int:draft_id>/files/next/", views.draft_files_next, name="draft_files_next"),
    path("drafts/<int:draft_id>/submit/", views.draft_submit, name="draft_submit"),
    path("drafts/<int:draft_id>/delete/", views.draft_delete, name="draft_delete"),
    path("drafts/<int:draft_id>/done/", views.done, name="done"),
    path("files/<int:file_id>/", views.file_download, name="file"),
    path("dossiers/<str:code>/files/", views.dossier_scans, name="dossier_scans"),
    path("dossiers/<str:code>/panel/", views.dossier_panel, name="dossier_panel"),
]
