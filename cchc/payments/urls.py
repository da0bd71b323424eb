from django.urls import path

from cchc.payments import views

app_name = "payments"

urlpatterns = [
    path("dossiers/<str:code>/panel/", views.panel, name="panel"),
    path("dossiers/<str:code>/lines/generate/", views.lines_generate, name="lines_generate"),
    path("dossiers/<str:code>/lines/add/", views.line_add, name="line_add"),
    path("dossiers/<str:code>/requests/", views.request_create, name="request_create"),
    path("dossiers/<str:code>/requests/<str:reference>/start/", views.request_start, name="request_start"),
    path("dossiers/<str:code>/requests/<str:reference>/cancel/", views.request_cancel, name="request_cancel"),
    path("dossiers/<str:code>/cash/", views.cash_confirm, name="cash_confirm"),
    path("receipts/<str:series>/<int:number>/", views.receipt_page, name="receipt"),
    path("receipts/<str:series>/<int:number>/pdf/", views.receipt_pdf, name="receipt_pdf"),
]
