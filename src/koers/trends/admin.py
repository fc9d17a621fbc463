from django.contrib import admin

from .models import Rebaseline, TrendSettings


@admin.register(TrendSettings)
class TrendSettingsAdmin(admin.ModelAdmin):
    list_display = ["kpi", "baseline_points", "baseline_locked", "spread", "seasonal", "version"]
    list_filter = ["organisation", "seasonal"]
    raw_id_fields = ["kpi"]


@admin.register(Rebaseline)
class RebaselineAdmin(admin.ModelAdmin):
    list_display = ["kpi", "period_start", "reason", "created_by", "created_at"]
    list_filter = ["organisation"]
    raw_id_fields = ["kpi"]
