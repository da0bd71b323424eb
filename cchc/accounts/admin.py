from auditlog.registry import auditlog
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from cchc.accounts.models import ApiToken, RoleAssignment, User


class RoleInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "full_name", "kind", "agency", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("username", "full_name", "email")
    raw_id_fields = ("agency",)
    inlines = [RoleInline]
    fieldsets = (*BaseUserAdmin.fieldsets, ("cchc", {"fields": ("full_name", "kind", "agency", "phone", "position")}))


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "prefix", "created_at", "revoked_at")
    readonly_fields = ("digest", "prefix")


auditlog.register(User, exclude_fields=["password", "last_login"])
auditlog.register(RoleAssignment)
