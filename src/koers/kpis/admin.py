from django.contrib import admin

from .models import KPI, KPIChange, Measurement, MeasurementChange
from .recording import record_value


@admin.register(KPI)
class KPIAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "organisation", "unit", "frequency", "direction", "status"]
    list_filter = ["organisation", "status", "frequency", "area"]
    search_fields = ["code", "name"]


@admin.register(Measurement)
class MeasurementAdmin(admin.ModelAdmin):
    list_display = ["kpi", "period_start", "value", "updated_by", "updated_at"]
    list_filter = ["organisation"]
    search_fields = ["kpi__code"]
    raw_id_fields = ["kpi"]

    def save_model(self, request, obj, form, change):
        # Admin edits go through the same path as every other write: history is kept.

        record_value(
            obj.kpi, obj.period_start, obj.value, obj.comment, user=request.user, source="web"
        )

    def delete_model(self, request, obj):

        record_value(obj.kpi, obj.period_start, None, None, user=request.user, source="web")


@admin.register(MeasurementChange)
class MeasurementChangeAdmin(admin.ModelAdmin):
    list_display = ["kpi", "period_start", "action", "old_value", "new_value", "user", "at"]
    list_filter = ["organisation", "action", "source"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(KPIChange)
class KPIChangeAdmin(admin.ModelAdmin):
    list_display = ["kpi", "summary", "user", "at"]

    def has_change_permission(self, request, obj=None):
        return False
