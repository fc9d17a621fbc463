from django.contrib import admin

from .models import HealthSettings


@admin.register(HealthSettings)
class HealthSettingsAdmin(admin.ModelAdmin):
    list_display = ["organisation", "max_kpis_per_unit"]
