from django.contrib import admin

from cchc.reports.models import PublishedSnapshot


@admin.register(PublishedSnapshot)
class PublishedSnapshotAdmin(admin.ModelAdmin):
    list_display = ("title", "year", "quarter", "as_of", "published_by", "published_at")
    readonly_fields = ("plan", "year", "quarter", "as_of", "title", "data", "published_by", "published_at")
