from django.contrib import admin

from .models import ImportBatch


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = ["filename", "organisation", "user", "status", "created"]
    list_filter = ["status", "organisation"]
    exclude = ["data"]
    readonly_fields = ["result"]
