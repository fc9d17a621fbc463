from django.contrib import admin

from .models import CoreCompetence, Membership, Organisation, Unit, UnitRole


class CoreCompetenceInline(admin.TabularInline):
    model = CoreCompetence
    extra = 0


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "created_at"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "slug"]
    inlines = [CoreCompetenceInline, MembershipInline]


class UnitRoleInline(admin.TabularInline):
    model = UnitRole
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "parent", "kind", "order"]
    list_filter = ["organisation", "kind"]
    search_fields = ["name", "slug"]
    inlines = [UnitRoleInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role"]
    list_filter = ["organisation", "role"]
