from django import forms
from django.contrib import admin
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from . import changes
from .models import KPI, KPIChange, Measurement, MeasurementChange, Source
from .recording import record_value
from .values import ValueProblem, storable


@admin.register(KPI)
class KPIAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "organisation", "unit", "frequency", "direction", "status"]
    list_filter = ["organisation", "status", "frequency", "area"]
    search_fields = ["code", "name"]

    def save_model(self, request, obj, form, change):
        # Definition changes made here are kept in the KPI's history like any other.
        obj.save()
        if not change:
            changes.kpi_created(obj, user=request.user)
        elif form.changed_data:
            fields = {
                str(form.fields[name].label): [
                    str(form.initial.get(name, "")),
                    str(form.cleaned_data.get(name, "")),
                ]
                for name in form.changed_data
            }
            changes.log_change(
                obj, user=request.user, summary=_("Definition changed"), changes=fields, bump=True
            )


class MeasurementAdminForm(forms.ModelForm):
    class Meta:
        model = Measurement
        fields = ["organisation", "kpi", "period_start", "value", "comment"]

    def clean_value(self):
        value = self.cleaned_data["value"]
        try:
            return storable(value)
        except ValueProblem as problem:
            raise forms.ValidationError(problem.message(get_language() or "nl")) from None


@admin.register(Measurement)
class MeasurementAdmin(admin.ModelAdmin):
    form = MeasurementAdminForm
    list_display = ["kpi", "period_start", "value", "updated_by", "updated_at"]
    list_filter = ["organisation"]
    search_fields = ["kpi__code"]
    raw_id_fields = ["kpi"]

    # Every admin write goes through the same path as every other: history kept, revision bumped.
    def save_model(self, request, obj, form, change):
        record_value(
            obj.kpi, obj.period_start, obj.value, obj.comment, user=request.user, source=Source.WEB
        )

    def delete_model(self, request, obj):
        changes.delete_measurements([obj], user=request.user, detail="admin")

    def delete_queryset(self, request, queryset):
        changes.delete_measurements(
            queryset.select_related("kpi"), user=request.user, detail="admin"
        )


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
