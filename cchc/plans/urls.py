from django.urls import path

from cchc.plans.views import importing, progress, queue, tasks

app_name = "plans"

urlpatterns = [
    path("", importing.plan_list, name="list"),
    path("import/", importing.plan_import_view, name="import"),
    path("import/<str:token>/confirm/", importing.plan_import_confirm, name="import_confirm"),
    path("<int:pk>/", importing.plan_detail, name="detail"),
    path("<int:pk>/v<int:number>/", importing.plan_detail, name="version"),
    path("<int:pk>/v<int:number>/approve/", tasks.version_approve, name="approve"),
    path("<int:pk>/tasks/new/", tasks.task_new, name="task_new"),
    path("<int:pk>/export.xlsx", queue.plan_export, name="plan_export"),
    path("tasks/<int:pk>/", tasks.task_page, name="task"),
    path("tasks/<int:pk>/edit/", tasks.task_edit, name="task_edit"),
    path("queue/", queue.queue_page, name="queue"),
    path("queue/export.xlsx", queue.queue_export, name="queue_export"),
    path("progress/import/", queue.sheet_import, name="sheet_import"),
    path("progress/import/<str:token>/confirm/", queue.sheet_confirm, name="sheet_confirm"),
    path("work/<int:pk>/report/", progress.report_form, name="report"),
    path("reports/<int:pk>/review/", progress.report_review, name="review"),
    path("reviews/", progress.reviews, name="reviews"),
    path("evidence/<int:pk>/", progress.evidence_download, name="evidence"),
]
