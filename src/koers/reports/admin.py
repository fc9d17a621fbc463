from django.contrib import admin

from .models import Benchmark, BoardLink, SentReport, ShareAccess, ShareLink, Subscription


@admin.register(Benchmark)
class BenchmarkAdmin(admin.ModelAdmin):
    list_display = ["kpi", "value", "source", "period", "organisation"]
    list_filter = ["organisation"]


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = ["user", "unit", "frequency", "lang", "organisation"]
    list_filter = ["organisation", "frequency"]


@admin.register(SentReport)
class SentReportAdmin(admin.ModelAdmin):
    list_display = ["subscription", "period", "sent_at"]


@admin.register(ShareLink)
class ShareLinkAdmin(admin.ModelAdmin):
    list_display = ["unit", "period", "label", "expires_on", "revoked_at", "organisation"]
    list_filter = ["organisation"]


@admin.register(BoardLink)
class BoardLinkAdmin(admin.ModelAdmin):
    list_display = ["unit", "label", "expires_on", "revoked_at", "organisation"]
    list_filter = ["organisation"]


@admin.register(ShareAccess)
class ShareAccessAdmin(admin.ModelAdmin):
    list_display = ["link", "at", "ip_hash", "what"]
