from django.contrib import admin

from .models import AnnualGoal


@admin.register(AnnualGoal)
class AnnualGoalAdmin(admin.ModelAdmin):
    list_display = ["title", "year", "unit", "organisation"]
    list_filter = ["organisation", "year"]
