from auditlog.registry import auditlog
from django.contrib import admin

from cchc.org.models import Agency, AgencyAlias, AgencyGroup, Reorganisation


class AliasInline(admin.TabularInline):
    model = AgencyAlias
    extra = 0


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "type", "parent", "valid_from", "valid_to", "illustrative")
    list_filter = ("type", "illustrative", "confidence")
    search_fields = ("code", "name", "short_name", "search_text")
    raw_id_fields = ("parent",)
    inlines = [AliasInline]
    readonly_fields = ("search_text",)


@admin.register(Reorganisation)
class ReorganisationAdmin(admin.ModelAdmin):
    list_display = ("effective_date", "kind", "legal_basis", "illustrative")
    list_filter = ("kind",)
    filter_horizontal = ("predecessors", "successors")


@admin.register(AgencyGroup)
class AgencyGroupAdmin(admin.ModelAdmin):
    list_display = ("code", "name")


auditlog.register(Agency)
auditlog.register(AgencyAlias)
auditlog.register(AgencyGroup)
auditlog.register(Reorganisation, m2m_fields={"predecessors", "successors"})
