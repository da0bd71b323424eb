from django.contrib import admin
from django.urls import include, path

from cchc.api.main import api
from cchc.common import views as common_views

# The API first: Django tries patterns in order, and API calls (intake above all) are the most frequent.
urlpatterns = [
    path("api/v1/", api.urls),
    path("", common_views.home, name="home"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("cchc.accounts.urls")),
    path("registry/", include("cchc.org.urls")),
    path("plans/", include("cchc.plans.urls")),
    path("procedures/", include("cchc.procedures.urls")),
    path("dossiers/", include("cchc.dossiers.urls")),
    path("notifications/", include("cchc.notifications.urls")),
    path("", include("cchc.reports.urls")),
    path("public/", include("cchc.public.urls")),
    path("portal/", include("cchc.portal.urls")),
    path("eforms/", include("cchc.eforms.urls")),
    path("letters/", include("cchc.letters.urls")),
    path("payments/", include("cchc.payments.urls")),
    path("results/", include("cchc.results.urls")),
    path("queues/", include("cchc.queues.urls")),
    path("admin/", admin.site.urls),
]

admin.site.site_header = "cchc — quản trị danh mục"
admin.site.site_title = "cchc"

