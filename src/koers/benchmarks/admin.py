from django.contrib import admin

from .models import BenchmarkSet, Figure, Participation


@admin.register(Participation)
class ParticipationAdmin(admin.ModelAdmin):
    list_display = ["organisation", "joined_at"]


class FigureInline(admin.TabularInline):
    model = Figure
    extra = 0


@admin.register(BenchmarkSet)
class BenchmarkSetAdmin(admin.ModelAdmin):
    list_display = ["file_name", "organisation", "figures_count", "imported_at"]
    inlines = [FigureInline]
